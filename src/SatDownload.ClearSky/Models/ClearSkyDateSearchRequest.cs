using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>A date-availability search (<c>POST /api/satelliteimages/search/available</c>).</summary>
public sealed record ClearSkyDateSearchRequest
{
    /// <summary>The area of interest; sent as <see cref="Wkt"/> or <see cref="GeoJson"/>. Not sent as such.</summary>
    [JsonIgnore]
    public Aoi? Aoi { get; init; }

    /// <summary>The AOI as WKT (exclusive with <see cref="GeoJson"/>).</summary>
    [JsonPropertyName("Wkt")]
    public string? Wkt { get; init; }

    /// <summary>The AOI as a GeoJSON geometry object (exclusive with <see cref="Wkt"/>).</summary>
    [JsonPropertyName("GeoJson")]
    public JsonElement? GeoJson { get; init; }

    /// <summary>The first date searched (UTC).</summary>
    [JsonPropertyName("From")]
    [JsonConverter(typeof(ClearSkyDateJsonConverter))]
    public DateTimeOffset From { get; init; }

    /// <summary>The last date searched (UTC).</summary>
    [JsonPropertyName("Until")]
    [JsonConverter(typeof(ClearSkyDateJsonConverter))]
    public DateTimeOffset Until { get; init; }
}
