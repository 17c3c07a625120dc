using Microsoft.Extensions.Logging;
using SatDownload.Eos.Errors;
using SatDownload.Http;

namespace SatDownload.Eos.Http;

/// <summary>Builds the EOS HTTP pipeline from the shared handlers: retry → per-endpoint rate limit → API key → network (no auto-redirect).</summary>
internal static class EosPipeline
{
    public static HttpRetryOptions RetryOptions(EosClientOptions options) => new()
    {
        ProviderName = ProviderNames.Eos,
        MaxAttempts = options.MaxAttempts,
        PerAttemptTimeout = options.RequestTimeout,

        // Waiting for a rate-limit permit happens inside an attempt; a total deadline would cut queued calls short.
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
        new ResilienceHandler(RetryOptions(options), timeProvider, loggerFactory?.CreateLogger("SatDownload.Http")),
        new EosRateLimitingHandler(limits),
        ApiKey(options, loggerFactory),
    ];

    public static HttpClient CreateHttpClient(EosClientOptions options, EosRateLimits limits, TimeProvider timeProvider, ILoggerFactory? loggerFactory) =>
        ProviderHttpPipeline.CreateClient(null, Handlers(options, limits, timeProvider, loggerFactory), ProviderHttpPipeline.CreateDefaultPrimaryHandler(), Timeout.InfiniteTimeSpan);

    public static Func<ProviderErrorBody, DecodedProviderError?> ErrorDecoder => EosErrorDecoder.Decode;
}
