using SatDownload.Capella.Models;
using SatDownload.Capella.Tests.Support;

namespace SatDownload.Capella.Tests.Orders;

public class OrderTests
{
    private static readonly CapellaOrderItem Acd = new("capella-archive", "CAPELLA_C05_SP_ACD_HH_20240101_20240115");
    private static readonly CapellaOrderItem Geo = new("capella-archive", "CAPELLA_C05_SP_GEO_HH_20240115");

    private static async Task<CapellaTestHost> StartWithGranulesAsync()
    {
        var host = await CapellaTestHost.StartAsync();
        host.Capella.AddGranule(Acd.CollectionId, Acd.GranuleId, ["changemap", "preview"]);
        host.Capella.AddGranule(Geo.CollectionId, Geo.GranuleId, ["HH", "metadata"]);
        return host;
    }

    [Fact]
    public async Task Review_prices_the_items()
    {
        await using var host = await StartWithGranulesAsync();
        var review = await host.ApiKeyClient().ReviewOrderAsync([Acd, Geo]);

        Assert.True(review.Authorized);
        Assert.Equal(500m, review.Total);
        Assert.Equal("USD", review.Currency);
    }

    [Fact]
    public async Task An_order_moves_submitted_processing_completed_on_the_virtual_clock()
    {
        await using var host = await StartWithGranulesAsync();
        host.Capella.OrderProcessingTime = TimeSpan.FromMinutes(10);
        var client = host.ApiKeyClient();

        var task = await client.SubmitOrderAsync([Acd], "contract-1");
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
        Assert.Equal("submitted", task.ProviderStatus);
        Assert.False(task.CanCancel);

        host.Emulator.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        Assert.Equal("processing", task.ProviderStatus);

        host.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.UpdateStatusAsync());
        Assert.True(task.AssetsAvailable);

        var rehydrated = client.GetOrderTask(task.RehydrationToken);
        Assert.Equal(task.Id, rehydrated.Id);
        Assert.Equal($"capella:order:{task.Id}", task.RehydrationToken);
        Assert.Equal(ProviderTaskStatus.Succeeded, await rehydrated.UpdateStatusAsync());

