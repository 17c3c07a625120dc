using System.Globalization;
using System.Net.Http.Headers;

namespace SatDownload.Http;

/// <summary>
/// Reads <c>Retry-After</c> in every form providers send: delta seconds, an HTTP date, or a provider-specific unit
/// (Sentinel Hub sends milliseconds). Negative or absurd values are clamped.
/// </summary>
public static class RetryAfterParser
{
    /// <summary>The longest wait accepted from a server; longer values are clamped to it.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>Reads the Retry-After of a response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="unit">The unit of a numeric value.</param>
    /// <param name="timeProvider">The clock used to turn an HTTP date into a delay; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The delay, or null when the header is absent or unreadable.</returns>
    public static TimeSpan? Parse(HttpResponseMessage response, RetryAfterUnit unit = RetryAfterUnit.Seconds, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        var raw = values.FirstOrDefault();
        return Parse(raw, unit, (timeProvider ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>Reads a Retry-After header value.</summary>
    /// <param name="value">The raw header value.</param>
    /// <param name="unit">The unit of a numeric value.</param>
    /// <param name="now">The current time, to turn an HTTP date into a delay.</param>
    /// <returns>The delay, or null when unreadable.</returns>
    public static TimeSpan? Parse(string? value, RetryAfterUnit unit, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (double.IsNaN(number) || double.IsInfinity(number))
            {
                return null;
            }

            var delay = unit == RetryAfterUnit.Milliseconds ? number / 1000.0 : number;
            return Clamp(TimeSpan.FromSeconds(Math.Min(delay, MaxRetryAfter.TotalSeconds)));
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ||
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return Clamp(date - now);
        }

        return null;
    }

    /// <summary>Reads the Retry-After of typed response headers (for use inside handlers).</summary>
    /// <param name="retryAfter">The typed header.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The delay, or null.</returns>
    public static TimeSpan? Parse(RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter is null)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return Clamp(delta);
        }

        return retryAfter.Date is { } date ? Clamp(date - now) : null;
    }

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
}
