using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Waits for a <see cref="ProviderRateLimiter"/> before every request (every attempt, when placed inside
/// <see cref="ResilienceHandler"/>). The cost of a call is read from <see cref="ProviderRequestOptions.Cost"/> (for example
/// Sentinel Hub processing units). Waiting honours cancellation.
/// </summary>
public class RateLimitingHandler : DelegatingHandler
{
    private readonly ProviderRateLimiter _limiter;
    private readonly string _provider;
    private readonly ILogger? _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="limiter">The (shared) limiter, normally from <see cref="RateLimiterRegistry"/>.</param>
    /// <param name="provider">The provider name for logs.</param>
    /// <param name="logger">Optional logger (waits at Debug).</param>
    public RateLimitingHandler(ProviderRateLimiter limiter, string? provider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        _limiter = limiter;
        _provider = provider ?? "http";
        _logger = logger;
    }

    /// <summary>The limiter in use.</summary>
    public ProviderRateLimiter Limiter => _limiter;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cost = request.Options.TryGetValue(ProviderRequestOptions.Cost, out var c) ? c : 0;
        if (_logger is not null && _logger.IsEnabled(LogLevel.Debug))
        {
            var estimate = _limiter.GetWaitEstimate(cost);
            if (estimate > TimeSpan.Zero)
            {
                HttpLog.RateLimitWait(_logger, _provider, estimate.TotalMilliseconds, request.Method.Method, Redactor.RedactUri(request.RequestUri));
            }
        }

        // Waiting for our own limiter is not the server being slow: pause the retry handler's per-attempt timeout meanwhile.
        request.Options.TryGetValue(AttemptTimeout.Key, out var attemptTimeout);
        attemptTimeout?.Pause();
        try
        {
            await _limiter.AcquireAsync(cost, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            attemptTimeout?.Start();
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
