using System.Text.Json;
using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Unified;

/// <summary>Requests and a <see cref="SatDownloadClient"/> over the Sentinel Hub emulator.</summary>
internal static class UnifiedSupport
{
    public static readonly TaskPollingOptions Fast = new() { InitialInterval = TimeSpan.FromSeconds(20), MaxInterval = TimeSpan.FromSeconds(45) };

    public static SatDownloadClient SatClient(ShEnvironment env, SentinelHubClient? client = null, DownloadBudget? budget = null)
    {
        var options = new SatDownloadClientOptions
        {
            TimeProvider = env.Clock,
            Polling = Fast,
            DownloadOptions = new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20), Budget = budget },
        };
        options.Providers.Add(new SentinelHubImageryProvider(client ?? env.Client()));
        return new SatDownloadClient(options);
    }

    /// <summary>3000 × 1200 px: split into two tiles of at most 2500 px.</summary>
    public static SentinelHubProcessImageryRequest Process(int width = 3000, int height = 1200) =>
        new(Samples.Request(width, height, ("default", SentinelHubFormats.Tiff)));

    public static SentinelHubBatchImageryRequest BatchRequest(ShEnvironment env, string url = "s3://results/unified")
    {
        var pr = Samples.Request(1, 1, ("default", SentinelHubFormats.Tiff));
        pr.Output!.Width = null;
        pr.Output.Height = null;
        var request = new BatchProcessRequest
        {
            ProcessRequest = pr,
            Input = BatchProcessInput.TilingGrid(0, 60),
            Output = BatchProcessOutput.Raster(ObjectStorageInfo.ForS3(url, "AKIAUNIFIED", "unified-batch-secret-987")),
            Description = "unified",
        };
        return new SentinelHubBatchImageryRequest(request, new SentinelHubBatchOutputOptions { Resolver = Presigner(env) });
    }

    /// <summary>Stands in for an S3 SDK presigner: the emulator's signed blob URLs.</summary>
    public static ISignedUrlResolver Presigner(ShEnvironment env) => new DelegateSignedUrlResolver((asset, _, _) =>
        ValueTask.FromResult(new DownloadLocation(env.Emulator.Blobs.GetSignedUrl(SentinelHubEmulator.BlobNameFor(asset.Href!.OriginalString), TimeSpan.FromHours(1)))
        {
            ExpiresAt = env.Clock.GetUtcNow().AddHours(1),
        }));

    public static SentinelHubCatalogImageryRequest CatalogRequest(int maxItems = 3) => new(new CatalogSearchRequest
    {
        Collections = ["sentinel-2-l2a"],
        Datetime = "2024-06-01T00:00:00Z/2024-06-03T23:59:59Z",
        Bbox = [13.8, 45.8, 14.6, 46.3],
        Limit = 2,
    })
    { MaxItems = maxItems };

    public static int Count(ShEnvironment env, string method, string pathSuffix) =>
        env.Emulator.Requests.Snapshot().Count(r => r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    public static (JsonDocument Item, string Directory)[] ReadItems(string catalogPath)
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(catalogPath));
        return catalog.RootElement.GetProperty("links").EnumerateArray()
            .Where(l => l.GetProperty("rel").GetString() == "item")
            .Select(l =>
            {
                var itemPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(catalogPath)!, l.GetProperty("href").GetString()!));
                return (JsonDocument.Parse(File.ReadAllText(itemPath)), Path.GetDirectoryName(itemPath)!);
            })
            .ToArray();
    }
}
