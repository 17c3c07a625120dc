using SatDownload.Eos;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

namespace SatDownload.Samples.Quickstart.Flows;

/// <summary>EOS: scene search over the AOI, then a load-by-extent task for the clearest scene, within 10 requests a minute.</summary>
internal sealed class EosFlow : IQuickstartFlow
{
    public string Provider => ProviderNames.Eos;

    public IReadOnlyList<string> LiveEnvironmentVariables => [EosClientOptions.ApiKeyEnvironmentVariable];

    public async Task<FlowOutcome> RunAsync(FlowContext context, CancellationToken cancellationToken)
    {
        var eos = new EosEmulator(new EosEmulatorOptions { RasterSize = 128 });
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { eos } }, cancellationToken).ConfigureAwait(false);

        // The 10-requests-a-minute limit is kept by spacing calls 6 s apart: on the virtual clock that costs no real time.
        emulator.Clock.AutoAdvanceMaxDelay = TimeSpan.FromSeconds(45);
        emulator.Clock.AutoAdvance = true;
        var client = new EosClient(new EosClientOptions
        {
            Endpoint = emulator.GetProviderUri(eos),
            ApiKey = EosEmulatorOptions.DefaultApiKey,
            TimeProvider = emulator.Clock,
            RateLimiterRegistry = new RateLimiterRegistry(emulator.Clock),
        });

        string? viewId = null;
        double bestCloud = double.MaxValue;
        await foreach (var scene in client.SearchScenesAsync(
            new EosSceneSearchRequest { Datasets = ["sentinel2"], Aoi = context.Aoi, From = new DateOnly(2023, 7, 1), To = new DateOnly(2023, 7, 31), MaxCloudCoverage = 30 },
            cancellationToken).ConfigureAwait(false))
        {
            if (scene.ViewId is not null && (scene.CloudCoverage ?? 100) < bestCloud)
            {
                (viewId, bestCloud) = (scene.ViewId, scene.CloudCoverage ?? 100);
            }
        }

        var task = await client.CreateLoadByExtentTaskAsync(
            new EosLoadByExtentRequest { ViewId = viewId ?? throw new InvalidOperationException("No scene found."), Bands = ["B02", "B03", "B04"], Merge = true, Aoi = context.Aoi, Reference = "satdownload-quickstart" },
            cancellationToken).ConfigureAwait(false);
        await task.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var downloader = new AssetDownloader(context.HttpClient);
        var results = await client.DownloadResultsAsync(task, downloader, context.OutputDirectory, new EosDownloadOptions { ExtractArchives = true, Download = context.DownloadOptions }, context.Progress, cancellationToken).ConfigureAwait(false);
        return new FlowOutcome { Provider = Provider, Files = results.Select(r => FlowFile.From(r.Download)).ToArray(), Note = $"lbe {task.PredictedResult?.Type}" };
    }
}
