using Microsoft.Extensions.DependencyInjection;
using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.ClearSky.Unified;
using static SatDownload.ClearSky.Tests.Unified.UnifiedTestSupport;

namespace SatDownload.ClearSky.Tests.Unified;

/// <summary><c>AddSatDownload().AddClearSky(...).AddSatDownloadClient()</c> gives a client that knows ClearSKY.</summary>
public sealed class ClearSkyUnifiedDependencyInjectionTests
{
    [Fact]
    public async Task AddClearSky_registers_the_imagery_provider_once_and_the_unified_client_runs_a_composite()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var services = new ServiceCollection();
        services.AddSatDownload()
            .AddClearSky(o =>
            {
                var configured = ctx.Options();
                o.ApiKey = configured.ApiKey;
                o.Endpoint = configured.Endpoint;
                o.Retry = configured.Retry;
            })
            .AddClearSky()
            .AddSatDownloadClient(o => o.DownloadOptions = Fast());
        await using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<ImageryProvider>().OfType<ClearSkyImageryProvider>());
        var client = provider.GetRequiredService<SatDownloadClient>();
        Assert.IsType<ClearSkyImageryProvider>(client.GetProvider("ClearSKY"));

        var estimate = await client.EstimateCostAsync(Composite());
        Assert.Equal(ClearSkyEstimate.CostUnit, estimate!.Value.Unit);
        var result = await client.DownloadAsync(Composite(), ctx.Directory);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        Assert.Equal(estimate, result.CostEstimate);
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.Downloads[0].FilePath!));
    }
}
