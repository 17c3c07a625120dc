using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Iceye.Tests.Emulator;

/// <summary>
/// A running emulator with the ICEYE provider and a client wired to it over loopback HTTP. The client and the emulator
/// share one virtual clock; short timers (retry delays) auto-advance, long ones (timeouts, polling) need <see cref="Advance"/>.
/// </summary>
internal sealed class IceyeTestEnvironment : IAsyncDisposable
{
    private IceyeTestEnvironment(ProviderEmulator host, IceyeEmulator iceye, OAuth2TokenProviderRegistry tokens)
    {
        Host = host;
        Iceye = iceye;
        Tokens = tokens;
        RateLimiters = new RateLimiterRegistry(host.Clock);
        Client = CreateClient();
    }

    public ProviderEmulator Host { get; }

    public IceyeEmulator Iceye { get; }

    public VirtualClock Clock => Host.Clock;

    public OAuth2TokenProviderRegistry Tokens { get; }

    public RateLimiterRegistry RateLimiters { get; }

    public IceyeClient Client { get; }

    public IReadOnlyList<RequestLogEntry> ApiRequests => Host.Requests.ForProvider("iceye");

    public static async Task<IceyeTestEnvironment> StartAsync(IceyeEmulatorOptions? options = null)
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero))
        {
            AutoAdvanceMaxDelay = TimeSpan.FromSeconds(3),
            AutoAdvance = true,
        };
        var iceye = new IceyeEmulator(options);
        var host = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye }, Clock = clock });
        return new IceyeTestEnvironment(host, iceye, new OAuth2TokenProviderRegistry(null, clock));
    }

    public IceyeClientOptions CreateOptions(string? secret = null) => new()
    {
        BaseAddress = Iceye.GetApiBaseAddress(),
        TokenEndpoint = Iceye.GetTokenEndpoint(),
        ClientId = Iceye.Options.ClientId,
        ClientSecret = secret ?? Iceye.Options.ClientSecret,
        TimeProvider = Clock,
        TokenProviders = Tokens,
        RateLimiters = RateLimiters,
        PageSize = 2,
        Retry = new HttpRetryOptions
        {
            ProviderName = ProviderNames.Iceye,
            MaxAttempts = 4,
            BaseDelay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(2),
            Jitter = false,
        },
        Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(2) },
    };

    public IceyeClient CreateClient(Action<IceyeClientOptions>? configure = null)
    {
        var options = CreateOptions();
        configure?.Invoke(options);
        return new IceyeClient(options);
    }

    public SatDownload.Iceye.Models.IceyeCreateTaskRequest NewRequest() => new()
    {
        ContractId = IceyeEmulator.DefaultContractId,
        PointOfInterest = new SatDownload.Iceye.Models.IceyePointOfInterest(60.17, 24.94),
        AcquisitionWindow = new SatDownload.Iceye.Models.IceyeAcquisitionWindow(Clock.GetUtcNow().AddHours(1), Clock.GetUtcNow().AddDays(2)),
        ImagingMode = SatDownload.Iceye.Models.IceyeImagingMode.Spotlight,
    };

    /// <summary>Moves virtual time (the task state machine and URL expiry follow it).</summary>
    public void Advance(TimeSpan delta) => Clock.Advance(delta);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
