using SatDownload.Capella.Models;
using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.EndToEnd;

public class DownloadFlowTests
{
    private const string Aoi = CapellaEmulator.ArticleAoiId;

    [Fact]
    public async Task Latest_monitoring_product_cog_files_download_to_disk()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.AddProduct(Aoi, "older", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        host.Capella.AddProduct(Aoi, "newest", new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), fileSize: 200_000);
        var client = host.ApiKeyClient();
        using var dir = new TempDirectory();

        var latest = await client.GetLatestProductAsync(Aoi);
        var assets = client.GetProductAssets(latest!, CapellaAssetFilter.CloudOptimizedOnly);
        var results = await CapellaDownloads.For(host).DownloadAsync(assets, dir.Path, CapellaDownloads.NoWait with { MaxConcurrentDownloads = 2 });

        Assert.Equal(2, results.Count);
        foreach (var r in results)
        {
            Assert.True(r.Succeeded, r.Exception?.ToString());
            var file = r.Asset.AssetKey == "a_cog" ? "A_cog.tif" : "B_cog.tif";
            Assert.Equal(host.BlobSha256(CapellaEmulator.ChangeMapBlobName("newest", file)), CapellaDownloads.FileSha256(r.FilePath!));
        }
    }

    [Fact]
    public async Task A_dropped_connection_resumes_and_5xx_on_storage_are_retried()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample(fileSize: 400_000);
        var blob = CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "A.tif");
        host.Emulator.Faults.OnBlob(blob).AbortAfterBytes(100_000, times: 1);
        host.Emulator.Faults.OnBlob(blob).AfterRequests(1).RespondWithStatus(503, times: 1);
        var client = host.ApiKeyClient();
        using var dir = new TempDirectory();
        var product = Assert.Single(await client.GetProductsAsync(Aoi).CollectAsync());

        var result = await CapellaDownloads.For(host).DownloadAsync(client.GetProductAssets(product, new CapellaAssetFilter { Keys = ["a"] }), dir.Path, CapellaDownloads.NoWait);

        var r = Assert.Single(result);
        Assert.True(r.Succeeded, r.Exception?.ToString());
        Assert.True(r.Resumed);
        Assert.Equal(host.BlobSha256(blob), CapellaDownloads.FileSha256(r.FilePath!));
        var storage = host.Emulator.Requests.ForBlob(blob);
        Assert.Contains(storage, e => e.Aborted);
        Assert.Contains(storage, e => e.StatusCode == 503);
        Assert.Contains(storage, e => e.StatusCode == 206);
    }

    [Fact]
    public async Task A_refused_signed_url_is_re_resolved_and_the_download_completes()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample(fileSize: 200_000);
        host.Capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
        var blob = CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "B.tif");
        host.Emulator.Faults.OnBlob(blob).RespondWithStatus(403, times: 1, body: "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", contentType: "application/xml");
        var client = host.ApiKeyClient();
        using var dir = new TempDirectory();
        var product = Assert.Single(await client.GetProductsAsync(Aoi).CollectAsync());

        var r = await CapellaDownloads.For(host).DownloadAsync(client.GetProductAssets(product, new CapellaAssetFilter { Keys = ["b"] }).Single(), dir.Path, CapellaDownloads.NoWait);

        Assert.True(r.Succeeded, r.Exception?.ToString());
        Assert.Equal(host.BlobSha256(blob), CapellaDownloads.FileSha256(r.FilePath!));
        Assert.Equal(2, host.Emulator.Requests.ForPath($"/capella/analytics/assets/{CapellaEmulator.ArticleProductId}/B.tif").Count);
    }

    [Fact]
    public async Task An_expired_signed_url_is_signed_again_before_the_next_download()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        var client = host.ApiKeyClient();
        using var dir = new TempDirectory();
        var product = Assert.Single(await client.GetProductsAsync(Aoi).CollectAsync());
        var asset = client.GetProductAssets(product, new CapellaAssetFilter { Keys = ["a"] }).Single();
        var downloader = CapellaDownloads.For(host);

        Assert.True((await downloader.DownloadAsync(asset, dir.Path, CapellaDownloads.NoWait)).Succeeded);
        host.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        var again = await downloader.DownloadAsync(asset, dir.Path, CapellaDownloads.NoWait with { ExistingFilePolicy = ExistingFilePolicy.Overwrite });

        Assert.True(again.Succeeded, again.Exception?.ToString());
        Assert.Equal(2, host.Emulator.Requests.ForPath("/capella/analytics/assets/").Count);
        Assert.DoesNotContain(host.Emulator.Requests.ForPath("/signed/"), r => r.StatusCode == 403);
    }

    [Fact]
    public async Task Token_authenticated_flow_downloads_too()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.HrefAnswerMode = CapellaHrefAnswerMode.PlainText;
        var client = host.TokenClient();
        using var dir = new TempDirectory();
        var product = Assert.Single(await client.GetProductsAsync(Aoi).CollectAsync());

        var r = await CapellaDownloads.For(host).DownloadAsync(client.GetProductAssets(product, new CapellaAssetFilter { Keys = ["b_cog"] }).Single(), dir.Path, CapellaDownloads.NoWait);

        Assert.True(r.Succeeded, r.Exception?.ToString());
        Assert.Equal(host.BlobSha256(CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "B_cog.tif")), CapellaDownloads.FileSha256(r.FilePath!));
        Assert.Equal(1, host.Capella.TokensIssued);
    }

    [Fact]
    public async Task Ordered_change_map_downloads_and_re_signs_through_the_order()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var item = new CapellaOrderItem("capella-archive", "CAPELLA_C13_SP_ACD_VV_20240301");
        var blobs = host.Capella.AddGranule(item.CollectionId, item.GranuleId, ["changemap", "preview"], fileSize: 150_000);
        var client = host.ApiKeyClient();
        using var dir = new TempDirectory();

        var task = await client.SubmitOrderAsync([item]);
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.WaitForCompletionAsync());
        var assets = await task.GetAssetsAsync().CollectAsync();
        var downloader = CapellaDownloads.For(host);
        var results = await downloader.DownloadAsync(assets, dir.Path, CapellaDownloads.NoWait);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.Equal(host.BlobSha256(blobs["changemap"]), CapellaDownloads.FileSha256(results.Single(r => r.Asset.AssetKey == "changemap").FilePath!));
        var downloadCalls = host.Emulator.Requests.ForPath($"/capella/orders/{task.Id}/download").Count;

        host.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        var again = await downloader.DownloadAsync(assets.Single(a => a.AssetKey == "changemap"), dir.Path, CapellaDownloads.NoWait with { ExistingFilePolicy = ExistingFilePolicy.Overwrite });

        Assert.True(again.Succeeded, again.Exception?.ToString());
        Assert.Equal(downloadCalls + 1, host.Emulator.Requests.ForPath($"/capella/orders/{task.Id}/download").Count);
        Assert.Equal(host.BlobSha256(blobs["changemap"]), CapellaDownloads.FileSha256(again.FilePath!));
    }
}
