using SatDownload.Eos;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

namespace SatDownload.Samples.Quickstart.Providers;

/// <summary>EOS: a scene search over the AOI picks the clearest Sentinel-2 scene, then a load-by-extent task clips its RGB bands.</summary>
internal sealed class EosQuickstart : IQuickstartProvider
{
    private EosEmulator? _emulator;
    private EosClient? _client;

    public string Name => ProviderNames.Eos;

    public string Description => "load-by-extent";

    public IReadOnlyList<string> LiveEnvironmentVariables => [EosClientOptions.ApiKeyEnvironmentVariable];

    public IEmulatedProvider CreateEmulator() => _emulator = new EosEmulator(new EosEmulatorOptions { RasterSize = 128 });

    public ImageryProvider CreateEmulated(ProviderEmulator emulator, TimeProvider clock)
    {
        var eos = _emulator ?? throw new InvalidOperationException("CreateEmulator was not called.");

        // EOS allows 10 requests a minute: calls are spaced 6 s apart, which costs no real time on the virtual clock.
        _client = new EosClient(new EosClientOptions
        {
            Endpoint = emulator.GetProviderUri(eos),
            ApiKey = EosEmulatorOptions.DefaultApiKey,
            TimeProvider = clock,
            RateLimiterRegistry = new RateLimiterRegistry(clock),
        });
        return new EosImageryProvider(_client);
    }

    public ImageryProvider CreateLive() => new EosImageryProvider(_client = new EosClient(EosClientOptions.FromEnvironment()));

    public async Task<ImageryRequest> CreateRequestAsync(Aoi aoi, DateTimeOffset now, bool live, CancellationToken cancellationToken)
    {
        var client = _client ?? throw new InvalidOperationException("Create the provider first.");
        string? viewId = null;
        var bestCloud = double.MaxValue;
        await foreach (var scene in client.SearchScenesAsync(
            new EosSceneSearchRequest { Datasets = ["sentinel2"], Aoi = aoi, From = new DateOnly(2023, 7, 1), To = new DateOnly(2023, 7, 31), MaxCloudCoverage = 30 },
            cancellationToken))
        {
            if (scene.ViewId is not null && (scene.CloudCoverage ?? 100) < bestCloud)
            {
                (viewId, bestCloud) = (scene.ViewId, scene.CloudCoverage ?? 100);
            }
        }

        return new EosLoadByExtentImageryRequest(new EosLoadByExtentRequest
        {
            ViewId = viewId ?? throw new InvalidOperationException("EOS found no Sentinel-2 scene of the AOI in July 2023 with at most 30 % clouds."),
            Bands = ["B02", "B03", "B04"],
            Merge = true,
            Aoi = aoi,
        });
    }
}
