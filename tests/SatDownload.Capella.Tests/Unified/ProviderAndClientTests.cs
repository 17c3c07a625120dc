using Microsoft.Extensions.DependencyInjection;
using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Unified;

/// <summary>The provider's registration, and the same request through <see cref="CapellaClient"/> alone.</summary>
public class ProviderAndClientTests
{
    [Fact]
    public async Task AddCapella_registers_the_imagery_provider_once_for_SatDownloadClient()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(h.Emulator.Clock);
        services.AddSatDownload()
            .AddCapella(o =>
            {
                o.Endpoint = h.Host.ApiRoot;
                o.ApiKey = CapellaEmulator.DefaultApiKey;
            })
            .AddCapella(o => o.ProductsPathTemplate = "products/{aoi_id}")
            .AddSatDownloadClient(o =>
            {
                o.DownloadOptions = CapellaDownloads.NoWait;
                o.Polling = UnifiedHarness.Polling;
            });
        await using var container = services.BuildServiceProvider();

        var client = container.GetRequiredService<SatDownloadClient>();
        var provider = Assert.IsType<CapellaImageryProvider>(Assert.Single(container.GetServices<ImageryProvider>()));
        Assert.Same(provider, client.GetProvider("capella"));
        Assert.Equal(h.Host.ApiRoot, provider.Client.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(10), provider.DefaultPolling.InitialInterval);

        // The singleton provider asks the container for the transient, IHttpClientFactory-managed client on each call,
        // so it never pins one handler chain for the life of the app.
        Assert.NotSame(provider.Client, provider.Client);

        var result = await client.DownloadAsync(UnifiedHarness.OrderRequest(new CapellaAssetFilter { Keys = ["changemap"] }), h.Directory);

        Assert.True(result.Succeeded);
        Assert.Equal(1, h.OrdersPlaced);
        Assert.Equal(
            h.Sha256OfBlob(CapellaEmulator.GranuleBlobName(UnifiedHarness.Granule, "changemap")),
            UnifiedHarness.Sha256OfFile(Assert.Single(result.Downloads).FilePath!));
    }

    [Fact]
    public async Task The_provider_only_handles_capella_change_map_requests()
    {
        await using var h = await UnifiedHarness.StartAsync();
        var provider = h.CreateProvider();

        Assert.Equal(ProviderNames.Capella, provider.Name);
        Assert.True(provider.CanHandle(UnifiedHarness.AoiRequest()));
        Assert.False(provider.CanHandle(new OtherRequest()));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => provider.StartTaskAsync(new OtherRequest()));
        Assert.Contains("CapellaChangeMapImageryRequest", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact]
    public async Task CapellaClient_runs_an_order_request_without_SatDownloadClient_and_rehydrates_it_by_id_or_token()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var client = h.Host.ApiKeyClient();
        var request = UnifiedHarness.OrderRequest(new CapellaAssetFilter { Keys = ["changemap"] });

        Assert.Equal(new CostEstimate(250m, "USD"), await client.EstimateCostAsync(request));
        var task = await client.StartAsync(request);
        var status = await task.WaitForCompletionAsync(UnifiedHarness.Polling);
        var again = await client.GetTaskAsync(request, task.RehydrationToken);
        var assets = await again.GetAssetsAsync().CollectAsync();
        var results = await CapellaDownloads.For(h.Host).DownloadAsync(assets, h.Directory, CapellaDownloads.NoWait);

        Assert.Equal(ProviderTaskStatus.Succeeded, status);
        Assert.IsType<CapellaOrderTask>(again);
        Assert.Equal(task.Id, again.Id);
        Assert.Equal(ProviderTaskStatus.Succeeded, again.Status);
        Assert.Equal(1, h.OrdersPlaced);
        var r = Assert.Single(results);
        Assert.True(r.Succeeded, r.Exception?.ToString());
        Assert.Equal(h.Sha256OfBlob(CapellaEmulator.GranuleBlobName(UnifiedHarness.Granule, "changemap")), r.Sha256);
    }

    [Fact]
    public async Task A_resumed_aoi_selection_keeps_the_products_of_the_first_run_even_when_a_newer_one_appears()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var client = h.Host.ApiKeyClient();
        var request = UnifiedHarness.AoiRequest(new CapellaAssetFilter { Keys = ["a"] });

        var task = await client.StartAsync(request);
        h.Capella.AddProduct(CapellaEmulator.ArticleAoiId, "newer", h.Emulator.Clock.GetUtcNow());
        var resumed = await client.GetTaskAsync(request, task.Id);
        var fresh = await client.StartAsync(request);

        Assert.True(task.HasCompleted);
        Assert.Equal(CapellaEmulator.ArticleProductId, Assert.Single(await resumed.GetAssetsAsync().CollectAsync()).ProductId);
        Assert.Equal("newer", Assert.Single(await fresh.GetAssetsAsync().CollectAsync()).ProductId);
        var gone = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetTaskAsync(request, $"aoi/{CapellaEmulator.ArticleAoiId}/deleted-product"));
        Assert.Equal(404, gone.Status);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetTaskAsync(request, "aoi/another-aoi/x"));
    }

    private sealed class OtherRequest : ImageryRequest
    {
        public override string Provider => ProviderNames.Capella;

        protected override void WriteCanonicalFields(System.Text.Json.Utf8JsonWriter writer)
        {
        }
    }
}
