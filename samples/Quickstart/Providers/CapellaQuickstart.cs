using SatDownload.Capella;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

namespace SatDownload.Samples.Quickstart.Providers;

/// <summary>Capella analytics: the latest change map of a monitored AOI (Capella AOIs are registered with Capella beforehand).</summary>
internal sealed class CapellaQuickstart : IQuickstartProvider
{
    /// <summary>The Capella AOI whose latest change map <c>--live</c> downloads.</summary>
    public const string AoiIdVariable = "SATDOWNLOAD_CAPELLA_AOI_ID";

    private CapellaEmulator? _emulator;

    public string Name => ProviderNames.Capella;

    public string Description => "latest change map";

    public IReadOnlyList<string> LiveEnvironmentVariables => ["SATDOWNLOAD_CAPELLA_API_KEY", AoiIdVariable];

    public IEmulatedProvider CreateEmulator() => _emulator = new CapellaEmulator();

    public ImageryProvider CreateEmulated(ProviderEmulator emulator, TimeProvider clock)
    {
        var capella = _emulator ?? throw new InvalidOperationException("CreateEmulator was not called.");
        capella.SeedArticleExample();
        capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
        return new CapellaImageryProvider(new CapellaClient(new CapellaClientOptions
        {
            Endpoint = emulator.GetProviderUri(capella),
            ApiKey = CapellaEmulator.DefaultApiKey,
            TimeProvider = clock,
        }));
    }

    public ImageryProvider CreateLive() => new CapellaImageryProvider(new CapellaClient(CapellaClientOptions.FromEnvironment()));

    public Task<ImageryRequest> CreateRequestAsync(Aoi aoi, DateTimeOffset now, bool live, CancellationToken cancellationToken) => Task.FromResult<ImageryRequest>(new CapellaChangeMapImageryRequest
    {
        AoiId = live ? Environment.GetEnvironmentVariable(AoiIdVariable) : CapellaEmulator.ArticleAoiId,
        Files = CapellaAssetFilter.CloudOptimizedOnly,
    });
}
