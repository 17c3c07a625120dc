using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A STAC item (a Sentinel Hub product, id = product name).</summary>
public sealed class CatalogItem
{
    /// <summary>STAC version.</summary>
    [JsonPropertyName("stac_version")]
    public string? StacVersion { get; set; }

    /// <summary>STAC extensions.</summary>
    [JsonPropertyName("stac_extensions")]
    public IList<string>? StacExtensions { get; set; }

    /// <summary>Item id, e.g. <c>S2B_MSIL2A_20201229T101329_N0214_R022_T33TUK_20201229T115442</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Always <c>Feature</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Footprint (GeoJSON, may carry a <c>crs</c> member).</summary>
    [JsonPropertyName("geometry")]
    public JsonElement? Geometry { get; set; }

    /// <summary>WGS84 bbox.</summary>
    [JsonPropertyName("bbox")]
    public IList<double>? Bbox { get; set; }

    /// <summary>Item properties (<c>datetime</c>, <c>eo:cloud_cover</c>, <c>proj:epsg</c>, ...).</summary>
    [JsonPropertyName("properties")]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Assets by key.</summary>
    [JsonPropertyName("assets")]
    public IDictionary<string, CatalogAsset>? Assets { get; set; }

    /// <summary>The collection id.</summary>
    [JsonPropertyName("collection")]
    public string? Collection { get; set; }

    /// <summary>Links.</summary>
    [JsonPropertyName("links")]
    public IList<CatalogLink>? Links { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The acquisition time (<c>properties.datetime</c>).</summary>
    [JsonIgnore]
    public DateTimeOffset? Datetime =>
        Properties is not null && Properties.TryGetValue("datetime", out var v) && v.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    /// <summary>Cloud cover in percent (<c>properties.eo:cloud_cover</c>).</summary>
    [JsonIgnore]
    public double? CloudCover =>
        Properties is not null && Properties.TryGetValue("eo:cloud_cover", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>The EPSG code of the product's native CRS (<c>properties.proj:epsg</c>).</summary>
    [JsonIgnore]
    public int? ProjEpsg =>
        Properties is not null && Properties.TryGetValue("proj:epsg", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var e) ? e : null;
}
