using Microsoft.Extensions.DependencyInjection;
using SatDownload.Iceye.Unified;

namespace SatDownload.Iceye.Tests.Unified;

/// <summary><c>AddSatDownload().AddIceye(...).AddSatDownloadClient()</c> gives a client that knows ICEYE.</summary>
public class IceyeUnifiedDependencyInjectionTests
{
    [Fact]
    public async Task AddIceye_registers_the_imagery_provider_once_and_the_DI_client_runs_the_whole_flow()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(h.Env.Clock);
        services.AddSatDownload()
            .AddIceye(o =>
            {
                o.BaseAddress = h.Env.Iceye.GetApiBaseAddress();
                o.TokenEndpoint = h.Env.Iceye.GetTokenEndpoint();
                o.ClientId = h.Env.Iceye.Options.ClientId;
                o.ClientSecret = h.Env.Iceye.Options.ClientSecret;
            })
            .AddIceye()
            .AddSatDownloadClient(o =>
            {
                o.DownloadOptions = IceyeUnifiedHarness.Fast;
                o.PollingByProvider[ProviderNames.Iceye] = IceyeUnifiedHarness.Polling;
            });
        await using var provider = services.BuildServiceProvider();

        var imageryProviders = provider.GetServices<ImageryProvider>().ToList();
        Assert.IsType<IceyeImageryProvider>(Assert.Single(imageryProviders));
        var client = provider.GetRequiredService<SatDownloadClient>();
        Assert.IsType<IceyeImageryProvider>(client.GetProvider("ICEYE"));

        var result = await client.DownloadAsync(h.NewRequest(), h.Directory);

        Assert.True(result.Succeeded);
        Assert.Equal(9, result.Downloads.Count);
        Assert.Equal(1, h.TaskCreations);
        Assert.All(result.Downloads, d => Assert.Equal(h.ExpectedSha256Of(d.Asset), IceyeUnifiedHarness.Sha256OfFile(d.FilePath!)));
    }
}
