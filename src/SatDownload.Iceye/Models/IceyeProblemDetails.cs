using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>
/// ICEYE's error body when <c>Accept</c> includes <c>application/problem+json</c>: <c>title</c>, <c>code</c>,
/// <c>details</c>, <c>reference</c>. Not exactly RFC 7807 (<c>details</c> and <c>code</c> instead of <c>detail</c> and
/// <c>type</c>), so the RFC members are read too in case ICEYE converges on them.
/// </summary>
public sealed class IceyeProblemDetails
{
    /// <summary>A short summary, for example <c>Not Found</c>.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The machine-readable code, for example <c>not_found</c>.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>The explanation; a string, or structured validation details.</summary>
    [JsonPropertyName("details")]
    public JsonElement? Details { get; init; }

    /// <summary>A documentation URL about the error.</summary>
    [JsonPropertyName("reference")]
    public string? Reference { get; init; }

    /// <summary>The RFC 7807 <c>detail</c>, if sent instead of <c>details</c>.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    /// <summary>The RFC 7807 <c>type</c>, if sent.</summary>
    [JsonPropertyName("type")]
    public string? ProblemType { get; init; }

    /// <summary>The RFC 7807 <c>status</c>, if sent.</summary>
    [JsonPropertyName("status")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Status { get; init; }

    /// <summary>Other members (for example OAuth2 <c>error</c> / <c>error_description</c>).</summary>
    [JsonExtensionData]
#pragma warning disable CA2227 // System.Text.Json fills extension data through a setter; init would make it a constructor parameter.
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
#pragma warning restore CA2227
}
