using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A page of STAC items (search or collection items).</summary>
public sealed class CatalogFeatureCollection
{
    /// <summary>Always <c>FeatureCollection</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The items.</summary>
    [JsonPropertyName("features")]
    public IList<CatalogItem> Features { get; set; } = new List<CatalogItem>();

    /// <summary>Links (<c>next</c> carries the paging token).</summary>
    [JsonPropertyName("links")]
    public IList<CatalogLink>? Links { get; set; }

    /// <summary>Paging context; <c>next</c> absent on the last page.</summary>
    [JsonPropertyName("context")]
    public CatalogContext? Context { get; set; }

    /// <summary>When the response was generated.</summary>
    [JsonPropertyName("timeStamp")]
    public DateTimeOffset? TimeStamp { get; set; }

    /// <summary>Number of features in this page.</summary>
    [JsonPropertyName("numberReturned")]
    public int? NumberReturned { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
