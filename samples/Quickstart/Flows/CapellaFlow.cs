using SatDownload.Capella;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

namespace SatDownload.Samples.Quickstart.Flows;

/// <summary>Capella analytics: the latest change map of an AOI, its hrefs resolved to signed URLs, then the source SAR item.</summary>
internal sealed class CapellaFlow : IQuickstartFlow
{
    public string Provider => ProviderNames.Capella;

    public IReadOnlyList<string> LiveEnvironmentVariables => ["SATDOWNLOAD_CAPELLA_API_KEY", "SATDOWNLOAD_CAPELLA_AOI_ID"];

    public async Task<FlowOutcome> RunAsync(FlowContext context, CancellationToken cancellationToken)
    {
        var capella = new CapellaEmulator();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { capella } }, cancellationToken).ConfigureAwait(false);
        capella.SeedArticleExample();
        capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
        var client = new CapellaClient(new CapellaClientOptions
        {
            Endpoint = emulator.GetProviderUri(capella),
            ApiKey = CapellaEmulator.DefaultApiKey,
            TimeProvider = emulator.Clock,
        });

        var latest = await client.GetLatestProductAsync(CapellaEmulator.ArticleAoiId, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The emulated AOI has no change-map product.");
        var assets = client.GetProductAssets(latest, CapellaAssetFilter.CloudOptimizedOnly).ToList();
        var source = await client.GetSourceItemAsync(latest, cancellationToken).ConfigureAwait(false);
        if (source is not null)
        {
            assets.AddRange(client.GetStacItemAssets(source));
        }

        var downloader = new AssetDownloader(context.HttpClient, new AssetDownloaderOptions { TimeProvider = emulator.Clock });
        var results = await downloader.DownloadAsync(assets, context.OutputDirectory, context.DownloadOptions, context.Progress, cancellationToken).ConfigureAwait(false);
        return new FlowOutcome { Provider = Provider, Files = FlowOutcome.FromResults(results), Note = "latest change map" };
    }
}
