using Microsoft.Extensions.Logging;
using SatDownload.Eos.Errors;
using SatDownload.Http;

namespace SatDownload.Eos.Http;

/// <summary>
/// Builds the EOS HTTP pipeline from the shared handlers: per-endpoint rate limit → retry → API key → network (no
/// auto-redirect). The limiter sits outside the retry handler so that waiting for a permit never eats into an attempt's
/// timeout; retries after a 429 wait for the provider's Retry-After instead.
/// </summary>
internal static class EosPipeline
{
    public static HttpRetryOptions RetryOptions(EosClientOptions options) => new()
    {
        ProviderName = ProviderNames.Eos,
        MaxAttempts = options.MaxAttempts,
        PerAttemptTimeout = options.RequestTimeout,

        // Rate-limit waits and Retry-After pauses can be long with 10 requests a minute; the caller's token bounds the call.
        TotalTimeout = null,
        RetryAfterUnit = RetryAfterUnit.Seconds,
    };

    public static ApiKeyHandler ApiKey(EosClientOptions options, ILoggerFactory? loggerFactory) => new(
        new ApiKeyOptions
        {
            Key = options.ApiKey!,
            Location = options.ApiKeyLocation == EosApiKeyLocation.Query ? ApiKeyLocation.Query : ApiKeyLocation.Header,
            Name = options.ApiKeyLocation == EosApiKeyLocation.Query ? "api_key" : "x-api-key",
            ProviderName = ProviderNames.Eos,
        },
        loggerFactory?.CreateLogger("SatDownload.Eos"));

    public static IReadOnlyList<DelegatingHandler> Handlers(EosClientOptions options, EosRateLimits limits, TimeProvider timeProvider, ILoggerFactory? loggerFactory) =>
    [
        new EosRateLimitingHandler(limits),
        new ResilienceHandler(RetryOptions(options), timeProvider, loggerFactory?.CreateLogger("SatDownload.Http")),
        ApiKey(options, loggerFactory),
    ];

    public static HttpClient CreateHttpClient(EosClientOptions options, EosRateLimits limits, TimeProvider timeProvider, ILoggerFactory? loggerFactory) =>
        ProviderHttpPipeline.CreateClient(null, Handlers(options, limits, timeProvider, loggerFactory), ProviderHttpPipeline.CreateDefaultPrimaryHandler(), Timeout.InfiniteTimeSpan);

    public static Func<ProviderErrorBody, DecodedProviderError?> ErrorDecoder => EosErrorDecoder.Decode;
}
