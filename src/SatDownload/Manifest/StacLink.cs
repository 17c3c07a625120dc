using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Manifest;

/// <summary>A STAC link object.</summary>
internal sealed class StacLink
{
    [JsonPropertyName("rel")]
    public string Rel { get; set; } = string.Empty;

    [JsonPropertyName("href")]
    public string Href { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>Fields written by other tools, kept on merge.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
