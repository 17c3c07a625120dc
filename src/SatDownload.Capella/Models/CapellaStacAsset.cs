using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>One file of a <see cref="CapellaStacItem"/>.</summary>
public sealed class CapellaStacAsset
{
    /// <summary>The file URL; presigned (short-lived) in order downloads. Never log it.</summary>
    [JsonPropertyName("href")]
    public string? Href { get; init; }

    /// <summary>The title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The media type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>STAC roles.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The size in bytes, when listed (<c>file:size</c>).</summary>
    [JsonPropertyName("file:size")]
    public long? FileSize { get; init; }

    /// <summary>Other fields.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"CapellaStacAsset('{Title}', {Type})";
}
