using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Statistics and histogram of one band.</summary>
public sealed class BandStatistics
{
    /// <summary>Basic statistics and percentiles.</summary>
    [JsonPropertyName("stats")]
    public BandStats? Stats { get; set; }

    /// <summary>Histogram, when requested.</summary>
    [JsonPropertyName("histogram")]
    public Histogram? Histogram { get; set; }
}
