using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Statistics of one aggregation interval, or its error.</summary>
public sealed class StatisticalInterval
{
    /// <summary>The interval.</summary>
    [JsonPropertyName("interval")]
    public TimeRange? Interval { get; set; }

    /// <summary>Per evalscript output.</summary>
    [JsonPropertyName("outputs")]
    public IDictionary<string, StatisticalOutput>? Outputs { get; set; }

    /// <summary>The interval's error (<c>BAD_REQUEST</c>, <c>EXECUTION_ERROR</c>, <c>TIMEOUT</c>).</summary>
    [JsonPropertyName("error")]
    public StatisticalIntervalError? Error { get; set; }
}
