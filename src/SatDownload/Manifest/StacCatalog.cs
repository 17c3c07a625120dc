using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Manifest;

/// <summary>A STAC 1.0.0 Catalog.</summary>
internal sealed class StacCatalog
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "Catalog";

    [JsonPropertyName("stac_version")]
    public string StacVersion { get; set; } = StacManifestWriter.StacVersion;

    [JsonPropertyName("stac_extensions")]
    public List<string>? StacExtensions { get; set; }

    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("description")]
    public string Description { get; set; } = string.Empty;

    [JsonPropertyName("links")]
    public List<StacLink> Links { get; set; } = [];

    /// <summary>Fields written by other tools, kept on merge.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
