namespace SatDownload.Http;

/// <summary>
/// Exponential backoff with full jitter, shared by the HTTP retry handler, the downloader and task polling so that every
/// retry in SatDownload spaces itself the same way.
/// </summary>
public static class BackoffCalculator
{
    /// <summary>Computes the delay before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    /// <param name="attempt">The retry number, starting at 1.</param>
    /// <param name="baseDelay">The delay before the first retry (before jitter).</param>
    /// <param name="maxDelay">The cap.</param>
    /// <param name="jitter">Whether to randomise the delay (between half and the full exponential value).</param>
    /// <param name="retryAfter">A server-requested delay, which wins when longer.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan Compute(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, bool jitter = true, TimeSpan? retryAfter = null)
    {
        if (attempt < 1)
        {
            attempt = 1;
        }

        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        if (jitter)
        {
            // "Equal jitter": keeps at least half the backoff so retries still spread out under load.
            ticks = (ticks / 2) + (Random.Shared.NextDouble() * ticks / 2);
        }

        var delay = TimeSpan.FromTicks((long)Math.Max(0, ticks));
        if (retryAfter is { } ra && ra > delay)
        {
            delay = ra;
        }

        return delay;
    }
}
