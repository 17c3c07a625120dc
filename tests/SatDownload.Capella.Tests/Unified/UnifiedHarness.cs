using System.Security.Cryptography;
using System.Text.Json;
using SatDownload.Capella.Models;
using SatDownload.Capella.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Unified;

/// <summary>
/// The Capella emulator on an auto-advancing clock (jumps of at most 5 s, so polling runs in virtual time while the
/// downloader's retries and timeouts stay sane), a temporary destination, and <see cref="SatDownloadClient"/>s over them.
/// </summary>
internal sealed class UnifiedHarness : IAsyncDisposable
{
    public const string Collection = "capella-archive";
    public const string Granule = "CAPELLA_C05_SP_ACD_HH_20260101000000_20260101000010";

    private static readonly HttpClient Http = new(SatDownload.Http.ProviderHttpPipeline.CreateDefaultPrimaryHandler());
    private readonly TempDirectory _directory = new();

    private UnifiedHarness(CapellaTestHost host)
    {
        Host = host;
    }

    public CapellaTestHost Host { get; }

    public ProviderEmulator Emulator => Host.Emulator;

    public CapellaEmulator Capella => Host.Capella;

    public string Directory => _directory.Path;

    /// <summary>Polling that fits the 5 s auto-advance bound: every 2 s, then up to 5 s.</summary>
    public static TaskPollingOptions Polling { get; } = new()
    {
        InitialInterval = TimeSpan.FromSeconds(2),
        MaxInterval = TimeSpan.FromSeconds(5),
        Timeout = TimeSpan.FromHours(1),
    };

    public int OrdersPlaced => Emulator.Requests.Count(r => r.Method == "POST" && r.Path == "/capella/orders");

    public int Reviews => Emulator.Requests.Count(r => r.Method == "POST" && r.Path == "/capella/orders/review");

    public static async Task<UnifiedHarness> StartAsync()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
        var host = await CapellaTestHost.StartAsync(clock);
        return new UnifiedHarness(host);
    }

    /// <summary>Seeds the article's AOI and product, plus an orderable ACD granule with a change map and an HH image.</summary>
    public void Seed(int fileSize = 64 * 1024)
    {
        Capella.SeedArticleExample(fileSize);
        Capella.AddGranule(Collection, Granule, ["changemap", "HH"], fileSize);
        Capella.OrderProcessingTime = TimeSpan.FromSeconds(30);
    }

    public CapellaImageryProvider CreateProvider() => new(Host.ApiKeyClient());

    public SatDownloadClient CreateClient(Action<SatDownloadClientOptions>? configure = null)
    {
        var options = new SatDownloadClientOptions
        {
            TimeProvider = Emulator.Clock,
            DownloadOptions = CapellaDownloads.NoWait,
            Polling = Polling,
        };
        options.Providers.Add(CreateProvider());
        configure?.Invoke(options);
        return new SatDownloadClient(options, new AssetDownloader(Http, new AssetDownloaderOptions { TimeProvider = Emulator.Clock }));
    }

    public static CapellaChangeMapImageryRequest AoiRequest(CapellaAssetFilter? files = null) => new()
    {
        AoiId = CapellaEmulator.ArticleAoiId,
        Files = files,
    };

    public static CapellaChangeMapImageryRequest OrderRequest(CapellaAssetFilter? files = null) => new()
    {
        Granules = [new CapellaOrderItem(Collection, Granule)],
        Files = files,
    };

    public string Sha256OfBlob(string blob) => Host.BlobSha256(blob);

    public static string Sha256OfFile(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

    /// <summary>The catalog's items, parsed, with their file paths.</summary>
    public IReadOnlyList<(string Path, JsonElement Item)> CatalogItems(string catalogPath)
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(catalogPath));
        var items = new List<(string, JsonElement)>();
        foreach (var link in catalog.RootElement.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "item"))
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, link.GetProperty("href").GetString()!));
            using var item = JsonDocument.Parse(File.ReadAllText(path));
            items.Add((path, item.RootElement.Clone()));
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}
