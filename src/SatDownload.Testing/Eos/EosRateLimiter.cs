namespace SatDownload.Testing.Eos;

/// <summary>
/// The emulator's server-side limit: a token bucket of N requests per minute for each (endpoint, API key), refilled
/// continuously on the virtual clock. The N+1th request inside a minute is refused with the wait until a token is back.
/// </summary>
public sealed class EosRateLimiter
{
    private readonly Dictionary<(string Endpoint, string Key), (double Tokens, DateTimeOffset At)> _buckets = new();
    private readonly object _gate = new();

    /// <summary>Takes a token.</summary>
    /// <param name="endpoint">The endpoint (for example <c>GET /api/gdw/api/{id}</c>).</param>
    /// <param name="key">The API key.</param>
    /// <param name="perMinute">The limit; 0 or less means unlimited.</param>
    /// <param name="now">The virtual time.</param>
    /// <param name="retryAfter">The wait until a token is available, when refused.</param>
    /// <returns>Whether the request may proceed.</returns>
    public bool TryAcquire(string endpoint, string key, int perMinute, DateTimeOffset now, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (perMinute <= 0)
        {
            return true;
        }

        var rate = perMinute / 60.0;
        lock (_gate)
        {
            var k = (endpoint, key);
            var (tokens, at) = _buckets.TryGetValue(k, out var b) ? b : (perMinute, now);
            var elapsed = Math.Max(0, (now - at).TotalSeconds);
            tokens = Math.Min(perMinute, tokens + (elapsed * rate));
            if (tokens >= 1 - 1e-9)
            {
                _buckets[k] = (Math.Max(0, tokens - 1), now);
                return true;
            }

            _buckets[k] = (tokens, now);
            retryAfter = TimeSpan.FromSeconds(Math.Ceiling((1 - tokens) / rate));
            return false;
        }
    }

    /// <summary>Forgets every bucket.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }
}
