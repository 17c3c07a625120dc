using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary><c>input.bounds</c>: a bbox (min-x, min-y, max-x, max-y in the CRS) and/or a GeoJSON geometry.</summary>
public sealed class ProcessBounds
{
    /// <summary>min-x, min-y, max-x, max-y in <see cref="Properties"/>' CRS.</summary>
    [JsonPropertyName("bbox")]
    public IList<double>? Bbox { get; set; }

    /// <summary>A GeoJSON Polygon or MultiPolygon in the same CRS.</summary>
    [JsonPropertyName("geometry")]
    public JsonElement? Geometry { get; set; }

    /// <summary>The CRS (OGC URL); CRS84 when omitted.</summary>
    [JsonPropertyName("properties")]
    public BoundsProperties? Properties { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
