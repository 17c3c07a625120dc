using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Body of <c>POST /api/v1/catalog/1.0.0/search</c> (STAC item search).</summary>
public sealed class CatalogSearchRequest
{
    /// <summary>Collection ids (required).</summary>
    [JsonPropertyName("collections")]
    public IList<string> Collections { get; set; } = new List<string>();

    /// <summary>Instant or interval (<c>start/end</c>, open ends <c>..</c>).</summary>
    [JsonPropertyName("datetime")]
    public string? Datetime { get; set; }

    /// <summary>WGS84 bbox (west, south, east, north).</summary>
    [JsonPropertyName("bbox")]
    public IList<double>? Bbox { get; set; }

    /// <summary>A GeoJSON geometry the items must intersect.</summary>
    [JsonPropertyName("intersects")]
    public JsonElement? Intersects { get; set; }

    /// <summary>Item ids.</summary>
    [JsonPropertyName("ids")]
    public IList<string>? Ids { get; set; }

    /// <summary>Page size 1–100 (service default 10).</summary>
    [JsonPropertyName("limit")]
    public int? Limit { get; set; }

    /// <summary>Fields to include/exclude.</summary>
    [JsonPropertyName("fields")]
    public CatalogFields? Fields { get; set; }

    /// <summary>A CQL2-JSON filter expression.</summary>
    [JsonPropertyName("filter")]
    public JsonElement? Filter { get; set; }

    /// <summary><c>cql2-json</c> (POST) or <c>cql2-text</c>.</summary>
    [JsonPropertyName("filter-lang")]
    public string? FilterLang { get; set; }

    /// <summary>CRS of spatial literals in the filter.</summary>
    [JsonPropertyName("filter-crs")]
    public string? FilterCrs { get; set; }

    /// <summary>Return the distinct values of this property instead of items.</summary>
    [JsonPropertyName("distinct")]
    public string? Distinct { get; set; }

    /// <summary>Paging token (the previous page's <c>context.next</c>).</summary>
    [JsonPropertyName("next")]
    public int? Next { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
