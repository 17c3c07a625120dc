#:project ../../src/SatDownload.Capella/SatDownload.Capella.csproj
#:project ../../src/SatDownload.Testing/SatDownload.Testing.csproj
#:property PublishAot=false

// Capella change maps end to end: list the change-map products of an AOI, pick the latest, download its cloud-optimized
// change maps (each href is exchanged for a signed URL just before the download), then fetch the SAR input's STAC item;
// finally the same request through SatDownloadClient (journal, STAC catalog, resumable reruns).
//
//   dotnet run samples/scripts/capella.cs                 # against the in-process emulator (default)
//   SATDOWNLOAD_CAPELLA_API_KEY=... SATDOWNLOAD_CAPELLA_AOI_ID=... dotnet run samples/scripts/capella.cs   # real service
//
// Files go to ./capella-output (or the first argument).
using SatDownload;
using SatDownload.Capella;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

var output = Path.GetFullPath(args.Length > 0 ? args[0] : "capella-output");
var options = CapellaClientOptions.FromEnvironment();
var aoiId = Environment.GetEnvironmentVariable("SATDOWNLOAD_CAPELLA_AOI_ID");
ProviderEmulator? emulator = null;

if (options.AuthenticationMethod == CapellaAuthenticationMethod.None || string.IsNullOrWhiteSpace(aoiId))
{
    // No credentials (or no AOI): run against the emulator, seeded with Capella's article example plus monitoring results.
    var capella = new CapellaEmulator();
    emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { capella } });
    capella.SeedArticleExample();
    capella.AddProduct(CapellaEmulator.ArticleAoiId, null, new DateTimeOffset(2020, 7, 12, 22, 6, 57, TimeSpan.Zero));
    capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
    options = new CapellaClientOptions
    {
        Endpoint = emulator.GetProviderUri(capella),
        ApiKey = CapellaEmulator.DefaultApiKey,
        TimeProvider = emulator.Clock,
    };
    aoiId = CapellaEmulator.ArticleAoiId;
    Console.WriteLine($"Using the Capella emulator at {options.Endpoint}");
}

try
{
    var client = new CapellaClient(options);
    var user = await client.GetUserAsync();
    Console.WriteLine($"Authenticated as user {user.Id} (organization {user.OrganizationId})");

    var products = new List<SatDownload.Capella.Models.CapellaAnalyticsProduct>();
    await foreach (var p in client.GetProductsAsync(aoiId!))
    {
        products.Add(p);
        Console.WriteLine($"  product {p.Id}  created {p.DateCreated:u}  method {p.MethodApplied}  window {p.DateStart:yyyy-MM-dd}..{p.DateEnd:yyyy-MM-dd}  assets {string.Join(",", p.Assets.Keys)}");
    }

    var latest = products.OrderByDescending(p => p.DateCreated).FirstOrDefault();
    if (latest is null)
    {
        Console.WriteLine($"AOI {aoiId} has no change-map products yet.");
        return 0;
    }

    var assets = client.GetProductAssets(latest, CapellaAssetFilter.CloudOptimizedOnly);
    var downloader = new AssetDownloader(new HttpClient(), new AssetDownloaderOptions { TimeProvider = options.TimeProvider });
    var results = await downloader.DownloadAsync(assets, output);
    foreach (var r in results)
    {
        Console.WriteLine(r.Succeeded
            ? $"  {r.Asset.AssetKey} ({r.Asset.Title}) -> {r.FilePath}  {r.BytesWritten} bytes  sha256 {r.Sha256}"
            : $"  {r.Asset.AssetKey} failed: {r.Exception?.Message}");
    }

    var source = await client.GetSourceItemAsync(latest);
    if (source is not null)
    {
        Console.WriteLine($"Source SAR item {source.Collection}/{source.Id} acquired {source.DateTime:u} with assets {string.Join(",", source.Assets.Keys)}");
        var sourceResults = await downloader.DownloadAsync(client.GetStacItemAssets(source), output);
        foreach (var r in sourceResults)
        {
            Console.WriteLine(r.Succeeded ? $"  source {r.Asset.AssetKey} -> {r.FilePath}" : $"  source {r.Asset.AssetKey} failed: {r.Exception?.Message}");
        }
    }

    // The same change maps through the unified client: a journal and a STAC catalog in the folder; running it again
    // resumes the recorded selection and downloads nothing that is already complete.
    var unified = new SatDownloadClient(new SatDownloadClientOptions
    {
        Providers = { new CapellaImageryProvider(client) },
        TimeProvider = options.TimeProvider,
        DownloaderOptions = new AssetDownloaderOptions { TimeProvider = options.TimeProvider },
    });
    var request = new CapellaChangeMapImageryRequest { AoiId = aoiId, Files = CapellaAssetFilter.CloudOptimizedOnly };
    var flow = await unified.DownloadAsync(request, Path.Combine(output, "unified"));
    var again = await unified.DownloadAsync(request, Path.Combine(output, "unified"));
    Console.WriteLine($"SatDownloadClient: task {flow.TaskId}, {flow.Downloads.Count(d => d.Succeeded)}/{flow.Downloads.Count} file(s), catalog {flow.ManifestPath}");
    Console.WriteLine($"  rerun resumed from the journal: {again.ResumedFromJournal}, files skipped: {again.Downloads.Count(d => d.Skipped)}");

    return results.All(r => r.Succeeded) && flow.Succeeded && again.Succeeded ? 0 : 1;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
