using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary><c>dataFilter</c> of a data collection.</summary>
public sealed class DataFilter
{
    /// <summary>Acquisition time range (both ends inclusive).</summary>
    [JsonPropertyName("timeRange")]
    public TimeRange? TimeRange { get; set; }

    /// <summary><c>mostRecent</c>, <c>leastRecent</c> or <c>leastCC</c>.</summary>
    [JsonPropertyName("mosaickingOrder")]
    public string? MosaickingOrder { get; set; }

    /// <summary>Maximum cloud cover, 0–100.</summary>
    [JsonPropertyName("maxCloudCoverage")]
    public double? MaxCloudCoverage { get; set; }

    /// <summary>Preview mode (e.g. <c>DETAIL</c>).</summary>
    [JsonPropertyName("previewMode")]
    public string? PreviewMode { get; set; }

    /// <summary>Sentinel-1 acquisition mode (<c>IW</c>, <c>EW</c>, ...).</summary>
    [JsonPropertyName("acquisitionMode")]
    public string? AcquisitionMode { get; set; }

    /// <summary>Sentinel-1 polarization (<c>DV</c>, <c>SH</c>, ...).</summary>
    [JsonPropertyName("polarization")]
    public string? Polarization { get; set; }

    /// <summary>Sentinel-1 orbit direction (<c>ASCENDING</c>/<c>DESCENDING</c>).</summary>
    [JsonPropertyName("orbitDirection")]
    public string? OrbitDirection { get; set; }

    /// <summary>Sentinel-1 resolution (<c>HIGH</c>/<c>MEDIUM</c>).</summary>
    [JsonPropertyName("resolution")]
    public string? Resolution { get; set; }

    /// <summary>Sentinel-1 timeliness (<c>NRT10m</c>, ...).</summary>
    [JsonPropertyName("timeliness")]
    public string? Timeliness { get; set; }

    /// <summary>Landsat tiers (<c>TIER_1</c>, ...).</summary>
    [JsonPropertyName("tiers")]
    public string? Tiers { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
