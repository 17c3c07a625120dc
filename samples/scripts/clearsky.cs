#:project ../../src/SatDownload.ClearSky/SatDownload.ClearSky.csproj
#:project ../../src/SatDownload.Testing/SatDownload.Testing.csproj
#:property PublishAot=false

// ClearSKY composite download: availability → estimate → budget check → composite GeoTIFF on disk, then the same
// request through the unified SatDownloadClient (journal + STAC catalog).
// By default it runs against the in-process emulator. Set SATDOWNLOAD_CLEARSKY_API_KEY (and optionally
// SATDOWNLOAD_CLEARSKY_ENDPOINT) to use the real service; SATDOWNLOAD_CLEARSKY_MAX_UNITS caps the cost (default 50).
using System.Globalization;
using SatDownload;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

var output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "satdownload-clearsky-sample");
var maxUnits = decimal.Parse(Environment.GetEnvironmentVariable("SATDOWNLOAD_CLEARSKY_MAX_UNITS") ?? "50", CultureInfo.InvariantCulture);

ProviderEmulator? emulator = null;
var options = ClearSkyClientOptions.FromEnvironment();
if (options is null)
{
    var clearSky = new ClearSkyEmulator();
    emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { clearSky } });
    options = new ClearSkyClientOptions { Endpoint = emulator.GetProviderUri<ClearSkyEmulator>(), ApiKey = clearSky.Options.ApiKey };
    Console.WriteLine($"Using the ClearSKY emulator at {options.Endpoint}");
}
else
{
    Console.WriteLine($"Using ClearSKY at {options.Endpoint}");
}

try
{
    var client = new ClearSkyClient(options);

    // The founding document's minimal composite request, built from an AOI.
    var request = new ClearSkyCompositeRequest
    {
        Aoi = Aoi.FromWkt("POLYGON ((9.877893206725581 56.47856668238974, 10.196496722350581 56.47856668238974, 10.196496722350581 56.27782087776097, 9.877893206725581 56.27782087776097, 9.877893206725581 56.47856668238974))"),
        Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
        Resolution = 10,
        EpsgProjection = 32632,
        Model = ClearSkyModels.Stratus2,
        SatelliteConstellations = [ClearSkyModels.Sentinel1, ClearSkyModels.Sentinel2, ClearSkyModels.Landsat89],
        Bandnames = "all",
    };

    var result = await client.DownloadCompositeAsync(
        request,
        output,
        new ClearSkyDownloadOptions { Budget = new DownloadBudget { MaxCost = maxUnits, CostUnit = ClearSkyEstimate.CostUnit } });

    Console.WriteLine($"Estimate:    {result.Estimate?.ProcessingUnitCost} processing units for {result.Estimate?.AreaEstimateKm2:0.#} km²");
    Console.WriteLine($"File:        {result.FilePath} ({result.BytesWritten} bytes)");
    Console.WriteLine($"SHA-256:     {result.Sha256}");
    Console.WriteLine($"Attribution: {result.Attribution}");
    Console.WriteLine($"             (written to {result.AttributionFilePath})");

    // The same composite through the unified client: journal (a re-run pays nothing twice) and a STAC catalog.
    var unifiedOptions = new SatDownloadClientOptions();
    unifiedOptions.Providers.Add(new ClearSkyImageryProvider(client));
    var unified = new SatDownloadClient(unifiedOptions);
    var unifiedResult = await unified.DownloadAsync(
        new ClearSkyCompositeImageryRequest(request),
        Path.Combine(output, "unified"),
        new DownloadOptions { Budget = new DownloadBudget { MaxCost = maxUnits, CostUnit = ClearSkyEstimate.CostUnit } });
    Console.WriteLine($"Unified:     {unifiedResult.Downloads.Count(d => d.Succeeded)} file(s), cost {unifiedResult.CostEstimate}, task {unifiedResult.TaskId}");
    Console.WriteLine($"STAC:        {unifiedResult.ManifestPath}");
    return 0;
}
catch (BudgetExceededException ex)
{
    Console.Error.WriteLine($"Refused by the budget, nothing was downloaded: {ex.Message}");
    return 2;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
