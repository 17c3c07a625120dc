using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>An inclusive RFC 3339 time range.</summary>
public sealed class TimeRange
{
    /// <summary>Start (inclusive).</summary>
    [JsonPropertyName("from")]
    public DateTimeOffset? From { get; set; }

    /// <summary>End (inclusive).</summary>
    [JsonPropertyName("to")]
    public DateTimeOffset? To { get; set; }

    /// <summary>Creates a range.</summary>
    /// <param name="from">Start.</param>
    /// <param name="to">End.</param>
    /// <returns>The range.</returns>
    public static TimeRange Between(DateTimeOffset from, DateTimeOffset to) => new() { From = from, To = to };
}
