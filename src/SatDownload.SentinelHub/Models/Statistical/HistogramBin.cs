using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A histogram bin.</summary>
public sealed class HistogramBin
{
    /// <summary>Lower edge.</summary>
    [JsonPropertyName("lowEdge")]
    public double? LowEdge { get; set; }

    /// <summary>Upper edge.</summary>
    [JsonPropertyName("highEdge")]
    public double? HighEdge { get; set; }

    /// <summary>Count.</summary>
    [JsonPropertyName("count")]
    public long? Count { get; set; }
}
