using System.Net;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Builds an <see cref="HttpClient"/> from a primary handler and a chain of <see cref="DelegatingHandler"/>s, for use
/// without dependency injection (scripts, samples, tests). The first handler in the list is the outermost. A typical
/// chain is resilience → auth → rate limiting → logging → network.
/// </summary>
public static class ProviderHttpPipeline
{
    /// <summary>
    /// The default network handler: connection pooling with a 5-minute connection lifetime (DNS changes are picked up),
    /// automatic gzip/deflate/brotli decompression, and no automatic redirects (API clients decide whether to follow a
    /// redirect and must not forward credentials to another host).
    /// </summary>
    /// <returns>A new handler.</returns>
    public static SocketsHttpHandler CreateDefaultPrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// The network handler for file downloads: like <see cref="CreateDefaultPrimaryHandler"/> but without automatic
    /// decompression. Byte ranges, Content-Length checks, resume offsets and provider checksums all refer to the stored
    /// bytes; a transparently decompressed body would make every one of them wrong (and would hide Content-Length).
    /// </summary>
    /// <returns>A new handler.</returns>
    public static SocketsHttpHandler CreateDownloadPrimaryHandler()
    {
        var handler = CreateDefaultPrimaryHandler();
        handler.AutomaticDecompression = DecompressionMethods.None;
        return handler;
    }

    /// <summary>Chains handlers in order (first = outermost) over a primary handler.</summary>
    /// <param name="primaryHandler">The network handler; <see cref="CreateDefaultPrimaryHandler"/> when null.</param>
    /// <param name="handlers">The delegating handlers, outermost first. Each must be new (not already in another chain).</param>
    /// <returns>The outermost handler.</returns>
    public static HttpMessageHandler CreateHandlerChain(HttpMessageHandler? primaryHandler, IEnumerable<DelegatingHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        HttpMessageHandler current = primaryHandler ?? CreateDefaultPrimaryHandler();
        foreach (var handler in handlers.Reverse())
        {
            ArgumentNullException.ThrowIfNull(handler, nameof(handlers));
            if (handler.InnerHandler is not null)
            {
                throw new ArgumentException(
                    $"The {handler.GetType().Name} already has an inner handler; create a new handler instance for every pipeline.", nameof(handlers));
            }

            handler.InnerHandler = current;
            current = handler;
        }

        return current;
    }

    /// <summary>Creates an <see cref="HttpClient"/> over the chained handlers.</summary>
    /// <param name="baseAddress">The base address (end it with <c>/</c> so relative paths append).</param>
    /// <param name="handlers">The delegating handlers, outermost first.</param>
    /// <param name="primaryHandler">The network handler; <see cref="CreateDefaultPrimaryHandler"/> when null.</param>
    /// <param name="timeout">
    /// <see cref="HttpClient.Timeout"/>; infinite by default because <see cref="ResilienceHandler"/> enforces per-attempt and total
    /// timeouts and HttpClient's timeout would cut across retries.
    /// </param>
    /// <returns>The client; disposing it disposes the handlers.</returns>
    public static HttpClient CreateClient(Uri? baseAddress, IEnumerable<DelegatingHandler> handlers, HttpMessageHandler? primaryHandler = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient(CreateHandlerChain(primaryHandler, handlers), disposeHandler: true)
        {
            Timeout = timeout ?? Timeout.InfiniteTimeSpan,
        };
        if (baseAddress is not null)
        {
            client.BaseAddress = baseAddress;
        }

        return client;
    }

    /// <summary>Creates an <see cref="HttpClient"/> over the chained handlers.</summary>
    /// <param name="baseAddress">The base address.</param>
    /// <param name="handlers">The delegating handlers, outermost first.</param>
    /// <returns>The client.</returns>
    public static HttpClient CreateClient(Uri? baseAddress, params DelegatingHandler[] handlers) =>
        CreateClient(baseAddress, (IEnumerable<DelegatingHandler>)handlers);

    /// <summary>
    /// The standard handler chain for a provider API, outermost first: <see cref="ResilienceHandler"/> (retries, timeouts) →
    /// the authentication handler (a fresh token per attempt, fetched before a rate-limit permit is taken) →
    /// <see cref="RateLimitingHandler"/> (when a limiter is given; every attempt pays, including a retry after a 401) →
    /// <see cref="HttpLoggingHandler"/> (when a logger factory is given; one Debug line per attempt).
    /// </summary>
    /// <param name="retry">Retry settings; defaults when null.</param>
    /// <param name="authentication">The auth handler (<see cref="ApiKeyHandler"/>, <see cref="BearerTokenHandler"/>, <see cref="OAuth2ClientCredentialsHandler"/>), or null.</param>
    /// <param name="rateLimiter">The shared limiter of the account (from <see cref="RateLimiterRegistry"/>), or null.</param>
    /// <param name="timeProvider">The clock for retry delays; <see cref="TimeProvider.System"/> when null. Timeouts use the system clock; the rate limiter uses its registry's clock.</param>
    /// <param name="loggerFactory">Creates the loggers (category <c>SatDownload.Http</c>), or null for no logging.</param>
    /// <returns>New handler instances, outermost first.</returns>
    public static IReadOnlyList<DelegatingHandler> CreateStandardHandlers(
        HttpRetryOptions? retry,
        DelegatingHandler? authentication = null,
        ProviderRateLimiter? rateLimiter = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        var logger = loggerFactory?.CreateLogger("SatDownload.Http");
        var provider = retry?.ProviderName;
        var list = new List<DelegatingHandler> { new ResilienceHandler(retry, timeProvider, logger) };

        // Authentication sits outside the rate limiter: a slow token fetch must not hold permits that would then be
        // released as a burst when the token arrives, and a retry after a 401 waits for a permit like any other call.
        if (authentication is not null)
        {
            list.Add(authentication);
        }

        if (rateLimiter is not null)
        {
            list.Add(new RateLimitingHandler(rateLimiter, provider, logger));
        }

        if (logger is not null)
        {
            list.Add(new HttpLoggingHandler(logger));
        }

        return list;
    }
}
