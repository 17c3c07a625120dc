using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A STAC collection (summaries, extent and the rest are kept in <see cref="AdditionalProperties"/>).</summary>
public sealed class CatalogCollection
{
    /// <summary>Collection id, e.g. <c>sentinel-2-l2a</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>License.</summary>
    [JsonPropertyName("license")]
    public string? License { get; set; }

    /// <summary>STAC version.</summary>
    [JsonPropertyName("stac_version")]
    public string? StacVersion { get; set; }

    /// <summary>The citation to show with derived products.</summary>
    [JsonPropertyName("sci:citation")]
    public string? Citation { get; set; }

    /// <summary>Spatial and temporal extent.</summary>
    [JsonPropertyName("extent")]
    public JsonElement? Extent { get; set; }

    /// <summary>Summaries (bands, platforms, ...).</summary>
    [JsonPropertyName("summaries")]
    public JsonElement? Summaries { get; set; }

    /// <summary>Links.</summary>
    [JsonPropertyName("links")]
    public IList<CatalogLink>? Links { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
