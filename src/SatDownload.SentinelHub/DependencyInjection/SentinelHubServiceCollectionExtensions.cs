using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SatDownload;
using SatDownload.Http;
using SatDownload.SentinelHub;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="SentinelHubClient"/> and its <see cref="SentinelHubImageryProvider"/> on a <see cref="SatDownloadBuilder"/>.</summary>
public static class SentinelHubServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="SentinelHubClient"/> whose token cache and rate limiter come from the shared DI
    /// singletons, so every consumer using the same credentials shares one token and one limiter.
    /// </summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configure">Builds the options (credentials, deployment, limits).</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddSentinelHub(this SatDownloadBuilder builder, Func<IServiceProvider, SentinelHubClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.TryAddSingleton(sp =>
        {
            var o = configure(sp);
            return new SentinelHubClient(new SentinelHubClientOptions
            {
                Deployment = o.Deployment,
                ClientId = o.ClientId,
                ClientSecret = o.ClientSecret,
                UseLegacyTokenEndpoint = o.UseLegacyTokenEndpoint,
                TokenRefreshMargin = o.TokenRefreshMargin,
                RequestsPerMinute = o.RequestsPerMinute,
                ProcessingUnitsPerMinute = o.ProcessingUnitsPerMinute,
                MaxRetryAttempts = o.MaxRetryAttempts,
                DefaultRetryAfter = o.DefaultRetryAfter,
                RetryBaseDelay = o.RetryBaseDelay,
                PerAttemptTimeout = o.PerAttemptTimeout,
                ResponseIdleTimeout = o.ResponseIdleTimeout,
                TotalTimeout = o.TotalTimeout,
                Budget = o.Budget,
                MaxParallelTiles = o.MaxParallelTiles,
                StatisticalIntervalRetries = o.StatisticalIntervalRetries,
                AllowInsecureHttp = o.AllowInsecureHttp,
                Transport = o.Transport,
                TokenProviders = o.TokenProviders ?? sp.GetRequiredService<OAuth2TokenProviderRegistry>(),
                RateLimiters = o.RateLimiters ?? sp.GetRequiredService<RateLimiterRegistry>(),
                LoggerFactory = o.LoggerFactory ?? sp.GetService<ILoggerFactory>(),
                TimeProvider = ReferenceEquals(o.TimeProvider, TimeProvider.System) ? sp.GetService<TimeProvider>() ?? TimeProvider.System : o.TimeProvider,
            });
        });

        // The unified client finds Sentinel Hub among the registered providers.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ImageryProvider, SentinelHubImageryProvider>(
            sp => new SentinelHubImageryProvider(sp.GetRequiredService<SentinelHubClient>())));
        return builder;
    }

    /// <summary>Adds the client with settings bound from configuration (see <see cref="SentinelHubSettings"/>); missing credentials fall back to <c>SATDOWNLOAD_SENTINELHUB_*</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("SentinelHub")</c>.</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddSentinelHub(this SatDownloadBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddSentinelHub(_ => (configuration.Get<SentinelHubSettings>() ?? new SentinelHubSettings()).ToOptions());
    }
}
