using SatDownload.Http;

namespace SatDownload.Eos.Http;

/// <summary>The per-endpoint limiters of one API key, taken from the shared <see cref="RateLimiterRegistry"/>.</summary>
internal sealed class EosRateLimits
{
    private readonly RateLimiterRegistry _registry;
    private readonly string? _apiKey;
    private readonly RateLimitOptions? _options;

    public EosRateLimits(RateLimiterRegistry registry, string? apiKey, int requestsPerMinute, int burst)
    {
        _registry = registry;
        _apiKey = apiKey;

        // With a burst of 1 the requests are spaced evenly, so no rolling minute ever holds more than the limit,
        // whichever way EOS counts (fixed window, sliding window or token bucket).
        _options = requestsPerMinute > 0
            ? new RateLimitOptions { RequestsPerPeriod = requestsPerMinute, Period = TimeSpan.FromMinutes(1), Burst = Math.Clamp(burst, 1, requestsPerMinute) }
            : null;
    }

    /// <summary>The limiter for an endpoint, or null when limiting is off.</summary>
    public ProviderRateLimiter? For(string endpoint) =>
        _options is null ? null : _registry.GetOrCreate(ProviderNames.Eos + " " + endpoint, _apiKey, _options);

    public async ValueTask AcquireAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (For(endpoint) is { } limiter)
        {
            await limiter.AcquireAsync(0, cancellationToken).ConfigureAwait(false);
        }
    }
}
