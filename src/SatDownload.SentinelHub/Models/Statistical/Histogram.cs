using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A histogram.</summary>
public sealed class Histogram
{
    /// <summary>Bins.</summary>
    [JsonPropertyName("bins")]
    public IList<HistogramBin> Bins { get; set; } = new List<HistogramBin>();

    /// <summary>Values above the highest edge.</summary>
    [JsonPropertyName("overflow")]
    public long? Overflow { get; set; }

    /// <summary>Values below the lowest edge.</summary>
    [JsonPropertyName("underflow")]
    public long? Underflow { get; set; }
}
