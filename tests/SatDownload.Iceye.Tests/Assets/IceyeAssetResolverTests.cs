using System.Net;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tests.Emulator;

namespace SatDownload.Iceye.Tests.Assets;

public class IceyeAssetResolverTests
{
    private static async Task<(IceyeTestEnvironment Env, ImageryAsset Asset)> FulfilledGrdAsync()
    {
        var env = await IceyeTestEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewRequest());
        env.Advance(env.Iceye.Options.ReceivedDuration + env.Iceye.Options.ActiveDuration);
        var assets = await IceyeProductsFlowTests.Collect(task.GetAssetsAsync(new Iceye.Assets.IceyeAssetFilter { ProductTypes = { IceyeProductType.Grd }, AssetKeys = { "grd-tif" } }));
        return (env, Assert.Single(assets));
    }

    [Fact]
    public async Task A_fresh_listed_url_is_used_without_listing_again()
    {
        var (env, asset) = await FulfilledGrdAsync();
        await using var _ = env;
        var listings = env.ApiRequests.Count;

        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);

        Assert.Equal(asset.Href, location.Uri);
        Assert.Equal(env.Clock.GetUtcNow().AddHours(1), location.ExpiresAt!.Value, TimeSpan.FromSeconds(10));
        Assert.Equal(listings, env.ApiRequests.Count);
        Assert.Equal(0, env.Client.AssetResolver.RefreshCount);
    }

    [Fact]
    public async Task After_the_url_expired_storage_refuses_it_and_the_resolver_lists_the_products_again()
    {
        var (env, asset) = await FulfilledGrdAsync();
        await using var _ = env;
        using var http = new HttpClient();
        var first = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(first.Uri)).StatusCode);

        env.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var refused = await http.GetAsync(first.Uri);
        var renewed = await asset.Resolver.ResolveAsync(asset, new SignedUrlResolveContext
        {
            Reason = ResolveReason.Refused,
            RefusedStatusCode = 403,
            PreviousLocation = first,
            PreviousResolutions = 1,
        });
        var bytes = await http.GetByteArrayAsync(renewed.Uri);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual(first.Uri, renewed.Uri);
        Assert.True(renewed.ExpiresAt > env.Clock.GetUtcNow().AddMinutes(59));
        Assert.Equal(1, env.Client.AssetResolver.RefreshCount);
        Assert.Equal(env.Host.Blobs.Get(SatDownload.Testing.Iceye.IceyeEmulator.AssetBlobName(asset.Properties["iceye:task_id"], "GRD", "grd-tif")).Sha256Hex,
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant());
        Assert.DoesNotContain(renewed.Uri.Query.TrimStart('?'), renewed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_location_is_renewed_even_on_a_first_resolution()
    {
        var (env, asset) = await FulfilledGrdAsync();
        await using var _ = env;
        env.Advance(TimeSpan.FromMinutes(59));

        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);

        Assert.NotEqual(asset.Href, location.Uri);
        Assert.Equal(1, env.Client.AssetResolver.RefreshCount);
    }

    [Fact]
    public async Task An_asset_without_its_task_id_cannot_be_renewed_and_says_why()
    {
        var (env, asset) = await FulfilledGrdAsync();
        await using var _ = env;
        var stripped = asset with { Properties = new Dictionary<string, string>(), ExpiresAt = env.Clock.GetUtcNow().AddHours(-1) };

        var ex = await Assert.ThrowsAsync<SatDownloadException>(async () => await stripped.Resolver!.ResolveAsync(stripped, SignedUrlResolveContext.Initial));

        Assert.Contains("iceye:task_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_of_one_task_expiring_together_share_one_new_listing()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewRequest());
        env.Advance(env.Iceye.Options.ReceivedDuration + env.Iceye.Options.ActiveDuration);
        var assets = await IceyeProductsFlowTests.Collect(task.GetAssetsAsync());
        env.Advance(TimeSpan.FromMinutes(70));
        var listingsBefore = env.ApiRequests.Count(r => r.Path.EndsWith("/products", StringComparison.Ordinal));

        var locations = await Task.WhenAll(assets.Select(a => a.Resolver!.ResolveAsync(a, SignedUrlResolveContext.Initial).AsTask()));

        Assert.Equal(7, locations.Length);
        Assert.Equal(7, locations.Select(l => l.Uri).Distinct().Count());
        Assert.All(locations, l => Assert.True(l.ExpiresAt > env.Clock.GetUtcNow().AddMinutes(59)));
        Assert.Equal(1, env.Client.AssetResolver.RefreshCount);
        Assert.Equal(listingsBefore + 2, env.ApiRequests.Count(r => r.Path.EndsWith("/products", StringComparison.Ordinal)));
    }
}
