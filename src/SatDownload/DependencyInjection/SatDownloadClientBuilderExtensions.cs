using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatDownload;
using SatDownload.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the unified <see cref="SatDownloadClient"/> and the shared <see cref="AssetDownloader"/>.</summary>
public static class SatDownloadClientBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="SatDownloadClient"/> and <see cref="AssetDownloader"/> as singletons. The client runs requests
    /// on every <see cref="ImageryProvider"/> registered in the container (adapters register theirs with
    /// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ImageryProvider, TheirProvider&gt;())</c>) plus any added
    /// to <see cref="SatDownloadClientOptions.Providers"/>. Safe to call more than once (later calls only add configuration).
    /// </summary>
    /// <param name="builder">The builder from <c>AddSatDownload()</c>.</param>
    /// <param name="configure">Adjusts the client options (download defaults, journal, manifest, polling).</param>
    /// <returns>The builder, for chaining.</returns>
    public static SatDownloadBuilder AddSatDownloadClient(this SatDownloadBuilder builder, Action<SatDownloadClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SatDownloadClientOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var downloaderClientName = new AssetDownloaderOptions().HttpClientName;
        services.AddHttpClient(downloaderClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => ProviderHttpPipeline.CreateDownloadPrimaryHandler());
        services.TryAddSingleton(sp => new AssetDownloader(
            sp.GetRequiredService<IHttpClientFactory>(),
            new AssetDownloaderOptions
            {
                TimeProvider = sp.GetService<TimeProvider>(),
                LoggerFactory = sp.GetService<ILoggerFactory>(),
            }));
        services.TryAddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<SatDownloadClientOptions>>().Value;
            var options = new SatDownloadClientOptions
            {
                DownloadOptions = configured.DownloadOptions,
                DownloaderOptions = configured.DownloaderOptions,
                EnableJournal = configured.EnableJournal,
                WriteManifest = configured.WriteManifest,
                RequireCostEstimate = configured.RequireCostEstimate,
                Polling = configured.Polling,
                TimeProvider = ReferenceEquals(configured.TimeProvider, TimeProvider.System)
                    ? sp.GetService<TimeProvider>() ?? TimeProvider.System
                    : configured.TimeProvider,
                LoggerFactory = configured.LoggerFactory ?? sp.GetService<ILoggerFactory>(),
            };
            foreach (var pair in configured.PollingByProvider)
            {
                options.PollingByProvider[pair.Key] = pair.Value;
            }

            foreach (var provider in configured.Providers.Concat(sp.GetServices<ImageryProvider>()))
            {
                options.Providers.Add(provider);
            }

            return new SatDownloadClient(options, sp.GetRequiredService<AssetDownloader>());
        });
        return builder;
    }
}
