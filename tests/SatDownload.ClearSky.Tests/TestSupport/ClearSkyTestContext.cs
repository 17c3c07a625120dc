using SatDownload.ClearSky;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

namespace SatDownload.ClearSky.Tests.TestSupport;

/// <summary>An emulator with the ClearSKY provider, a client pointed at it with fast retries, and a temporary folder.</summary>
internal sealed class ClearSkyTestContext : IAsyncDisposable
{
    private ClearSkyTestContext(ProviderEmulator emulator, ClearSkyEmulator clearSky, string directory)
    {
        Emulator = emulator;
        ClearSky = clearSky;
        Directory = directory;
    }

    public ProviderEmulator Emulator { get; }

    public ClearSkyEmulator ClearSky { get; }

    public string Directory { get; }

    public Uri Endpoint => Emulator.GetProviderUri<ClearSkyEmulator>();

    public static async Task<ClearSkyTestContext> StartAsync(ClearSkyEmulatorOptions? options = null, VirtualClock? clock = null)
    {
        var clearSky = new ClearSkyEmulator(options);
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { clearSky }, Clock = clock });
        var directory = Path.Combine(Path.GetTempPath(), "satdownload-clearsky-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        return new ClearSkyTestContext(emulator, clearSky, directory);
    }

    public ClearSkyClientOptions Options(Action<ClearSkyClientOptions>? configure = null)
    {
        var options = new ClearSkyClientOptions
        {
            Endpoint = Endpoint,
            ApiKey = ClearSky.Options.ApiKey,
            Retry = new HttpRetryOptions
            {
                MaxAttempts = 4,
                BaseDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(20),
                Jitter = false,
                RetryNonIdempotentMethods = true,
                PerAttemptTimeout = TimeSpan.FromSeconds(20),
                TotalTimeout = TimeSpan.FromSeconds(40),
            },
            RateLimiterRegistry = new RateLimiterRegistry(),
        };
        configure?.Invoke(options);
        return options;
    }

    public ClearSkyClient Client(Action<ClearSkyClientOptions>? configure = null) => new(Options(configure));

    public static ClearSkyDownloadOptions FastDownload(DownloadBudget? budget = null) => new()
    {
        Budget = budget,
        Download = new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) },
    };

    public IReadOnlyList<SatDownload.Testing.RequestLogEntry> ClearSkyRequests() => Emulator.Requests.ForPath("/clearsky/api/");

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