        var listed = await client.GetOrdersAsync();
        Assert.Equal(task.Id, Assert.Single(listed).OrderId);
        Assert.Equal("completed", listed[0].OrderStatus);
        Assert.NotNull(listed[0].ExpirationDate);
    }

    [Fact]
    public async Task Ordered_assets_download_then_re_sign_after_expiry_through_the_download_endpoint()
    {
        await using var host = await StartWithGranulesAsync();
        var client = host.ApiKeyClient();
        var task = await client.SubmitOrderAsync([Acd, Geo]);

        var assets = await task.GetAssetsAsync().CollectAsync();
        Assert.Equal(new[] { "changemap", "preview", "HH", "metadata" }.Order(StringComparer.Ordinal), assets.Select(a => a.AssetKey).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(assets, a => a.AssetKey == "license");
        var changemap = assets.Single(a => a.AssetKey == "changemap");
        Assert.Equal(task.Id, changemap.Properties["capella:order_id"]);
        Assert.NotNull(changemap.ExpiresAt);
        var downloadCalls = host.Emulator.Requests.ForPath($"/capella/orders/{task.Id}/download").Count;

        var first = await changemap.Resolver!.ResolveAsync(changemap, SignedUrlResolveContext.Initial);
        Assert.Equal(changemap.Href, first.Uri);
        Assert.Equal(downloadCalls, host.Emulator.Requests.ForPath($"/capella/orders/{task.Id}/download").Count);
        var blob = SatDownload.Testing.Capella.CapellaEmulator.GranuleBlobName(Acd.GranuleId, "changemap");
        Assert.Equal(host.BlobSha256(blob), (await LocationFetcher.FetchAsync(first)).Sha256);

        host.Emulator.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(403, (await LocationFetcher.FetchAsync(first)).Status);
        var renewed = await changemap.Resolver.ResolveAsync(changemap, new SignedUrlResolveContext { Reason = ResolveReason.Refused, PreviousLocation = first, PreviousResolutions = 1, RefusedStatusCode = 403 });
        Assert.NotEqual(first.Uri, renewed.Uri);
        Assert.Equal(downloadCalls + 1, host.Emulator.Requests.ForPath($"/capella/orders/{task.Id}/download").Count);
        var (status, sha, _) = await LocationFetcher.FetchAsync(renewed);
        Assert.Equal(200, status);
        Assert.Equal(host.BlobSha256(blob), sha);
    }

    [Fact]
    public async Task An_expired_order_is_ORDER_EXPIRED_and_its_task_fails()
    {
        await using var host = await StartWithGranulesAsync();
        host.Capella.OrderLifetime = TimeSpan.FromDays(1);
        var client = host.ApiKeyClient();
        var task = await client.SubmitOrderAsync([Acd]);

        host.Emulator.Clock.Advance(TimeSpan.FromDays(2));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetOrderDownloadAsync(task.Id));
        Assert.Equal(403, ex.Status);
        Assert.Equal(CapellaErrorCodes.OrderExpired, ex.ErrorCode);
        var fresh = client.GetOrderTask(task.Id);
        Assert.Equal(ProviderTaskStatus.Failed, await fresh.UpdateStatusAsync());
        Assert.Contains("expired", fresh.StatusMessage, StringComparison.Ordinal);
        var waited = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => client.GetOrderTask(task.Id).WaitForCompletionAsync());
        Assert.Equal(ProviderTaskStatus.Failed, waited.Status);
    }

    [Fact]
    public async Task Service_side_order_errors_are_decoded()
    {
        await using var host = await StartWithGranulesAsync();
        var client = host.ApiKeyClient();

        var contract = await Assert.ThrowsAsync<ProviderRequestException>(() => client.SubmitOrderAsync([Acd], "contract-unknown"));
        Assert.Equal(CapellaErrorCodes.ContractNotFound, contract.ErrorCode);
        Assert.Equal(404, contract.Status);

        var unknown = await Assert.ThrowsAsync<ProviderRequestException>(() => client.ReviewOrderAsync([new CapellaOrderItem("capella-archive", "nope")]));
        Assert.Equal(CapellaErrorCodes.OrderValidationError, unknown.ErrorCode);

        var missing = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetOrderAsync("no-such-order"));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Bad_orders_are_rejected_before_any_request()
    {
        await using var host = await StartWithGranulesAsync();
        var client = host.ApiKeyClient();

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitOrderAsync([]));
        Assert.Equal("items", empty.ParamName);
        var noGranule = await Assert.ThrowsAsync<ArgumentException>(() => client.ReviewOrderAsync([new CapellaOrderItem("capella-archive", " ")]));
        Assert.Contains("granuleId", noGranule.Message, StringComparison.Ordinal);
        var dup = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitOrderAsync([Acd, Acd]));
        Assert.Contains("twice", dup.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetOrderAssetsAsync("a/b"));
        Assert.Throws<ArgumentException>(() => client.GetOrderTask("capella:order:../x"));
        Assert.Empty(host.Emulator.Requests);
    }

    [Theory]
    [InlineData("completed", ProviderTaskStatus.Succeeded)]
    [InlineData("submitted", ProviderTaskStatus.Pending)]
    [InlineData("processing", ProviderTaskStatus.Running)]
    [InlineData("failed", ProviderTaskStatus.Failed)]
    [InlineData("rejected", ProviderTaskStatus.Failed)]
    [InlineData("cancelled", ProviderTaskStatus.Canceled)]
    [InlineData("something-new", ProviderTaskStatus.Running)]
    [InlineData(null, ProviderTaskStatus.Pending)]
    public void Order_status_mapping(string? raw, ProviderTaskStatus expected) =>
        Assert.Equal(expected, CapellaOrderStatusMapper.MapOrderStatus(raw));

    [Theory]
    [InlineData("received", ProviderTaskStatus.Pending)]
    [InlineData("review", ProviderTaskStatus.Pending)]
    [InlineData("submitted", ProviderTaskStatus.Pending)]
    [InlineData("active", ProviderTaskStatus.Running)]
    [InlineData("accepted", ProviderTaskStatus.Running)]
    [InlineData("retrying", ProviderTaskStatus.Running)]
    [InlineData("completed", ProviderTaskStatus.Succeeded)]
    [InlineData("rejected", ProviderTaskStatus.Failed)]
    [InlineData("expired", ProviderTaskStatus.Failed)]
    [InlineData("anomaly", ProviderTaskStatus.Failed)]
    [InlineData("error", ProviderTaskStatus.Failed)]
    [InlineData("failed", ProviderTaskStatus.Failed)]
    [InlineData("canceled", ProviderTaskStatus.Canceled)]
    public void Tasking_status_mapping(string raw, ProviderTaskStatus expected) =>
        Assert.Equal(expected, CapellaOrderStatusMapper.MapTaskingStatus(raw));
}
