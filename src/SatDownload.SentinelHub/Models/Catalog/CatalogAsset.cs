using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A STAC asset.</summary>
public sealed class CatalogAsset
{
    /// <summary>Location; Sentinel Hub items usually point at <c>s3://</c> folders (<c>inode/directory</c>).</summary>
    [JsonPropertyName("href")]
    public string? Href { get; set; }

    /// <summary>Title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>Media type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Roles.</summary>
    [JsonPropertyName("roles")]
    public IList<string>? Roles { get; set; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
