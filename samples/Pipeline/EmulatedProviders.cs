using SatDownload.Testing;
using SatDownload.Testing.Capella;
using SatDownload.Testing.ClearSky;
using SatDownload.Testing.Eos;
using SatDownload.Testing.Iceye;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Samples.Pipeline;

/// <summary>
/// The provider emulators, started in-process when <c>Pipeline:UseEmulators</c> is true, and the configuration that points
/// every provider at them (the same keys a user sets for the real services).
/// </summary>
internal static class EmulatedProviders
{
    private const string SentinelHubClientId = "pipeline-client";
    private const string SentinelHubClientSecret = "pipeline-secret-value";

    public static async Task<(ProviderEmulator Emulator, Dictionary<string, string?> Configuration)> StartAsync()
    {
        // Hours of ICEYE tasking pass in seconds: short timers (polling, retry delays) jump ahead, long ones stay real.
        var clock = new VirtualClock(DateTimeOffset.UtcNow) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10), AutoAdvance = true };
        var iceye = new IceyeEmulator(new IceyeEmulatorOptions
        {
            ReceivedDuration = TimeSpan.FromMinutes(1),
            ActiveDuration = TimeSpan.FromMinutes(3),
            FulfilledDuration = TimeSpan.FromMinutes(2),
            DataFileSize = 4 * 1024 * 1024,
        });
        var capella = new CapellaEmulator();
        var clearSky = new ClearSkyEmulator();
        var sentinelHub = new SentinelHubEmulator();
        var eos = new EosEmulator(new EosEmulatorOptions { RasterSize = 128 });
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sentinelHub, iceye, capella, eos, clearSky }, Clock = clock });
        capella.SeedArticleExample();
        capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
        sentinelHub.RegisterClient(SentinelHubEmulator.MainRealm, SentinelHubClientId, SentinelHubClientSecret);
        var configuration = new Dictionary<string, string?>
        {
            ["SentinelHub:BaseUrl"] = sentinelHub.DeploymentUri("eu").ToString(),
            ["SentinelHub:TokenUrl"] = sentinelHub.TokenUri(SentinelHubEmulator.MainRealm).ToString(),
            ["SentinelHub:ClientId"] = SentinelHubClientId,
            ["SentinelHub:ClientSecret"] = SentinelHubClientSecret,
            ["SentinelHub:AllowInsecureHttp"] = "true",
            ["Iceye:BaseAddress"] = iceye.GetApiBaseAddress().ToString(),
            ["Iceye:TokenEndpoint"] = iceye.GetTokenEndpoint().ToString(),
            ["Iceye:ClientId"] = iceye.Options.ClientId,
            ["Iceye:ClientSecret"] = iceye.Options.ClientSecret,
            ["Iceye:Polling:InitialInterval"] = "00:00:05",
            ["Iceye:Polling:MaxInterval"] = "00:00:10",
            ["Capella:Endpoint"] = emulator.GetProviderUri(capella).ToString(),
            ["Capella:ApiKey"] = CapellaEmulator.DefaultApiKey,
            ["Eos:Endpoint"] = emulator.GetProviderUri(eos).ToString(),
            ["Eos:ApiKey"] = EosEmulatorOptions.DefaultApiKey,
            ["Eos:PollInterval"] = "00:00:05",
            ["Eos:MaxPollInterval"] = "00:00:10",
            ["ClearSky:Endpoint"] = emulator.GetProviderUri(clearSky).ToString(),
            ["ClearSky:ApiKey"] = clearSky.Options.ApiKey,
        };
        return (emulator, configuration);
    }
}
