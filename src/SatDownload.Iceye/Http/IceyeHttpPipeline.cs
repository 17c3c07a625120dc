using Microsoft.Extensions.Logging;
using SatDownload.Http;

namespace SatDownload.Iceye.Http;

/// <summary>Builds ICEYE's handler chain from the shared plumbing: resilience, optional rate limit, OAuth2 client credentials (Basic).</summary>
internal static class IceyeHttpPipeline
{
    public static OAuth2ClientCredentialsOptions CreateOAuthOptions(IceyeClientOptions options) => new()
    {
        TokenEndpoint = options.TokenEndpoint,
        ClientId = options.ClientId ?? string.Empty,
        ClientSecret = options.ClientSecret ?? string.Empty,

        // ICEYE documents HTTP Basic client authentication with grant_type in a form body.
        ClientAuthentication = OAuth2ClientAuthentication.Basic,
        RefreshMargin = options.TokenRefreshMargin,
        DefaultTokenLifetime = TimeSpan.FromHours(1),
        ProviderName = ProviderNames.Iceye,
        AllowInsecureHttp = options.AllowInsecureHttp,
    };

    public static HttpRetryOptions CreateRetryOptions(IceyeClientOptions options)
    {
        var retry = options.Retry.Clone();
        retry.ProviderName = ProviderNames.Iceye;
        retry.RetryAfterUnit = RetryAfterUnit.Seconds;
        return retry;
    }

    public static IReadOnlyList<DelegatingHandler> CreateHandlers(
        IceyeClientOptions options,
        OAuth2TokenProviderRegistry tokenProviders,
        RateLimiterRegistry rateLimiters,
        ILoggerFactory? loggerFactory)
    {
        options.Validate();
        options.ValidateCredentials();
        Redactor.RegisterSecret(options.ClientSecret);
        var authentication = new OAuth2ClientCredentialsHandler(CreateOAuthOptions(options), tokenProviders, loggerFactory?.CreateLogger("SatDownload.Iceye"));
        var limiter = options.RateLimit is { } limit ? rateLimiters.GetOrCreate(ProviderNames.Iceye, options.ClientId, limit) : null;
        return ProviderHttpPipeline.CreateStandardHandlers(CreateRetryOptions(options), authentication, limiter, options.TimeProvider, loggerFactory);
    }

    public static HttpClient CreateHttpClient(IceyeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tokenProviders = options.TokenProviders ??
            (ReferenceEquals(options.TimeProvider, TimeProvider.System) ? OAuth2TokenProviderRegistry.Shared : new OAuth2TokenProviderRegistry(null, options.TimeProvider));
        var rateLimiters = options.RateLimiters ?? RateLimiterRegistry.Shared;
        return ProviderHttpPipeline.CreateClient(null, CreateHandlers(options, tokenProviders, rateLimiters, options.LoggerFactory));
    }
}
