using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatDownload.Eos;
using SatDownload.Eos.Http;
using SatDownload.Eos.Unified;
using SatDownload.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="EosClient"/> with <c>services.AddSatDownload().AddEos(...)</c>.</summary>
public static class EosSatDownloadBuilderExtensions
{
    /// <summary>The name of the EOS HTTP client in <see cref="System.Net.Http.IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "SatDownload.Eos";

    /// <summary>
    /// Registers <see cref="EosClient"/> (transient, over a pooled HTTP client with retries, the shared per-endpoint rate
    /// limiter and the API key) and <see cref="EosImageryProvider"/> as an <see cref="SatDownload.ImageryProvider"/> for
    /// <c>AddSatDownloadClient()</c>. A key not set by <paramref name="configure"/> is read from <c>SATDOWNLOAD_EOS_API_KEY</c>.
    /// The provider's own settings (zip extraction) come from <see cref="EosImageryProviderOptions"/>:
    /// <c>services.Configure&lt;EosImageryProviderOptions&gt;(o =&gt; o.ExtractArchives = true)</c>.
    /// </summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddEos(this SatDownloadBuilder builder, Action<EosClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<EosClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(builder);
    }

    /// <summary>Registers <see cref="EosClient"/> with options bound from a configuration section (for example <c>SatDownload:Eos</c>).</summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configuration">The section holding <c>ApiKey</c>, <c>Endpoint</c>, <c>ApiKeyLocation</c>, <c>RequestsPerMinute</c>, ...,
    /// and the <see cref="EosImageryProviderOptions"/> of the unified provider (<c>ExtractArchives</c>, <c>ExtractionLimits</c>).</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddEos(this SatDownloadBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<EosClientOptions>().Bind(configuration);
        builder.Services.AddOptions<EosImageryProviderOptions>().Bind(configuration);
        return AddCore(builder);
    }

    private static SatDownloadBuilder AddCore(SatDownloadBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EosClientOptions>().PostConfigure<IServiceProvider>((o, sp) =>
        {
            var env = EosClientOptions.FromEnvironment();
            o.ApiKey ??= env.ApiKey;
            o.RateLimiterRegistry ??= sp.GetRequiredService<RateLimiterRegistry>();
            o.TimeProvider ??= sp.GetService<TimeProvider>();
        });
        services.TryAddSingleton<EosDependencies>();
        builder.AddProviderHttpClient<EosClient>(HttpClientName, handlers: sp =>
        {
            var deps = sp.GetRequiredService<EosDependencies>();
            return EosPipeline.Handlers(deps.Options, deps.Limits, deps.Options.TimeProvider ?? TimeProvider.System, sp.GetService<ILoggerFactory>());
        });

        // The typed-client registration above would pick a constructor by reflection; this one is explicit.
        services.AddTransient(sp => new EosClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<EosDependencies>().Options,
            sp.GetService<ILoggerFactory>()));

        // Once per provider however often AddEos is called, so SatDownloadClient sees EOS exactly once.
        services.AddOptions<EosImageryProviderOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<SatDownload.ImageryProvider, EosImageryProvider>(
            sp => new EosImageryProvider(sp.GetRequiredService<EosClient>(), sp.GetRequiredService<IOptions<EosImageryProviderOptions>>().Value)));
        return builder;
    }

    /// <summary>Options validated once, and the limiters of the configured key.</summary>
    private sealed class EosDependencies
    {
        public EosDependencies(IOptions<EosClientOptions> options)
        {
            Options = options.Value;
            Options.Validate();
            Limits = new EosRateLimits(Options.RateLimiterRegistry ?? RateLimiterRegistry.Shared, Options.ApiKey, Options.RequestsPerMinute, Options.RequestBurst, Options.EndpointRequestsPerMinute);
        }

        public EosClientOptions Options { get; }

        public EosRateLimits Limits { get; }
    }
}
