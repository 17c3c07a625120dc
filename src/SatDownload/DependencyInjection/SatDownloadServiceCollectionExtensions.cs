using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SatDownload;
using SatDownload.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SatDownload's shared services: options, clock, IHttpClientFactory, logging, the token and rate-limit registries.</summary>
public static class SatDownloadServiceCollectionExtensions
{
    /// <summary>
    /// Adds SatDownload: <see cref="SatDownloadOptions"/>, <see cref="TimeProvider.System"/> (unless a clock is already
    /// registered), IHttpClientFactory and logging, and singleton <see cref="RateLimiterRegistry"/> and
    /// <see cref="OAuth2TokenProviderRegistry"/> (so every client with the same credentials shares one quota and one token).
    /// Safe to call more than once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>A builder for adding provider adapters.</returns>
    public static SatDownloadBuilder AddSatDownload(this IServiceCollection services, Action<SatDownloadOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SatDownloadOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddLogging();
        services.TryAddSingleton(sp => new RateLimiterRegistry(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new OAuth2TokenProviderRegistry(null, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        return new SatDownloadBuilder(services);
    }

    /// <summary>Adds SatDownload with options bound from configuration (for example <c>configuration.GetSection("SatDownload")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding <see cref="SatDownloadOptions"/> values.</param>
    /// <returns>A builder for adding provider adapters.</returns>
    public static SatDownloadBuilder AddSatDownload(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddSatDownload();
        services.AddOptions<SatDownloadOptions>().Bind(configuration);
        return builder;
    }
}
