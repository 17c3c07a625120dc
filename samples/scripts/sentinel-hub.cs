#:project ../../src/SatDownload.SentinelHub/SatDownload.SentinelHub.csproj
#:project ../../src/SatDownload.Testing/SatDownload.Testing.csproj
#:property PublishAot=false

// Sentinel Hub end to end: catalog search, a Process request over an AOI in UTM (split into tiles when large,
// several outputs unpacked from a tar, PU estimated and checked before sending), and statistics per 10 days.
// Offline by default against the in-process emulator; set SATDOWNLOAD_SENTINELHUB_CLIENT_ID and
// SATDOWNLOAD_SENTINELHUB_CLIENT_SECRET (and optionally SATDOWNLOAD_SENTINELHUB_DEPLOYMENT=EU|US-West|CDSE) to use the
// real service (this spends a few processing units).
using SatDownload;
using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

var output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("out", "sentinel-hub"));
Directory.CreateDirectory(output);

ProviderEmulator? emulator = null;
var options = SentinelHubClientOptions.FromEnvironment();
if (options is null)
{
    var sh = new SentinelHubEmulator();
    emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sh } });
    sh.RegisterClient(SentinelHubEmulator.MainRealm, "sample-client", "sample-secret-value");
    options = new SentinelHubClientOptions
    {
        Deployment = SentinelHubDeployment.Custom("emulator", sh.DeploymentUri("eu"), sh.TokenUri(SentinelHubEmulator.MainRealm)),
        ClientId = "sample-client",
        ClientSecret = "sample-secret-value",
        AllowInsecureHttp = true,
    };
    Console.WriteLine($"Using the in-process emulator at {emulator.BaseUri}");
}
else
{
    Console.WriteLine($"Using Sentinel Hub {options.Deployment}");
}

try
{
    var client = new SentinelHubClient(new SentinelHubClientOptions
    {
        Deployment = options.Deployment,
        ClientId = options.ClientId,
        ClientSecret = options.ClientSecret,
        AllowInsecureHttp = options.AllowInsecureHttp,
        RequestsPerMinute = 300,
        ProcessingUnitsPerMinute = 300,
        Budget = new DownloadBudget { MaxCost = 50, CostUnit = ProcessingUnitCalculator.Unit },
    });

    var aoi = Aoi.FromBoundingBox(14.40, 46.00, 14.60, 46.10); // Ljubljana
    var june = (From: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero));

    // 1. Catalog: the first scenes over the AOI with little cloud.
    var search = new CatalogSearchRequest
    {
        Collections = ["sentinel-2-l2a"],
        Datetime = $"{june.From:yyyy-MM-ddTHH:mm:ssZ}/{june.To:yyyy-MM-ddTHH:mm:ssZ}",
        Bbox = [aoi.BoundingBox.West, aoi.BoundingBox.South, aoi.BoundingBox.East, aoi.BoundingBox.North],
        Limit = 5,
    };
    var shown = 0;
    await foreach (var item in client.GetCatalogClient().SearchAsync(search))
    {
        Console.WriteLine($"  scene {item.Id} {item.Datetime:yyyy-MM-dd} cloud {item.CloudCover:0.#}%");
        if (++shown == 5)
        {
            break;
        }
    }

    // 2. Process: true colour GeoTIFF plus userdata JSON, 10 m in UTM.
    var request = ProcessRequestBuilder.For(aoi)
        .InUtm()
        .AddData("sentinel-2-l2a", june.From, june.To, d => { d.DataFilter!.MaxCloudCoverage = 30; d.DataFilter.MosaickingOrder = "leastCC"; })
        .WithResolution(10, 10)
        .AddResponse("default", SentinelHubFormats.Tiff)
        .AddResponse("userdata", SentinelHubFormats.Json)
        .WithEvalscript("""
            //VERSION=3
            function setup() { return { input: ["B02", "B03", "B04", "dataMask"], output: [{ id: "default", bands: 4 }] }; }
            function updateOutputMetadata(scenes, inputMetadata, outputMetadata) { outputMetadata.userData = { scenes: scenes.length }; }
            function evaluatePixel(s) { return [2.5 * s.B04, 2.5 * s.B03, 2.5 * s.B02, s.dataMask]; }
            """)
        .Build();
    var process = client.GetProcessClient();
    Console.WriteLine($"Process estimate: {process.EstimateProcessingUnits(request)} (budget 50 PU)");
    var result = await process.ProcessAsync(request, output);
    foreach (var file in result.Files)
    {
        Console.WriteLine($"  {file.Identifier,-9} {file.Length,9:N0} bytes  sha256 {file.Sha256[..16]}…  {file.FilePath}");
    }

    Console.WriteLine($"  tiles: {result.Tiles.Count}, PU spent (x-processingunits-spent): {result.ProcessingUnitsSpent?.ToString("0.###") ?? "n/a"}");

    // 3. Statistical: mean per 10 days.
    var stats = await client.GetStatisticalClient().GetStatisticsAsync(new StatisticalRequest
    {
        Input = new ProcessInput { Bounds = request.Input.Bounds, Data = request.Input.Data },
        Aggregation = new StatisticalAggregation
        {
            TimeRange = TimeRange.Between(june.From, june.To),
            AggregationInterval = new AggregationInterval { Of = "P10D" },
            ResX = 20,
            ResY = 20,
            Evalscript = """
                //VERSION=3
                function setup() { return { input: ["B04", "B08", "dataMask"], output: [{ id: "ndvi", bands: 1, sampleType: "FLOAT32" }, { id: "dataMask", bands: 1 }] }; }
                function evaluatePixel(s) { return { ndvi: [(s.B08 - s.B04) / (s.B08 + s.B04)], dataMask: [s.dataMask] }; }
                """,
        },
    });
    Console.WriteLine($"Statistics: {stats.Status}");
    foreach (var interval in stats.Data)
    {
        var band = interval.Outputs?.Values.FirstOrDefault()?.Bands.Values.FirstOrDefault();
        Console.WriteLine($"  {interval.Interval?.From:yyyy-MM-dd}..{interval.Interval?.To:yyyy-MM-dd} mean {band?.Stats?.Mean:0.###}");
    }

    Console.WriteLine($"Done: files in {output}");
    return 0;
}
catch (SatDownloadException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
