using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatDownload;
using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Iceye.Http;
using SatDownload.Iceye.Unified;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="IceyeClient"/> with IHttpClientFactory and <see cref="IceyeImageryProvider"/> as an
/// <see cref="ImageryProvider"/>: <c>services.AddSatDownload().AddIceye(...).AddSatDownloadClient()</c>.
/// </summary>
public static class IceyeSatDownloadBuilderExtensions
{
    /// <summary>The logical HttpClient name of the ICEYE client.</summary>
    public const string HttpClientName = "SatDownload.Iceye";

    /// <summary>Registers the ICEYE client with options set in code (credentials default to the <c>SATDOWNLOAD_ICEYE_*</c> environment variables).</summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddIceye(this SatDownloadBuilder builder, Action<IceyeClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<IceyeClientOptions>().Configure(ApplyEnvironment);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return Register(builder);
    }

    /// <summary>
    /// Registers the ICEYE client with options bound from configuration (keys <c>BaseAddress</c>, <c>TokenEndpoint</c>,
    /// <c>ClientId</c>, <c>ClientSecret</c>, <c>PageSize</c>, ...), after the <c>SATDOWNLOAD_ICEYE_*</c> environment variables.
    /// </summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configuration">The section, for example <c>configuration.GetSection("Iceye")</c>.</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddIceye(this SatDownloadBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<IceyeClientOptions>().Configure(ApplyEnvironment).Bind(configuration);
        return Register(builder);
    }

    private static SatDownloadBuilder Register(SatDownloadBuilder builder)
    {
        builder.Services.AddOptions<IceyeClientOptions>().PostConfigure<TimeProvider>((o, clock) =>
        {
            if (ReferenceEquals(o.TimeProvider, TimeProvider.System))
            {
                o.TimeProvider = clock;
            }
        });
        builder.Services.AddTransient(sp => sp.GetRequiredService<IOptions<IceyeClientOptions>>().Value);
        builder.AddProviderHttpClient<IceyeClient>(
            HttpClientName,
            configureClient: null,
            handlers: sp => IceyeHttpPipeline.CreateHandlers(
                sp.GetRequiredService<IOptions<IceyeClientOptions>>().Value,
                sp.GetRequiredService<OAuth2TokenProviderRegistry>(),
                sp.GetRequiredService<RateLimiterRegistry>(),
                sp.GetService<ILoggerFactory>()));

        // SatDownloadClient finds ICEYE through the ImageryProvider services; the provider asks the container for the
        // typed client on each call rather than pinning one HttpClient for the application's lifetime.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ImageryProvider, IceyeImageryProvider>(
            sp => new IceyeImageryProvider(() => sp.GetRequiredService<IceyeClient>())));
        return builder;
    }

    private static void ApplyEnvironment(IceyeClientOptions options)
    {
        var env = IceyeClientOptions.FromEnvironment();
        options.ClientId ??= env.ClientId;
        options.ClientSecret ??= env.ClientSecret;
        options.TokenEndpoint ??= env.TokenEndpoint;
        if (Environment.GetEnvironmentVariable(IceyeClientOptions.BaseUrlVariable) is { Length: > 0 })
        {
            options.BaseAddress = env.BaseAddress;
        }
    }
}
