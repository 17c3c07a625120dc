using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>An interval's error.</summary>
public sealed class StatisticalIntervalError
{
    /// <summary><c>BAD_REQUEST</c>, <c>EXECUTION_ERROR</c> or <c>TIMEOUT</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>A message, when the service gives one.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Whether re-requesting the interval alone may succeed (<c>EXECUTION_ERROR</c>, <c>TIMEOUT</c>).</summary>
    [JsonIgnore]
    public bool IsRetryable => Type is "EXECUTION_ERROR" or "TIMEOUT";
}
