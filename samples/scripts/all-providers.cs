#:project ../../src/SatDownload.Iceye/SatDownload.Iceye.csproj
#:project ../../src/SatDownload.Capella/SatDownload.Capella.csproj
#:project ../../src/SatDownload.ClearSky/SatDownload.ClearSky.csproj
#:project ../../src/SatDownload.Testing/SatDownload.Testing.csproj
#:property PublishAot=false

// Every provider through one SatDownloadClient: one request each, files + journal + STAC catalog in one folder.
//
//   dotnet run samples/scripts/all-providers.cs [output-directory]
//
// Runs against the in-process emulators (one host, one virtual clock on which hours of tasking pass in seconds).
// Outside this repository, replace the #:project lines with package references (see docs/scripting.md):
//   #:package SatDownload.Iceye@0.1.0   (and .Capella, .ClearSky, .Testing)
using SatDownload;
using SatDownload.Capella;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;
using SatDownload.Testing;
using SatDownload.Testing.Capella;
using SatDownload.Testing.ClearSky;
using SatDownload.Testing.Iceye;

var output = Path.GetFullPath(args.Length > 0 ? args[0] : "all-providers-output");
var aoi = Aoi.FromWkt("POLYGON((1.29 43.53, 1.315 43.53, 1.315 43.548, 1.29 43.548, 1.29 43.53))");

var clock = new VirtualClock(DateTimeOffset.UtcNow) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10), AutoAdvance = true };
var iceye = new IceyeEmulator(new IceyeEmulatorOptions { ReceivedDuration = TimeSpan.FromMinutes(1), ActiveDuration = TimeSpan.FromMinutes(3), FulfilledDuration = TimeSpan.FromMinutes(2) });
var capella = new CapellaEmulator();
var clearSky = new ClearSkyEmulator();
await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye, capella, clearSky }, Clock = clock });
capella.SeedArticleExample();
capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;

// One client, every provider. With DI this is services.AddSatDownload().AddIceye(...).AddCapella(...).AddClearSky(...).AddSatDownloadClient().
var options = new SatDownloadClientOptions { TimeProvider = clock, DownloaderOptions = new AssetDownloaderOptions { TimeProvider = clock } };
options.Providers.Add(new IceyeImageryProvider(new IceyeClient(new IceyeClientOptions
{
    BaseAddress = iceye.GetApiBaseAddress(),
    TokenEndpoint = iceye.GetTokenEndpoint(),
    ClientId = iceye.Options.ClientId,
    ClientSecret = iceye.Options.ClientSecret,
    TimeProvider = clock,
    Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) },
})));
options.Providers.Add(new CapellaImageryProvider(new CapellaClient(new CapellaClientOptions { Endpoint = emulator.GetProviderUri(capella), ApiKey = CapellaEmulator.DefaultApiKey, TimeProvider = clock })));
options.Providers.Add(new ClearSkyImageryProvider(new ClearSkyClient(new ClearSkyClientOptions { Endpoint = emulator.GetProviderUri(clearSky), ApiKey = clearSky.Options.ApiKey })));
var client = new SatDownloadClient(options);

var now = clock.GetUtcNow();
ImageryRequest[] requests =
[
    new IceyeTaskImageryRequest(new IceyeCreateTaskRequest
    {
        ContractId = IceyeEmulator.DefaultContractId,
        PointOfInterest = IceyePointOfInterest.FromAoi(aoi),
        AcquisitionWindow = new IceyeAcquisitionWindow(now.AddHours(3), now.AddHours(51)),
        ImagingMode = IceyeImagingMode.Spotlight,
    }),
    new CapellaChangeMapImageryRequest { AoiId = CapellaEmulator.ArticleAoiId, Files = CapellaAssetFilter.CloudOptimizedOnly },
    new ClearSkyCompositeImageryRequest(new ClearSkyCompositeRequest
    {
        Aoi = aoi,
        Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
        Resolution = 10,
        EpsgProjection = aoi.UtmEpsgCode,
        Model = ClearSkyModels.Stratus2,
        SatelliteConstellations = [ClearSkyModels.Sentinel2],
    }),
];

var failures = 0;
foreach (var request in requests)
{
    try
    {
        var result = await client.DownloadAsync(request, output);
        Console.WriteLine(result);
        foreach (var file in result.Downloads)
        {
            Console.WriteLine(file.Succeeded
                ? $"  {Path.GetRelativePath(output, file.FilePath!),-70} {file.BytesWritten,10:N0} bytes  sha256 {file.Sha256?[..16]}…"
                : $"  FAILED {file.Asset.Identity}: {file.Exception?.Message}");
        }

        failures += result.Downloads.Count(d => !d.Succeeded) + (result.Downloads.Count == 0 ? 1 : 0);
    }
    catch (SatDownloadException ex)
    {
        Console.WriteLine($"{request}: {ex.Message}");
        failures++;
    }
}

Console.WriteLine($"STAC catalog: {Path.Combine(output, "catalog.json")}");
return failures == 0 ? 0 : 1;
