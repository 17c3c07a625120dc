using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatDownload;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Http;
using SatDownload.ClearSky.Unified;
using SatDownload.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ClearSkyClient"/> on IHttpClientFactory: <c>services.AddSatDownload().AddClearSky(...)</c>.</summary>
public static class ClearSkySatDownloadBuilderExtensions
{
    /// <summary>The IHttpClientFactory client name.</summary>
    public const string HttpClientName = "SatDownload.ClearSky";

    /// <summary>
    /// Adds the ClearSKY client with options set in code (the key may also come from <c>SATDOWNLOAD_CLEARSKY_API_KEY</c>),
    /// and <see cref="ClearSkyImageryProvider"/> for <c>AddSatDownloadClient()</c>, finishing files per
    /// <see cref="ClearSkyImageryProviderOptions"/> (<c>services.Configure&lt;ClearSkyImageryProviderOptions&gt;(...)</c>).
    /// </summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddClearSky(this SatDownloadBuilder builder, Action<ClearSkyClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ClearSkyClientOptions>();
        options.Configure(o =>
        {
            if (string.IsNullOrWhiteSpace(o.ApiKey) && ClearSkyClientOptions.FromEnvironment() is { } env)
            {
                o.ApiKey = env.ApiKey;
                o.Endpoint = env.Endpoint;
            }
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        Register(builder);
        return builder;
    }

    /// <summary>Adds the ClearSKY client with options bound from configuration (<c>ApiKey</c>, <c>Endpoint</c>, <c>Retry</c>, …).</summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configuration">The configuration section; it also holds the unified provider's
    /// <see cref="ClearSkyImageryProviderOptions"/> (<c>WriteAttributionFile</c>).</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddClearSky(this SatDownloadBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddClearSky();
        builder.Services.AddOptions<ClearSkyClientOptions>().Bind(configuration);
        builder.Services.AddOptions<ClearSkyImageryProviderOptions>().Bind(configuration);
        return builder;
    }

    private static void Register(SatDownloadBuilder builder)
    {
        builder.AddProviderHttpClient<ClearSkyClient>(
            HttpClientName,
            (sp, client) => client.BaseAddress = sp.GetRequiredService<IOptions<ClearSkyClientOptions>>().Value.Endpoint,
            sp =>
            {
                var options = Effective(sp);
                return ClearSkyPipeline.CreateHandlers(options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>());
            })
            .AddTypedClient((http, sp) => new ClearSkyClient(http, Effective(sp), null, sp.GetService<ILoggerFactory>()));

        // The unified client finds ClearSKY among the registered providers; each call takes a fresh typed client so the
        // factory's handler rotation still applies to the singleton provider.
        builder.Services.AddOptions<ClearSkyImageryProviderOptions>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ImageryProvider, ClearSkyImageryProvider>(
            sp => new ClearSkyImageryProvider(() => sp.GetRequiredService<ClearSkyClient>(), sp.GetRequiredService<IOptions<ClearSkyImageryProviderOptions>>().Value)));
    }

    private static ClearSkyClientOptions Effective(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<ClearSkyClientOptions>>().Value.Clone();
        options.TimeProvider ??= sp.GetRequiredService<TimeProvider>();
        options.RateLimiterRegistry ??= sp.GetService<RateLimiterRegistry>();
        return options;
    }
}
