using SatDownload.Iceye;
using SatDownload.Iceye.Assets;
using SatDownload.Iceye.Models;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Samples.Quickstart.Flows;

/// <summary>ICEYE tasking: create a task over the AOI's centroid, wait (hours pass in virtual time), download its products.</summary>
internal sealed class IceyeFlow : IQuickstartFlow
{
    public string Provider => ProviderNames.Iceye;

    public IReadOnlyList<string> LiveEnvironmentVariables => [IceyeClientOptions.ClientIdVariable, IceyeClientOptions.ClientSecretVariable, IceyeClientOptions.TokenUrlVariable];

    public async Task<FlowOutcome> RunAsync(FlowContext context, CancellationToken cancellationToken)
    {
        // Short timers (polling, retry delays) jump ahead at once; long ones (request timeouts) stay real.
        var clock = new VirtualClock(DateTimeOffset.UtcNow) { AutoAdvance = true, AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10) };
        var iceye = new IceyeEmulator(new IceyeEmulatorOptions
        {
            ReceivedDuration = TimeSpan.FromMinutes(1),
            ActiveDuration = TimeSpan.FromMinutes(3),
            FulfilledDuration = TimeSpan.FromMinutes(2),
        });
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye }, Clock = clock }, cancellationToken).ConfigureAwait(false);
        var options = new IceyeClientOptions
        {
            BaseAddress = iceye.GetApiBaseAddress(),
            TokenEndpoint = iceye.GetTokenEndpoint(),
            ClientId = iceye.Options.ClientId,
            ClientSecret = iceye.Options.ClientSecret,
            TimeProvider = clock,
            Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) },
        };
        var client = new IceyeClient(options);

        IceyeContract? contract = null;
        await foreach (var c in client.GetContractsAsync(cancellationToken).ConfigureAwait(false))
        {
            contract ??= c;
        }

        var now = clock.GetUtcNow();
        var task = await client.CreateTaskAsync(
            new IceyeCreateTaskRequest
            {
                ContractId = contract?.Id ?? throw new InvalidOperationException("The emulator lists no contract."),
                PointOfInterest = IceyePointOfInterest.FromAoi(context.Aoi),
                AcquisitionWindow = new IceyeAcquisitionWindow(now.AddHours(2), now.AddHours(50)),
                ImagingMode = IceyeImagingMode.Spotlight,
                Reference = "satdownload-quickstart",
            },
            cancellationToken).ConfigureAwait(false);
        await task.WaitForCompletionAsync(options.Polling, cancellationToken: cancellationToken).ConfigureAwait(false);

        var assets = new List<ImageryAsset>();
        await foreach (var asset in task.GetAssetsAsync(new IceyeAssetFilter(), cancellationToken).ConfigureAwait(false))
        {
            assets.Add(asset);
        }

        var downloader = new AssetDownloader(context.HttpClient, new AssetDownloaderOptions { TimeProvider = clock });
        var results = await downloader.DownloadAsync(assets, context.OutputDirectory, context.DownloadOptions, context.Progress, cancellationToken).ConfigureAwait(false);
        return new FlowOutcome { Provider = Provider, Files = FlowOutcome.FromResults(results), Note = $"task {task.ProviderStatus?.ToLowerInvariant()}" };
    }
}
