using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Samples.Quickstart.Flows;

/// <summary>Sentinel Hub Process API: a true-colour GeoTIFF of the AOI in its UTM zone, with the PU estimate checked against a budget first.</summary>
internal sealed class SentinelHubFlow : IQuickstartFlow
{
    private const string ClientId = "quickstart-client";
    private const string ClientSecret = "quickstart-secret-value";

    public string Provider => ProviderNames.SentinelHub;

    public IReadOnlyList<string> LiveEnvironmentVariables => ["SATDOWNLOAD_SENTINELHUB_CLIENT_ID", "SATDOWNLOAD_SENTINELHUB_CLIENT_SECRET"];

    public async Task<FlowOutcome> RunAsync(FlowContext context, CancellationToken cancellationToken)
    {
        var sh = new SentinelHubEmulator();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sh } }, cancellationToken).ConfigureAwait(false);
        sh.RegisterClient(SentinelHubEmulator.MainRealm, ClientId, ClientSecret);
        var client = new SentinelHubClient(new SentinelHubClientOptions
        {
            Deployment = SentinelHubDeployment.Custom("emulator", sh.DeploymentUri("eu"), sh.TokenUri(SentinelHubEmulator.MainRealm)),
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            AllowInsecureHttp = true,
            Budget = new DownloadBudget { MaxCost = 50, CostUnit = ProcessingUnitCalculator.Unit },
        });

        var june = (From: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero));
        var request = ProcessRequestBuilder.For(context.Aoi)
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
        var process = client.GetProcessClient();
        var result = await process.ProcessAsync(request, Path.Combine(context.OutputDirectory, ProviderNames.SentinelHub, "process"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new FlowOutcome
        {
            Provider = Provider,
            Files = result.Files.Select(f => new FlowFile($"{Provider}/process/{f.Identifier}", true, f.FilePath, f.Length, f.Sha256, 0, false, null)).ToArray(),
            Cost = new CostEstimate((decimal)(result.ProcessingUnitsSpent ?? result.EstimatedProcessingUnits), ProcessingUnitCalculator.Unit),
            Note = $"{result.Tiles.Count} tile(s)",
        };
    }
}
