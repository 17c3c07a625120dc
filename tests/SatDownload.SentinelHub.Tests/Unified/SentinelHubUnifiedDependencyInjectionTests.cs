using Microsoft.Extensions.DependencyInjection;
using SatDownload.SentinelHub.Tests.Support;
using static SatDownload.SentinelHub.Tests.Unified.UnifiedSupport;

namespace SatDownload.SentinelHub.Tests.Unified;

/// <summary><c>AddSatDownload().AddSentinelHub(...).AddSatDownloadClient()</c> gives a client that knows Sentinel Hub.</summary>
public sealed class SentinelHubUnifiedDependencyInjectionTests
{
    [Fact]
    public async Task AddSentinelHub_registers_the_imagery_provider_once_and_the_unified_client_runs_a_process_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var services = new ServiceCollection();
        services.AddSatDownload()
            .AddSentinelHub(_ => env.Options())
            .AddSentinelHub(_ => env.Options())
            .AddSatDownloadClient(o => o.TimeProvider = env.Clock);
        await using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<ImageryProvider>().OfType<SentinelHubImageryProvider>());
        var client = provider.GetRequiredService<SatDownloadClient>();
        Assert.IsType<SentinelHubImageryProvider>(client.GetProvider(ProviderNames.SentinelHub));
        var estimate = await client.EstimateCostAsync(Process(512, 512));
        Assert.Equal("PU", estimate!.Value.Unit);

        var result = await client.DownloadAsync(Process(512, 512), env.NewDirectory());

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        Assert.True(env.Sh.ProcessResponseHashes.ContainsKey(Samples.Sha256(Assert.Single(result.Downloads).FilePath!)));
    }
}
