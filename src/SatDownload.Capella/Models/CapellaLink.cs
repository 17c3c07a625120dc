using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>A STAC-style link.</summary>
public sealed class CapellaLink
{
    /// <summary>The relation, for example <c>next</c> or <c>self</c>.</summary>
    [JsonPropertyName("rel")]
    public string? Rel { get; init; }

    /// <summary>The target.</summary>
    [JsonPropertyName("href")]
    public string? Href { get; init; }

    /// <summary>The media type of the target.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The HTTP method to use (STAC API paging may say POST).</summary>
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    /// <summary>Other fields.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
