using SatDownload.Http;

namespace SatDownload.Eos.Http;

/// <summary>
/// The per-endpoint limiters of one API key, taken from the shared <see cref="RateLimiterRegistry"/>: each endpoint
/// (see <see cref="EosEndpoints"/>) has its own limiter, at its own rate when
/// <see cref="EosClientOptions.EndpointRequestsPerMinute"/> says so.
/// </summary>
internal sealed class EosRateLimits
{
    private readonly RateLimiterRegistry _registry;
    private readonly string? _apiKey;
    private readonly int _requestsPerMinute;
    private readonly int _burst;
    private readonly IReadOnlyDictionary<string, int> _perEndpoint;

    public EosRateLimits(RateLimiterRegistry registry, string? apiKey, int requestsPerMinute, int burst, IDictionary<string, int>? perEndpoint = null)
    {
        _registry = registry;
        _apiKey = apiKey;
        _requestsPerMinute = requestsPerMinute;
        _burst = burst;
        _perEndpoint = new Dictionary<string, int>(perEndpoint ?? new Dictionary<string, int>(), StringComparer.Ordinal);
    }

    /// <summary>The requests per minute in force for an endpoint (0: not limited).</summary>
    public int RequestsPerMinuteOf(string endpoint) =>
        _perEndpoint.TryGetValue(endpoint, out var specific) ? specific : _requestsPerMinute;

    /// <summary>The limiter for an endpoint, or null when limiting is off for it.</summary>
    public ProviderRateLimiter? For(string endpoint)
    {
        var perMinute = RequestsPerMinuteOf(endpoint);
        if (perMinute <= 0)
        {
            return null;
        }

        // With a burst of 1 the requests are spaced evenly, so no rolling minute ever holds more than the limit,
        // whichever way EOS counts (fixed window, sliding window or token bucket).
        var options = new RateLimitOptions { RequestsPerPeriod = perMinute, Period = TimeSpan.FromMinutes(1), Burst = Math.Clamp(_burst, 1, perMinute) };

        // The rate is part of the key: clients of one key share an endpoint's limiter when they agree on its rate, and
        // a client configured differently does not get a bucket sized for the other.
        return _registry.GetOrCreate(ProviderNames.Eos + " " + endpoint + " @" + perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), _apiKey, options);
    }

    public async ValueTask AcquireAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (For(endpoint) is { } limiter)
        {
            await limiter.AcquireAsync(0, cancellationToken).ConfigureAwait(false);
        }
    }
}
