using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Body of <c>POST /api/v1/statistics</c>.</summary>
public sealed class StatisticalRequest
{
    /// <summary>Bounds and data collections.</summary>
    [JsonPropertyName("input")]
    public ProcessInput Input { get; set; } = new();

    /// <summary>Time range, interval, size and evalscript.</summary>
    [JsonPropertyName("aggregation")]
    public StatisticalAggregation Aggregation { get; set; } = new();

    /// <summary>Histograms and percentiles per output and band (<c>default</c> for all).</summary>
    [JsonPropertyName("calculations")]
    public IDictionary<string, StatisticalCalculation>? Calculations { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
