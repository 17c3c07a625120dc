using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatDownload.Capella;
using SatDownload.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="CapellaClient"/> on <c>services.AddSatDownload()</c>.</summary>
public static class CapellaSatDownloadBuilderExtensions
{
    /// <summary>The IHttpClientFactory client name.</summary>
    public const string HttpClientName = "SatDownload.Capella";

    /// <summary>
    /// Adds a transient <see cref="CapellaClient"/> and the <see cref="CapellaImageryProvider"/> for <see cref="SatDownload.SatDownloadClient"/> on IHttpClientFactory with the standard pipeline (retries, the account's
    /// shared rate limiter when <see cref="CapellaClientOptions.RateLimit"/> is set). Options start from the
    /// <c>SATDOWNLOAD_CAPELLA_*</c> environment variables, then <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configure">Sets endpoint, credentials and limits.</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddCapella(this SatDownloadBuilder builder, Action<CapellaClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<CapellaClientOptions>().Configure(ApplyEnvironment);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return Register(builder);
    }

    /// <summary>Adds <see cref="CapellaClient"/> with options bound from a configuration section (for example <c>SatDownload:Capella</c>).</summary>
    /// <param name="builder">The SatDownload builder.</param>
    /// <param name="configuration">The section holding <c>Endpoint</c>, <c>ApiKey</c> (or <c>Username</c>/<c>Password</c>), <c>Retry</c>, <c>RateLimit</c>, ....</param>
    /// <returns>The builder.</returns>
    public static SatDownloadBuilder AddCapella(this SatDownloadBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<CapellaClientOptions>().Configure(ApplyEnvironment).Bind(configuration);
        return Register(builder);
    }

    private static SatDownloadBuilder Register(SatDownloadBuilder builder)
    {
        builder.Services.AddOptions<CapellaClientOptions>().PostConfigure<TimeProvider>((o, clock) =>
        {
            if (ReferenceEquals(o.TimeProvider, TimeProvider.System))
            {
                o.TimeProvider = clock;
            }
        });
        builder.Services.AddOptions<CapellaClientOptions>().PostConfigure<OAuth2TokenProviderRegistry>((o, tokens) => o.TokenProviders ??= tokens);
        builder.AddProviderHttpClient<CapellaClient>(
            HttpClientName,
            handlers: sp => CapellaClient.CreateHandlers(
                sp.GetRequiredService<IOptions<CapellaClientOptions>>().Value,
                sp.GetRequiredService<RateLimiterRegistry>(),
                sp.GetService<ILoggerFactory>()));

        // The typed client gets its options explicitly, so the single-argument constructor is never picked by the activator.
        builder.Services.AddTransient(sp => new CapellaClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<CapellaClientOptions>>().Value));

        // SatDownloadClient finds Capella among the registered ImageryProviders (once, however often AddCapella runs).
        // It asks the container for the (transient, IHttpClientFactory-managed) client on each call instead of holding one.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<SatDownload.ImageryProvider, CapellaImageryProvider>(
            sp => new CapellaImageryProvider(() => sp.GetRequiredService<CapellaClient>())));
        return builder;
    }

    private static void ApplyEnvironment(CapellaClientOptions o)
    {
        var env = CapellaClientOptions.FromEnvironment();
        o.ApiKey ??= env.ApiKey;
        o.Username ??= env.Username;
        o.Password ??= env.Password;
        if (ReferenceEquals(o.Endpoint, CapellaClientOptions.DefaultEndpoint))
        {
            o.Endpoint = env.Endpoint;
        }
    }
}
