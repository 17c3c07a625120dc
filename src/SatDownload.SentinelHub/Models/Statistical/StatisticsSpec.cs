using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Statistics for a band: percentiles.</summary>
public sealed class StatisticsSpec
{
    /// <summary>Percentiles to compute.</summary>
    [JsonPropertyName("percentiles")]
    public PercentilesSpec? Percentiles { get; set; }
}
