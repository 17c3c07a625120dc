using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Aggregation interval: an ISO-8601 duration (≥ 1 day) and what to do with a short last interval.</summary>
public sealed class AggregationInterval
{
    /// <summary>ISO-8601 duration such as <c>P10D</c> or <c>P1M</c>.</summary>
    [JsonPropertyName("of")]
    public string? Of { get; set; }

    /// <summary><c>SKIP</c> (default), <c>SHORTEN</c> or <c>EXTEND</c>.</summary>
    [JsonPropertyName("lastIntervalBehavior")]
    public string? LastIntervalBehavior { get; set; }
}
