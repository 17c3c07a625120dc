using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Calculations for one output: histograms and statistics per band (<c>default</c> for all bands).</summary>
public sealed class StatisticalCalculation
{
    /// <summary>Histograms by band.</summary>
    [JsonPropertyName("histograms")]
    public IDictionary<string, HistogramSpec>? Histograms { get; set; }

    /// <summary>Statistics (percentiles) by band.</summary>
    [JsonPropertyName("statistics")]
    public IDictionary<string, StatisticsSpec>? Statistics { get; set; }
}
