using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SatDownload.Tests.Client;

/// <summary>Registering the unified client with DI, providers coming from adapters' registrations.</summary>
public class AddSatDownloadClientTests
{
    [Fact]
    public async Task Client_from_DI_runs_the_flow_on_providers_registered_as_ImageryProvider()
    {
        await using var h = await FlowHarness.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(h.Emulator.Clock);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ImageryProvider>(h.CreateProvider()));
        services.AddSatDownload()
            .AddSatDownloadClient(o => o.DownloadOptions = FlowHarness.Fast)
            .AddSatDownloadClient(o => o.WriteManifest = false);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<SatDownloadClient>();

        Assert.Same(client, provider.GetRequiredService<SatDownloadClient>());
        Assert.Equal("fakesat", client.GetProvider("FakeSat").Name);
        Assert.Equal(new CostEstimate(12.5m, "credits"), await client.EstimateCostAsync(new FakeSatRequest()));
        var result = await client.DownloadAsync(new FakeSatRequest(), h.Directory);
        Assert.True(result.Succeeded);
        Assert.Null(result.ManifestPath);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
        Assert.Same(provider.GetRequiredService<AssetDownloader>(), provider.GetRequiredService<AssetDownloader>());
    }

    [Fact]
    public void Two_providers_with_one_name_are_refused()
    {
        var options = new SatDownloadClientOptions();
        options.Providers.Add(new NamedProvider("eos"));
        options.Providers.Add(new NamedProvider("EOS"));

        var ex = Assert.Throws<ArgumentException>(() => new SatDownloadClient(options));

        Assert.Contains("Two imagery providers are named 'EOS'", ex.Message, StringComparison.Ordinal);
    }

    private sealed class NamedProvider(string name) : ImageryProvider
    {
        public override string Name => name;

        public override Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
