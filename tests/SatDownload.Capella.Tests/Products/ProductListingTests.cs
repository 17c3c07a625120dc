using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Products;

public class ProductListingTests
{
    private const string Aoi = CapellaEmulator.ArticleAoiId;

    [Fact]
    public async Task The_article_product_comes_back_typed_from_the_products_call()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        var client = host.ApiKeyClient();

        var p = Assert.Single(await client.GetProductsAsync(Aoi).CollectAsync());

        Assert.Equal(CapellaEmulator.ArticleProductId, p.Id);
        Assert.Equal("0bdede89-4e63-479e-9e82-20a1085f3865", p.JobId);
        Assert.Equal(Aoi, p.AoiId);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 22, 6, 57, TimeSpan.Zero), p.DateCreated);
        Assert.Equal(new DateOnly(2019, 5, 27), p.DateStart);
        Assert.Equal("cov", p.MethodApplied);
        Assert.Equal(12, p.WindowInMonths);
        var entry = Assert.Single(host.Emulator.Requests);
        Assert.Equal("/capella/products/" + Aoi, entry.Path);
        Assert.DoesNotContain(CapellaEmulator.DefaultApiKey, entry.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitoring_products_filter_by_creation_range_method_and_latest()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            host.Capella.AddProduct(Aoi, $"p{i}", t0.AddDays(30 * i), method: i % 2 == 0 ? "cov" : "ratio");
        }

        var client = host.ApiKeyClient();
        Assert.Equal(6, (await client.GetProductsAsync(Aoi).CollectAsync()).Count);

        var range = await client.GetProductsAsync(Aoi, new CapellaProductQuery { CreatedFrom = t0.AddDays(30), CreatedTo = t0.AddDays(120) }).CollectAsync();
        Assert.Equal(new[] { "p1", "p2", "p3" }, range.Select(p => p.Id));

        var ratio = await client.GetProductsAsync(Aoi, new CapellaProductQuery { Methods = ["RATIO"] }).CollectAsync();
        Assert.Equal(new[] { "p1", "p3" }, ratio.Select(p => p.Id));

        var latest = Assert.Single(await client.GetProductsAsync(Aoi, new CapellaProductQuery { LatestOnly = true }).CollectAsync());
        Assert.Equal("p4", latest.Id);
        Assert.Equal("p3", (await client.GetLatestProductAsync(Aoi, new CapellaProductQuery { Methods = ["ratio"] }))!.Id);
    }

    [Fact]
    public async Task Paged_listings_follow_next_links_to_the_end()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        for (var i = 0; i < 4; i++)
        {
            host.Capella.AddProduct(Aoi, $"p{i}", new DateTimeOffset(2022, 1, 1 + i, 0, 0, 0, TimeSpan.Zero));
        }

        host.Capella.ProductsPageSize = 2;
        var products = await host.ApiKeyClient().GetProductsAsync(Aoi).CollectAsync();

        Assert.Equal(new[] { CapellaEmulator.ArticleProductId, "p0", "p1", "p2", "p3" }, products.Select(p => p.Id));
        Assert.Equal(3, host.Emulator.Requests.ForPath("/capella/products/").Count);
    }

    [Fact]
    public async Task Asset_filters_select_by_key_cog_role_and_media_type()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        var client = host.ApiKeyClient();
        var p = Assert.Single(await client.GetProductsAsync(Aoi).CollectAsync());

        Assert.Equal(new[] { "a", "a_cog", "b", "b_cog" }, client.GetProductAssets(p).Select(a => a.AssetKey));
        Assert.Equal(new[] { "a_cog", "b_cog" }, client.GetProductAssets(p, CapellaAssetFilter.CloudOptimizedOnly).Select(a => a.AssetKey));
        Assert.Equal(new[] { "a", "b" }, client.GetProductAssets(p, new CapellaAssetFilter { CloudOptimized = false }).Select(a => a.AssetKey));
        Assert.Equal(new[] { "b" }, client.GetProductAssets(p, new CapellaAssetFilter { Keys = ["B"], CloudOptimized = false }).Select(a => a.AssetKey));
        Assert.Empty(client.GetProductAssets(p, new CapellaAssetFilter { Roles = ["thumbnail"] }));
        Assert.Equal(4, client.GetProductAssets(p, new CapellaAssetFilter { MediaTypes = ["image/tiff"] }).Count);

        var a = client.GetProductAssets(p).First();
        Assert.Equal("capella", a.Provider);
        Assert.Equal(CapellaEmulator.ArticleProductId, a.ProductId);
        Assert.Equal("A.tif", a.SuggestedFileName);
        Assert.Equal("VV", a.Title);
        Assert.Equal("cov", a.Properties["capella:method_applied"]);
        Assert.Equal(Aoi, a.Properties["capella:aoi_id"]);
        Assert.Same(client.AnalyticsHrefResolver, a.Resolver);
        Assert.Single(host.Emulator.Requests);
    }

    [Fact]
    public async Task Aoi_assets_flatten_products_and_filters()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.AddProduct(Aoi, "p1", new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var client = host.ApiKeyClient();

        var all = await client.GetAoiAssetsAsync(Aoi, filter: new CapellaAssetFilter { Keys = ["a"] }).CollectAsync();
        Assert.Equal(new[] { CapellaEmulator.ArticleProductId, "p1" }, all.Select(a => a.ProductId));

        var latestCogs = await client.GetAoiAssetsAsync(Aoi, new CapellaProductQuery { LatestOnly = true }, CapellaAssetFilter.CloudOptimizedOnly).CollectAsync();
        Assert.Equal(new[] { "p1/a_cog", "p1/b_cog" }, latestCogs.Select(a => a.ProductId + "/" + a.AssetKey));

        Assert.Throws<ArgumentException>(() => client.GetAoiAssetsAsync(Aoi, filter: new CapellaAssetFilter { Keys = [""] }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a/b")]
    [InlineData("x?y=1")]
    [InlineData("..")]
    public async Task Bad_aoi_ids_are_rejected_before_any_request(string aoiId)
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.ApiKeyClient();

        var ex = Assert.Throws<ArgumentException>(() => client.GetProductsAsync(aoiId));
        Assert.Equal("aoiId", ex.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetAoiAsync(aoiId));
        Assert.Empty(host.Emulator.Requests);
    }

    [Fact]
    public async Task An_empty_creation_range_is_rejected_before_any_request()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var t = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var ex = Assert.Throws<ArgumentException>(() => host.ApiKeyClient().GetProductsAsync(Aoi, new CapellaProductQuery { CreatedFrom = t, CreatedTo = t }));
        Assert.Contains("CreatedFrom", ex.Message, StringComparison.Ordinal);
        Assert.Contains("swap", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => host.ApiKeyClient().GetProductsAsync(Aoi, new CapellaProductQuery { Methods = [" "] }));
        Assert.Empty(host.Emulator.Requests);
    }

    [Fact]
    public async Task Unknown_and_forbidden_aois_are_typed_errors()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.ForbiddenAoiIds.Add(Aoi);
        var client = host.ApiKeyClient();

        var forbidden = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetProductsAsync(Aoi).CollectAsync());
        Assert.Equal(403, forbidden.Status);
        Assert.Equal(CapellaErrorCodes.NotAuthorized, forbidden.ErrorCode);

        var missing = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetProductsAsync("nope").CollectAsync());
        Assert.Equal(404, missing.Status);
        Assert.Contains("AOI nope not found", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_source_stac_item_is_typed_and_its_asset_downloads_through_the_same_path()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
        var client = host.ApiKeyClient();
        var p = Assert.Single(await client.GetProductsAsync(Aoi).CollectAsync());

        var item = await client.GetSourceItemAsync(p);

        Assert.NotNull(item);
        Assert.Equal("s1-change", item.Collection);
        Assert.Equal(CapellaEmulator.ArticleProductId, item.Id);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 22, 6, 57, TimeSpan.Zero), item.DateTime);
        var asset = Assert.Single(client.GetStacItemAssets(item));
        Assert.Equal("VV", asset.AssetKey);
        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);
        var (status, sha, _) = await LocationFetcher.FetchAsync(location);
        Assert.Equal(200, status);
        Assert.Equal(host.BlobSha256(CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "source/VV.tif")), sha);
    }
}
