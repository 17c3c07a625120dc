using Microsoft.Extensions.Logging;
using SatDownload.ClearSky.Errors;
using SatDownload.Http;

namespace SatDownload.ClearSky.Http;

/// <summary>Builds ClearSKY's handler chain: response capture → retries (429, 5xx, error 1003) → optional limiter → <c>x-api-key</c>.</summary>
internal static class ClearSkyPipeline
{
    public const string ApiKeyHeader = "x-api-key";

    public static HttpRetryOptions RetryOptions(ClearSkyClientOptions options)
    {
        var retry = options.Retry.Clone();
        retry.ProviderName = ProviderNames.ClearSky;
        retry.IsRetryableResponse ??= ClearSkyErrorDecoder.IsRetryableResponseAsync;
        return retry;
    }

    public static IReadOnlyList<DelegatingHandler> CreateHandlers(ClearSkyClientOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory)
    {
        ProviderRateLimiter? limiter = null;
        if (options.RequestsPerMinute is { } rpm)
        {
            limiter = (options.RateLimiterRegistry ?? RateLimiterRegistry.Shared).GetOrCreate(
                ProviderNames.ClearSky, options.ApiKey, new RateLimitOptions { RequestsPerPeriod = rpm, Period = TimeSpan.FromMinutes(1) });
        }

        var auth = new ApiKeyHandler(
            new ApiKeyOptions { Key = options.ApiKey, Name = ApiKeyHeader, ProviderName = ProviderNames.ClearSky, AllowInsecureHttp = options.AllowInsecureHttp },
            loggerFactory?.CreateLogger("SatDownload.Http"));
        var list = new List<DelegatingHandler> { new ClearSkyResponseCaptureHandler() };
        list.AddRange(ProviderHttpPipeline.CreateStandardHandlers(RetryOptions(options), auth, limiter, timeProvider, loggerFactory));
        return list;
    }

    public static HttpClient CreateHttpClient(ClearSkyClientOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory) =>
        ProviderHttpPipeline.CreateClient(options.Endpoint, CreateHandlers(options, timeProvider, loggerFactory));
}
