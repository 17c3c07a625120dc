using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Manifest;

/// <summary>A STAC asset object with the file extension's fields.</summary>
internal sealed class StacAsset
{
    [JsonPropertyName("href")]
    public string Href { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("roles")]
    public List<string>? Roles { get; set; }

    [JsonPropertyName("file:size")]
    public long? FileSize { get; set; }

    /// <summary>A multihash: <c>1220</c> (SHA2-256, 32 bytes) followed by the lowercase hex digest.</summary>
    [JsonPropertyName("file:checksum")]
    public string? FileChecksum { get; set; }

    /// <summary>The key of the asset (an archive) this file was extracted from, when it was.</summary>
    [JsonPropertyName("satdownload:extracted_from")]
    public string? ExtractedFrom { get; set; }

    /// <summary>Fields written by other tools, kept on merge.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
