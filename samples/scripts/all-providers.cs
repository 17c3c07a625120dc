#:project ../../src/SatDownload.Iceye/SatDownload.Iceye.csproj
#:project ../../src/SatDownload.Capella/SatDownload.Capella.csproj
#:project ../../src/SatDownload.ClearSky/SatDownload.ClearSky.csproj
#:project ../../src/SatDownload.SentinelHub/SatDownload.SentinelHub.csproj
#:project ../../src/SatDownload.Eos/SatDownload.Eos.csproj
#:project ../../src/SatDownload.Testing/SatDownload.Testing.csproj
#:property PublishAot=false

// All five providers through one SatDownloadClient: one request each, files + journal + STAC catalog in one folder.
//
//   dotnet run samples/scripts/all-providers.cs [output-directory]
//
// Runs against the in-process emulators (one host, one virtual clock on which hours of tasking pass in seconds).
// Outside this repository, replace the #:project lines with package references (see docs/scripting.md):
//   #:package SatDownload.Iceye@0.1.0   (and .Capella, .ClearSky, .SentinelHub, .Eos, .Testing)
using SatDownload;
using SatDownload.Capella;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Eos;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;
using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;
using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.Capella;
using SatDownload.Testing.ClearSky;
using SatDownload.Testing.Eos;
using SatDownload.Testing.Iceye;
using SatDownload.Testing.SentinelHub;

var output = Path.GetFullPath(args.Length > 0 ? args[0] : "all-providers-output");
var aoi = Aoi.FromWkt("POLYGON((1.29 43.53, 1.315 43.53, 1.315 43.548, 1.29 43.548, 1.29 43.53))");

var clock = new VirtualClock(DateTimeOffset.UtcNow) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10), AutoAdvance = true };
var iceye = new IceyeEmulator(new IceyeEmulatorOptions { ReceivedDuration = TimeSpan.FromMinutes(1), ActiveDuration = TimeSpan.FromMinutes(3), FulfilledDuration = TimeSpan.FromMinutes(2) });
var capella = new CapellaEmulator();
var clearSky = new ClearSkyEmulator();
var sentinelHub = new SentinelHubEmulator();
var eos = new EosEmulator(new EosEmulatorOptions { RasterSize = 128 });
await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sentinelHub, iceye, capella, eos, clearSky }, Clock = clock });
capella.SeedArticleExample();
capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
sentinelHub.RegisterClient(SentinelHubEmulator.MainRealm, "script-client", "script-secret-value");

// One client, every provider. With DI this is
// services.AddSatDownload().AddSentinelHub(...).AddIceye(...).AddCapella(...).AddEos(...).AddClearSky(...).AddSatDownloadClient().
var options = new SatDownloadClientOptions { TimeProvider = clock, DownloaderOptions = new AssetDownloaderOptions { TimeProvider = clock } };
options.Providers.Add(new SentinelHubImageryProvider(new SentinelHubClient(new SentinelHubClientOptions
{
    Deployment = SentinelHubDeployment.Custom("emulator", sentinelHub.DeploymentUri("eu"), sentinelHub.TokenUri(SentinelHubEmulator.MainRealm)),
    ClientId = "script-client",
    ClientSecret = "script-secret-value",
    AllowInsecureHttp = true,
})));
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
// EOS allows 10 requests a minute per endpoint: the limiter spaces calls 6 s apart on the virtual clock, which costs no real time.
var eosClient = new EosClient(new EosClientOptions
{
    Endpoint = emulator.GetProviderUri(eos),
    ApiKey = EosEmulatorOptions.DefaultApiKey,
    TimeProvider = clock,
    RateLimiterRegistry = new RateLimiterRegistry(clock),
});
options.Providers.Add(new EosImageryProvider(eosClient));
options.Providers.Add(new ClearSkyImageryProvider(new ClearSkyClient(new ClearSkyClientOptions { Endpoint = emulator.GetProviderUri(clearSky), ApiKey = clearSky.Options.ApiKey })));
// Every task polls at 5-10 s: within the virtual clock's jump limit, so waiting costs no real time (EOS's own default
// backs off to a minute, which the virtual clock would wait in real time).
options.Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) };
var client = new SatDownloadClient(options);

// EOS orders a clip of one archive scene: search the AOI first and take the clearest Sentinel-2 scene.
string? eosViewId = null;
var eosCloud = double.MaxValue;
await foreach (var scene in eosClient.SearchScenesAsync(new EosSceneSearchRequest { Datasets = ["sentinel2"], Aoi = aoi, From = new DateOnly(2023, 7, 1), To = new DateOnly(2023, 7, 31), MaxCloudCoverage = 30 }))
{
    if (scene.ViewId is not null && (scene.CloudCoverage ?? 100) < eosCloud)
    {
        (eosViewId, eosCloud) = (scene.ViewId, scene.CloudCoverage ?? 100);
    }
}

// Whole hours, so that a re-run within the hour is the same ICEYE request and resumes from the journal.
var now = clock.GetUtcNow();
now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
ImageryRequest[] requests =
[
    new SentinelHubProcessImageryRequest(ProcessRequestBuilder.For(aoi)
        .InUtm()
        .AddData("sentinel-2-l2a", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero), d => { d.DataFilter!.MaxCloudCoverage = 30; d.DataFilter.MosaickingOrder = "leastCC"; })
        .WithResolution(10, 10)
        .AddResponse("default", SentinelHubFormats.Tiff)
        .WithEvalscript("""
            //VERSION=3
            function setup() { return { input: ["B02", "B03", "B04", "dataMask"], output: { bands: 4 } }; }
            function evaluatePixel(s) { return [2.5 * s.B04, 2.5 * s.B03, 2.5 * s.B02, s.dataMask]; }
            """)
        .Build()),
    new IceyeTaskImageryRequest(new IceyeCreateTaskRequest
    {
        ContractId = IceyeEmulator.DefaultContractId,
        PointOfInterest = IceyePointOfInterest.FromAoi(aoi),
        AcquisitionWindow = new IceyeAcquisitionWindow(now.AddHours(3), now.AddHours(51)),
        ImagingMode = IceyeImagingMode.Spotlight,
    }),
    new CapellaChangeMapImageryRequest { AoiId = CapellaEmulator.ArticleAoiId, Files = CapellaAssetFilter.CloudOptimizedOnly },
    new EosLoadByExtentImageryRequest(new EosLoadByExtentRequest
    {
        ViewId = eosViewId ?? throw new InvalidOperationException("EOS found no Sentinel-2 scene of the AOI in July 2023 with at most 30 % clouds."),
        Bands = ["B02", "B03", "B04"],
        Merge = true,
        Aoi = aoi,
    }),
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
        SatDownloadResult result;
        try
        {
            result = await client.DownloadAsync(request, output);
        }
        catch (JournaledTaskNotFoundException)
        {
            // The emulators start empty on every run, so a task journaled by an earlier run into the same folder is
            // unknown to them. Against a real provider this deserves a look; here the request is simply ordered again.
            Console.WriteLine($"{request}: the journal names a task of an earlier run that this run's fresh emulator does not know; ordering again.");
            var journal = DownloadJournal.Open(output);
            journal.Remove(request.GetFingerprint());
            await journal.SaveAsync();
            result = await client.DownloadAsync(request, output);
        }

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
