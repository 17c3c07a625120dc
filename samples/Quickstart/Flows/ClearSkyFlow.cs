using SatDownload.ClearSky;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

namespace SatDownload.Samples.Quickstart.Flows;

/// <summary>ClearSKY Vision: availability, cost estimate and budget check, then the composite GeoTIFF for the AOI.</summary>
internal sealed class ClearSkyFlow : IQuickstartFlow
{
    public string Provider => ProviderNames.ClearSky;

    public IReadOnlyList<string> LiveEnvironmentVariables => ["SATDOWNLOAD_CLEARSKY_API_KEY"];

    public async Task<FlowOutcome> RunAsync(FlowContext context, CancellationToken cancellationToken)
    {
        var clearSky = new ClearSkyEmulator();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { clearSky } }, cancellationToken).ConfigureAwait(false);
        var client = new ClearSkyClient(new ClearSkyClientOptions { Endpoint = emulator.GetProviderUri<ClearSkyEmulator>(), ApiKey = clearSky.Options.ApiKey });

        var request = new ClearSkyCompositeRequest
        {
            Aoi = context.Aoi,
            Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
            Resolution = 10,
            EpsgProjection = context.Aoi.UtmEpsgCode,
            Model = ClearSkyModels.Stratus2,
            SatelliteConstellations = [ClearSkyModels.Sentinel1, ClearSkyModels.Sentinel2, ClearSkyModels.Landsat89],
            Bandnames = "all",
        };
        var result = await client.DownloadCompositeAsync(
            request,
            context.OutputDirectory,
            new ClearSkyDownloadOptions
            {
                Budget = new DownloadBudget { MaxCost = 100, CostUnit = ClearSkyEstimate.CostUnit, MaxBytes = context.DownloadOptions.Budget?.MaxBytes },
                Download = context.DownloadOptions,
            },
            context.Progress,
            cancellationToken).ConfigureAwait(false);
        return new FlowOutcome
        {
            Provider = Provider,
            Files = result.Download is { } d ? [FlowFile.From(d) with { FilePath = result.FilePath }] : [],
            Cost = result.Estimate?.Cost,
            Note = "composite",
        };
    }
}
