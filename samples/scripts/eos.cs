#:project ../../src/SatDownload.Eos/SatDownload.Eos.csproj
#:project ../../src/SatDownload.Testing/SatDownload.Testing.csproj
#:property PublishAot=false

// EOS load-by-extent, end to end: search Sentinel-2 scenes over an AOI, create an lbe task for the clearest one,
// wait for it within EOS's 10 requests/minute, download the result and unpack zips safely.
//
//   dotnet run samples/scripts/eos.cs [output-folder]
//
// Runs against an in-process emulator by default (virtual time: the minutes of waiting pass instantly). Set
// SATDOWNLOAD_EOS_API_KEY (and optionally SATDOWNLOAD_EOS_ENDPOINT, SATDOWNLOAD_EOS_API_KEY_LOCATION) to use the real service.
using SatDownload;
using SatDownload.Eos;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Models;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

var output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("downloads", "eos"));
var options = EosClientOptions.FromEnvironment();
ProviderEmulator? emulator = null;
if (options.ApiKey is null)
{
    var eos = new EosEmulator(new EosEmulatorOptions { RasterSize = 128 });
    emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { eos } });
    emulator.Clock.AutoAdvanceMaxDelay = TimeSpan.FromSeconds(45);
    emulator.Clock.AutoAdvance = true;
    options.Endpoint = emulator.GetProviderUri(eos);
    options.ApiKey = EosEmulatorOptions.DefaultApiKey;
    options.TimeProvider = emulator.Clock;
    options.RateLimiterRegistry = new RateLimiterRegistry(emulator.Clock);
    Console.WriteLine($"No {EosClientOptions.ApiKeyEnvironmentVariable} set: using the in-process EOS emulator at {options.Endpoint}");
}

try
{
    var client = new EosClient(options);

    // The founding document's AOI (Chihuahua, Mexico), as GeoJSON.
    var aoi = Aoi.FromGeoJson("""
        {"type":"Polygon","coordinates":[[[-104.87931347024973,27.166227117387663],[-104.87190853064376,27.17371136921598],
        [-104.87486446023671,27.175686643908065],[-104.87271173924485,27.178599422270565],[-104.87575466983847,27.180525385046096],
        [-104.88103048496039,27.176643443128853],[-104.87771956045358,27.172771682872458],[-104.88236756436531,27.17042134807906],
        [-104.87931347024973,27.166227117387663]]]}
        """);
    Console.WriteLine($"AOI: {aoi.AreaSquareKilometers:0.###} km², UTM EPSG:{aoi.UtmEpsgCode}");

    EosScene? clearest = null;
    await foreach (var scene in client.SearchScenesAsync(new EosSceneSearchRequest
    {
        Datasets = ["sentinel2"],
        Aoi = aoi,
        From = new DateOnly(2023, 7, 1),
        To = new DateOnly(2023, 7, 31),
        MaxCloudCoverage = 30,
    }))
    {
        Console.WriteLine($"  scene {scene.ViewId,-28} {scene.Date} cloud {scene.CloudCoverage,5:0.0}%");
        if (clearest is null || scene.CloudCoverage < clearest.CloudCoverage)
        {
            clearest = scene;
        }
    }

    if (clearest?.ViewId is null)
    {
        Console.WriteLine("No scene found.");
        return 1;
    }

    using var http = new HttpClient(ProviderHttpPipeline.CreateDefaultPrimaryHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    var downloader = new AssetDownloader(http);
    var requests = new[]
    {
        new EosLoadByExtentRequest { ViewId = clearest.ViewId, Bands = ["B02", "B03", "B04"], Merge = true, Aoi = aoi, Reference = "sample-rgb" },
        new EosLoadByExtentRequest { ViewId = clearest.ViewId, Bands = ["B04", "B08", "B11"], Merge = true, Aoi = aoi, Reference = "sample-nir-swir" },
    };

    var failures = 0;
    foreach (var request in requests)
    {
        var task = await client.CreateLoadByExtentTaskAsync(request);
        Console.WriteLine($"Task {task.Id} ({request.Reference}): expecting {task.PredictedResult?.Type} because {task.PredictedResult?.Reason}");
        await task.WaitForCompletionAsync(progress: new Progress<ProviderTaskProgress>(p => Console.WriteLine($"  {p.ProviderStatus} after {p.Elapsed.TotalSeconds:0} s")));
        var results = await client.DownloadResultsAsync(task, downloader, output, new EosDownloadOptions { ExtractArchives = true });
        foreach (var result in results)
        {
            failures += result.Succeeded ? 0 : 1;
            Console.WriteLine($"  {(result.Succeeded ? "ok  " : "FAIL")} {result.FilePath} ({result.Download.BytesWritten} bytes, {result.ActualType}, sha256 {result.Download.Sha256?[..16]}…) delivered as {task.ResultDelivery}");
            foreach (var file in result.ExtractedFiles)
            {
                Console.WriteLine($"         extracted {file.EntryName} ({file.Length} bytes)");
            }

            if (result.Exception is not null)
            {
                Console.WriteLine($"         {result.Exception.Message}");
            }
        }
    }

    return failures == 0 ? 0 : 2;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
