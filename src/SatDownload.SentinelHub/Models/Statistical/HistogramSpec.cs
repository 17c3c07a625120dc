using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A histogram definition: explicit <c>bins</c>, or <c>nBins</c>, or <c>binWidth</c>, with optional edges.</summary>
public sealed class HistogramSpec
{
    /// <summary>Number of equal bins.</summary>
    [JsonPropertyName("nBins")]
    public int? NBins { get; set; }

    /// <summary>Bin width.</summary>
    [JsonPropertyName("binWidth")]
    public double? BinWidth { get; set; }

    /// <summary>Lowest edge.</summary>
    [JsonPropertyName("lowEdge")]
    public double? LowEdge { get; set; }

    /// <summary>Highest edge.</summary>
    [JsonPropertyName("highEdge")]
    public double? HighEdge { get; set; }

    /// <summary>Explicit bin edges.</summary>
    [JsonPropertyName("bins")]
    public IList<double>? Bins { get; set; }
}
