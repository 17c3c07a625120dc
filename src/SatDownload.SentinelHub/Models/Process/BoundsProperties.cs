using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary><c>input.bounds.properties</c>.</summary>
public sealed class BoundsProperties
{
    /// <summary>The CRS as an OGC URL, e.g. <c>http://www.opengis.net/def/crs/EPSG/0/32633</c>.</summary>
    [JsonPropertyName("crs")]
    public string? Crs { get; set; }
}
