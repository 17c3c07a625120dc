using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Support;

/// <summary>An emulator with Sentinel Hub on loopback, a registered client per realm, and client factories.</summary>
internal sealed class ShEnvironment : IAsyncDisposable
{
    public const string ClientId = "sh-client-0001";
    public const string ClientSecret = "sh-secret-0123456789";
    public const string CdseClientId = "cdse-client-0001";
    public const string CdseClientSecret = "cdse-secret-0123456789";

    private ShEnvironment(ProviderEmulator emulator, SentinelHubEmulator sh, string directory)
    {
        Emulator = emulator;
        Sh = sh;
        Directory = directory;
        TokenProviders = new OAuth2TokenProviderRegistry();
        RateLimiters = new RateLimiterRegistry(emulator.Clock);
        Storage = new EmulatorObjectStorage(emulator);
    }

    public ProviderEmulator Emulator { get; }

    public SentinelHubEmulator Sh { get; }

    public VirtualClock Clock => Emulator.Clock;

    public string Directory { get; }

    public OAuth2TokenProviderRegistry TokenProviders { get; }

    public RateLimiterRegistry RateLimiters { get; }

    public EmulatorObjectStorage Storage { get; }

    public static async Task<ShEnvironment> StartAsync(SentinelHubEmulatorOptions? options = null)
    {
        var sh = new SentinelHubEmulator(options);
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sh } });
        sh.RegisterClient(SentinelHubEmulator.MainRealm, ClientId, ClientSecret);
        sh.RegisterClient(SentinelHubEmulator.CdseRealm, CdseClientId, CdseClientSecret);

        // Loops that wait on the clock run at once; the pipeline's timeouts (60 s response idle, 5 min per attempt)
        // are longer than the largest jump, so they never fire early. Tests poll at most every 45 s.
        emulator.Clock.AutoAdvance = true;
        emulator.Clock.AutoAdvanceMaxDelay = TimeSpan.FromSeconds(50);
        var dir = Path.Combine(Path.GetTempPath(), "sh-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return new ShEnvironment(emulator, sh, dir);
    }

    public SentinelHubDeployment Deployment(string name = "eu") => SentinelHubDeployment.Custom(
        "emulator-" + name,
        Sh.DeploymentUri(name),
        Sh.TokenUri(name == "cdse" ? SentinelHubEmulator.CdseRealm : SentinelHubEmulator.MainRealm),
        name == "cdse" ? SentinelHubIdentityProvider.CopernicusDataSpace : SentinelHubIdentityProvider.SentinelHub,
        Sh.LegacyTokenUri);

    public SentinelHubClientOptions Options(string deployment = "eu") => new()
    {
        Deployment = Deployment(deployment),
        ClientId = deployment == "cdse" ? CdseClientId : ClientId,
        ClientSecret = deployment == "cdse" ? CdseClientSecret : ClientSecret,
        AllowInsecureHttp = true,
        TokenProviders = TokenProviders,
        RateLimiters = RateLimiters,
        TimeProvider = Clock,
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
    };

    public SentinelHubClient Client(Func<SentinelHubClientOptions, SentinelHubClientOptions>? configure = null)
    {
        var options = Options();
        return new SentinelHubClient(configure is null ? options : configure(options));
    }

    /// <summary>Runs work while the virtual clock ticks in small real-time steps, so concurrent waits release in order.</summary>
    public async Task<T> WithTickingClockAsync<T>(Func<Task<T>> work, TimeSpan step)
    {
        Clock.AutoAdvance = false;
        using var stop = new CancellationTokenSource();
        var ticker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Clock.Advance(step);
                await Task.Delay(5);
            }
        });
        try
        {
            return await work();
        }
        finally
        {
            await stop.CancelAsync();
            await ticker;
            Clock.AutoAdvance = true;
        }
    }

    public string NewDirectory()
    {
        var d = Path.Combine(Directory, Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(d);
        return d;
    }

    public IReadOnlyList<RequestLogEntry> ApiRequests(string fragment) =>
        Emulator.Requests.Snapshot().Where(r => r.Path.Contains(fragment, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open on a slow CI runner is not a test failure.
        }
    }
}
