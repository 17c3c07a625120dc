using Microsoft.Extensions.DependencyInjection;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Eos.Unified;
using SatDownload.Http;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.Unified;

/// <summary><c>AddSatDownload().AddEos(...).AddSatDownloadClient()</c> gives a client that knows EOS once.</summary>
public sealed class EosUnifiedDependencyInjectionTests
{
    [Fact]
    public async Task AddEos_registers_the_provider_once_and_the_DI_client_runs_the_flow()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(h.Clock);
        services.AddSingleton(h.Registry);
        services.AddSatDownload()
            .AddEos(o =>
            {
                o.Endpoint = h.Endpoint;
                o.ApiKey = EosEmulatorOptions.DefaultApiKey;
            })
            .AddEos(o => o.PollInterval = TimeSpan.FromSeconds(10))
            .AddSatDownloadClient(o => o.DownloadOptions = UnifiedHarness.Fast);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<EosImageryProvider>(Assert.Single(provider.GetServices<ImageryProvider>()));
        var client = provider.GetRequiredService<SatDownloadClient>();
        Assert.IsType<EosImageryProvider>(client.GetProvider("EOS"));

        var result = await client.DownloadAsync(UnifiedHarness.Request(), h.Directory);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(result.TaskId)), EosHarness.Sha256File(result.Downloads[0].FilePath!));
        Assert.Equal(1, h.Creates());
    }
}
