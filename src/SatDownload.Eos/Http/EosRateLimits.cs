using SatDownload.Http;

namespace SatDownload.Eos.Http;

/// <summary>The per-endpoint limiters of one API key, taken from the shared <see cref="RateLimiterRegistry"/>.</summary>
internal sealed class EosRateLimits
{
    private readonly RateLimiterRegistry _registry;
    private readonly string? _apiKey;
    private readonly RateLimitOptions? _options;

    public EosRateLimits(RateLimiterRegistry registry, string? apiKey, int requestsPerMinute)
    {
        _registry = registry;
        _apiKey = apiKey;
        _options = requestsPerMinute > 0
            ? new RateLimitOptions { RequestsPerPeriod = requestsPerMinute, Period = TimeSpan.FromMinutes(1), Burst = requestsPerMinute }
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
