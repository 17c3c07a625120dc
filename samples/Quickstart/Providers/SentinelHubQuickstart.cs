using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Samples.Quickstart.Providers;

/// <summary>Sentinel Hub Process API: a true-colour GeoTIFF of the AOI in its UTM zone; the PU estimate is checked against the budget first.</summary>
internal sealed class SentinelHubQuickstart : IQuickstartProvider
{
    private const string ClientId = "quickstart-client";
    private const string ClientSecret = "quickstart-secret-value";
    private SentinelHubEmulator? _emulator;

    public string Name => ProviderNames.SentinelHub;

    public string Description => "true-colour process";

    public IReadOnlyList<string> LiveEnvironmentVariables => ["SATDOWNLOAD_SENTINELHUB_CLIENT_ID", "SATDOWNLOAD_SENTINELHUB_CLIENT_SECRET"];

    public IEmulatedProvider CreateEmulator() => _emulator = new SentinelHubEmulator();

    public ImageryProvider CreateEmulated(ProviderEmulator emulator, TimeProvider clock)
    {
        var sh = _emulator ?? throw new InvalidOperationException("CreateEmulator was not called.");
        sh.RegisterClient(SentinelHubEmulator.MainRealm, ClientId, ClientSecret);
        return new SentinelHubImageryProvider(new SentinelHubClient(new SentinelHubClientOptions
        {
            Deployment = SentinelHubDeployment.Custom("emulator", sh.DeploymentUri("eu"), sh.TokenUri(SentinelHubEmulator.MainRealm)),
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            AllowInsecureHttp = true,
        }));
    }

    public ImageryProvider CreateLive() => new SentinelHubImageryProvider(new SentinelHubClient(SentinelHubClientOptions.FromEnvironment()
        ?? throw new InvalidOperationException("Set SATDOWNLOAD_SENTINELHUB_CLIENT_ID and SATDOWNLOAD_SENTINELHUB_CLIENT_SECRET.")));

    public Task<ImageryRequest> CreateRequestAsync(Aoi aoi, DateTimeOffset now, bool live, CancellationToken cancellationToken)
    {
        var june = (From: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero));
        var request = ProcessRequestBuilder.For(aoi)
            .InUtm()
            .AddData("sentinel-2-l2a", june.From, june.To, d => { d.DataFilter!.MaxCloudCoverage = 30; d.DataFilter.MosaickingOrder = "leastCC"; })
            .WithResolution(10, 10)
            .AddResponse("default", SentinelHubFormats.Tiff)
            .WithEvalscript("""
                //VERSION=3
                function setup() { return { input: ["B02", "B03", "B04", "dataMask"], output: { bands: 4 } }; }
                function evaluatePixel(s) { return [2.5 * s.B04, 2.5 * s.B03, 2.5 * s.B02, s.dataMask]; }
                """)
            .Build();
        return Task.FromResult<ImageryRequest>(new SentinelHubProcessImageryRequest(request));
    }
}
