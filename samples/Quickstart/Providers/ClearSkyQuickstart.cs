using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

namespace SatDownload.Samples.Quickstart.Providers;

/// <summary>ClearSKY Vision: a cloud-free composite GeoTIFF of the AOI in its UTM zone, priced before it is paid for.</summary>
internal sealed class ClearSkyQuickstart : IQuickstartProvider
{
    private ClearSkyEmulator? _emulator;

    public string Name => ProviderNames.ClearSky;

    public string Description => "cloud-free composite";

    public IReadOnlyList<string> LiveEnvironmentVariables => [ClearSkyClientOptions.ApiKeyVariable];

    public IEmulatedProvider CreateEmulator() => _emulator = new ClearSkyEmulator();

    public ImageryProvider CreateEmulated(ProviderEmulator emulator, TimeProvider clock)
    {
        var clearSky = _emulator ?? throw new InvalidOperationException("CreateEmulator was not called.");
        return new ClearSkyImageryProvider(new ClearSkyClient(new ClearSkyClientOptions { Endpoint = emulator.GetProviderUri(clearSky), ApiKey = clearSky.Options.ApiKey }));
    }

    public ImageryProvider CreateLive() =>
        new ClearSkyImageryProvider(new ClearSkyClient(ClearSkyClientOptions.FromEnvironment() ?? throw new InvalidOperationException($"{ClearSkyClientOptions.ApiKeyVariable} is not set.")));

    public Task<ImageryRequest> CreateRequestAsync(Aoi aoi, DateTimeOffset now, bool live, CancellationToken cancellationToken) => Task.FromResult<ImageryRequest>(new ClearSkyCompositeImageryRequest(new ClearSkyCompositeRequest
    {
        Aoi = aoi,
        Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
        Resolution = 10,
        EpsgProjection = aoi.UtmEpsgCode,
        Model = ClearSkyModels.Stratus2,
        SatelliteConstellations = [ClearSkyModels.Sentinel1, ClearSkyModels.Sentinel2, ClearSkyModels.Landsat89],
        Bandnames = "all",
    }));
}
