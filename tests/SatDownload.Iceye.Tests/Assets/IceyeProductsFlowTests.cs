using SatDownload.Iceye.Assets;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tests.Emulator;
using SatDownload.Testing.Iceye;

namespace SatDownload.Iceye.Tests.Assets;

public class IceyeProductsFlowTests
{
    private static async Task<(IceyeTestEnvironment Env, SatDownload.Iceye.Tasks.IceyeTask Task)> CreateAsync(IceyeEmulatorOptions? options = null)
    {
        var env = await IceyeTestEnvironment.StartAsync(options);
        var request = env.NewRequest();
        request.ProductTypes = new List<IceyeProductType> { IceyeProductType.Sicd, IceyeProductType.GrdCog };
        var task = await env.Client.CreateTaskAsync(request);
        return (env, task);
    }

    [Fact]
    public async Task Before_fulfilled_products_are_a_typed_not_ready_result()
    {
        var (env, task) = await CreateAsync();
        await using var _ = env;
        env.Advance(env.Iceye.Options.ReceivedDuration);

        var listing = await task.GetProductsAsync();
        var assets = new List<ImageryAsset>();
        await foreach (var a in task.GetAssetsAsync())
        {
            assets.Add(a);
        }

        Assert.False(listing.IsReady);
        Assert.Empty(listing.Products);
        Assert.Contains("the task is ACTIVE", listing.NotReadyReason, StringComparison.Ordinal);
        Assert.Empty(assets);
        Assert.Contains("not ready", listing.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fulfilled_lists_only_sla_products_over_cursor_pages_and_done_adds_the_rest()
    {
        var (env, task) = await CreateAsync();
        await using var _ = env;
        env.Advance(env.Iceye.Options.ReceivedDuration + env.Iceye.Options.ActiveDuration);

        var fulfilled = await task.GetProductsAsync();

        Assert.True(fulfilled.IsReady);
        Assert.Equal(new[] { "GRD", "QLK" }, fulfilled.Products.Select(p => p.Properties.ProductType!.Value.Value));
        var pages = env.ApiRequests.Where(r => r.Path.EndsWith("/products", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("cursor", pages[1].QueryParameterNames);

        env.Advance(env.Iceye.Options.FulfilledDuration);
        var done = await task.GetProductsAsync();

        Assert.Equal(new[] { "GRD", "QLK", "SICD", "GRD-COG" }, done.Products.Select(p => p.Properties.ProductType!.Value.Value));
        Assert.Equal(IceyeEmulator.ProductIdFor(task.Id, "SICD"), done.Products[2].Id);
        var grd = done.Products[0];
        Assert.Equal("spotlight", grd.Properties.AcquisitionMode);
        Assert.Equal(new[] { "VV" }, grd.Properties.Polarizations);
        Assert.Equal("descending", grd.Properties.OrbitState);
        Assert.NotNull(grd.Properties.FrameId);
        Assert.Equal(4, grd.BoundingBox!.Count);
        Assert.Equal(new[] { "grd-tif", "grd-xml", "quicklook-png", "thumbnail-json", "thumbnail-png" }, grd.Assets.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Products_of_one_type_use_the_type_endpoint_and_an_unproduced_type_is_not_ready()
    {
        var (env, task) = await CreateAsync();
        await using var _ = env;
        env.Advance(env.Iceye.Options.ReceivedDuration + env.Iceye.Options.ActiveDuration);

        var grd = await task.GetProductsAsync(IceyeProductType.Grd);
        var sicd = await task.GetProductsAsync(IceyeProductType.Sicd);

        Assert.True(grd.IsReady);
        Assert.Equal(IceyeProductType.Grd, Assert.Single(grd.Products).Properties.ProductType);
        Assert.Single(env.ApiRequests, r => r.Path.EndsWith("/products/GRD", StringComparison.Ordinal));
        Assert.False(sicd.IsReady);
    }

    [Fact]
    public async Task Assets_are_filtered_before_download_and_sla_products_can_be_skipped_later()
    {
        var (env, task) = await CreateAsync();
        await using var _ = env;
        env.Advance(env.Iceye.Options.ReceivedDuration + env.Iceye.Options.ActiveDuration);

        var sla = await Collect(task.GetAssetsAsync(IceyeAssetFilter.DataOnly()));

        Assert.Equal(new[] { "grd-tif", "qlk-png" }, sla.Select(a => a.AssetKey).OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(sla, a => Assert.Equal(task.Id, a.Properties["iceye:task_id"]));

        env.Advance(env.Iceye.Options.FulfilledDuration);
        var filter = IceyeAssetFilter.DataOnly();
        foreach (var id in sla.Select(a => a.ProductId))
        {
            filter.ExcludeProductIds.Add(id);
        }

        var rest = await Collect(task.GetAssetsAsync(filter));

        Assert.Equal(new[] { "grd-tif", "sicd-ntf" }, rest.Select(a => a.AssetKey).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("GRD-COG", rest.Single(a => a.AssetKey == "grd-tif").Properties["sar:product_type"]);
        var thumbnails = await Collect(task.GetAssetsAsync(new IceyeAssetFilter { Roles = { AssetRoles.Thumbnail }, ProductTypes = { IceyeProductType.Grd } }));
        Assert.Equal("image/png", Assert.Single(thumbnails).MediaType);
    }

    internal static async Task<List<ImageryAsset>> Collect(IAsyncEnumerable<ImageryAsset> source)
    {
        var list = new List<ImageryAsset>();
        await foreach (var a in source)
        {
            list.Add(a);
        }

        return list;
    }
}
