using System.Security.Cryptography;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.Infrastructure;

/// <summary>An emulator with the EOS provider on a virtual clock, plus factories for clients and downloaders.</summary>
internal sealed class EosHarness : IAsyncDisposable
{
    private readonly List<IDisposable> _disposables = [];

    private EosHarness(ProviderEmulator emulator, EosEmulator eos, string directory)
    {
        Emulator = emulator;
        Eos = eos;
        Directory = directory;
        Registry = new RateLimiterRegistry(emulator.Clock);
    }

    public ProviderEmulator Emulator { get; }

    public EosEmulator Eos { get; }

    public VirtualClock Clock => Emulator.Clock;

    public RateLimiterRegistry Registry { get; }

    public string Directory { get; }

    public Uri Endpoint => Emulator.GetProviderUri(Eos);

    public static async Task<EosHarness> StartAsync(Action<EosEmulatorOptions>? configure = null)
    {
        var options = new EosEmulatorOptions();
        configure?.Invoke(options);
        var eos = new EosEmulator(options);
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { eos } });
        var dir = Path.Combine(Path.GetTempPath(), "satdownload-eos-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return new EosHarness(emulator, eos, dir);
    }

    public EosClient CreateClient(Action<EosClientOptions>? configure = null)
    {
        var options = new EosClientOptions
        {
            Endpoint = Endpoint,
            ApiKey = EosEmulatorOptions.DefaultApiKey,
            TimeProvider = Clock,
            RateLimiterRegistry = Registry,
            PollInterval = TimeSpan.FromSeconds(10),
            MaxPollInterval = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new EosClient(options);
    }

    public AssetDownloader CreateDownloader()
    {
        var http = new HttpClient(ProviderHttpPipeline.CreateDefaultPrimaryHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        _disposables.Add(http);
        return new AssetDownloader(http, new AssetDownloaderOptions
        {
            DefaultDownloadOptions = DownloadOptions.Default with { RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(50) },
        });
    }

    /// <summary>Lets polling loops run in virtual time, in bounded jumps (no single jump longer than a poll interval or Retry-After of these tests).</summary>
    public void AutoAdvance()
    {
        Clock.AutoAdvanceMaxDelay = TimeSpan.FromSeconds(45);
        Clock.AutoAdvance = true;
    }

    public IReadOnlyList<RequestLogEntry> EosRequests() => Emulator.Requests.ForProvider("eos");

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public static string Sha256File(string path) => Sha256(File.ReadAllBytes(path));

    public static Aoi Square(double west = -104.882, double south = 27.166, double size = 0.01) =>
        Aoi.FromBoundingBox(west, south, west + size, south + size);

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _disposables)
        {
            d.Dispose();
        }

        await Emulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
