using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Basic statistics (the service may send <c>"NaN"</c> for empty intervals; read as <see cref="double.NaN"/>).</summary>
public sealed class BandStats
{
    /// <summary>Minimum.</summary>
    [JsonPropertyName("min")]
    public double? Min { get; set; }

    /// <summary>Maximum.</summary>
    [JsonPropertyName("max")]
    public double? Max { get; set; }

    /// <summary>Mean.</summary>
    [JsonPropertyName("mean")]
    public double? Mean { get; set; }

    /// <summary>Standard deviation.</summary>
    [JsonPropertyName("stDev")]
    public double? StDev { get; set; }

    /// <summary>Samples.</summary>
    [JsonPropertyName("sampleCount")]
    public long? SampleCount { get; set; }

    /// <summary>No-data samples.</summary>
    [JsonPropertyName("noDataCount")]
    public long? NoDataCount { get; set; }

    /// <summary>Percentiles keyed as the service writes them (e.g. <c>"50.0"</c>).</summary>
    [JsonPropertyName("percentiles")]
    public IDictionary<string, double?>? Percentiles { get; set; }
}
