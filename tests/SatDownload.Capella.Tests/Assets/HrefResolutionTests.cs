using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Assets;

public class HrefResolutionTests
{
    [Theory]
    [InlineData(CapellaHrefAnswerMode.JsonUrl)]
    [InlineData(CapellaHrefAnswerMode.PlainText)]
    [InlineData(CapellaHrefAnswerMode.Redirect)]
    public async Task Every_answer_form_resolves_to_the_signed_url_without_forwarding_credentials(CapellaHrefAnswerMode mode)
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.HrefAnswerMode = mode;
        var client = host.ApiKeyClient();
        var product = Assert.Single(await client.GetProductsAsync(CapellaEmulator.ArticleAoiId).CollectAsync());
        var asset = Assert.Single(client.GetProductAssets(product, new CapellaAssetFilter { Keys = ["a"] }));

        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);

        Assert.Equal("/signed/capella/analytics/" + CapellaEmulator.ArticleProductId + "/A.tif", location.Uri.AbsolutePath);
        Assert.Empty(location.Headers);
        Assert.Equal(host.Emulator.Clock.GetUtcNow() + host.Capella.SignedUrlLifetime, location.ExpiresAt!.Value, TimeSpan.FromSeconds(1));
        var (status, sha, _) = await LocationFetcher.FetchAsync(location);
        Assert.Equal(200, status);
        Assert.Equal(host.BlobSha256(CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "A.tif")), sha);

        var hrefCall = Assert.Single(host.Emulator.Requests.ForPath("/capella/analytics/assets/"));
        Assert.Equal(mode == CapellaHrefAnswerMode.Redirect ? 302 : 200, hrefCall.StatusCode);
        Assert.True(hrefCall.Headers.ContainsKey("Authorization"));
        var blobCall = Assert.Single(host.Emulator.Requests.ForPath("/signed/"));
        Assert.False(blobCall.Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(location.Uri.Query.TrimStart('?'), location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_that_follows_redirects_itself_still_yields_the_signed_url_without_credentials_at_storage()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect;
        using var following = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        var client = new CapellaClient(following, host.Options());
        var product = Assert.Single(await client.GetProductsAsync(CapellaEmulator.ArticleAoiId).CollectAsync());
        var asset = client.GetProductAssets(product).Single(a => a.AssetKey == "a");

        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);

        Assert.Equal("/signed/capella/analytics/" + CapellaEmulator.ArticleProductId + "/A.tif", location.Uri.AbsolutePath);
        Assert.Empty(location.Headers);
        // The followed request is logged when the emulator finishes it (the client stopped reading after the headers).
        var followed = await host.Emulator.Requests.WaitForAsync(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.False(followed.Headers.ContainsKey("Authorization"));
        Assert.Equal(200, (await LocationFetcher.FetchAsync(location)).Status);
    }

    [Fact]
    public async Task An_href_that_is_the_file_is_downloaded_from_the_href_with_credentials()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Capella.HrefAnswerMode = CapellaHrefAnswerMode.File;
        var client = host.ApiKeyClient();
        var product = Assert.Single(await client.GetProductsAsync(CapellaEmulator.ArticleAoiId).CollectAsync());
        var asset = client.GetProductAssets(product).Single(a => a.AssetKey == "b");

        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);

        Assert.Equal(asset.Href, location.Uri);
        Assert.StartsWith("ApiKey ", location.Headers["Authorization"], StringComparison.Ordinal);
        Assert.DoesNotContain(CapellaEmulator.DefaultApiKey, location.ToString(), StringComparison.Ordinal);
        var (status, sha, _) = await LocationFetcher.FetchAsync(location);
        Assert.Equal(200, status);
        Assert.Equal(host.BlobSha256(CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "B.tif")), sha);
    }

    [Fact]
    public async Task A_cached_location_is_reused_until_refused_then_signed_again()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        var client = host.ApiKeyClient();
        var product = Assert.Single(await client.GetProductsAsync(CapellaEmulator.ArticleAoiId).CollectAsync());
        var asset = client.GetProductAssets(product).Single(a => a.AssetKey == "a_cog");

        var first = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);
        var again = await asset.Resolver.ResolveAsync(asset, SignedUrlResolveContext.Initial);
        Assert.Same(first, again);

        host.Emulator.Clock.Advance(host.Capella.SignedUrlLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(403, (await LocationFetcher.FetchAsync(first)).Status);

        var renewed = await asset.Resolver.ResolveAsync(asset, new SignedUrlResolveContext { Reason = ResolveReason.Refused, PreviousLocation = first, PreviousResolutions = 1, RefusedStatusCode = 403 });
        Assert.NotEqual(first.Uri, renewed.Uri);
        Assert.Equal(200, (await LocationFetcher.FetchAsync(renewed)).Status);
        Assert.Equal(2, host.Emulator.Requests.ForPath("/capella/analytics/assets/").Count);
    }

    [Fact]
    public async Task A_missing_asset_is_a_provider_error_naming_the_call()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        var client = host.ApiKeyClient();
        var asset = new ImageryAsset
        {
            Provider = ProviderNames.Capella,
            ProductId = CapellaEmulator.ArticleProductId,
            AssetKey = "zz",
            Href = new Uri(host.ApiRoot, $"analytics/assets/{CapellaEmulator.ArticleProductId}/ZZ.tif"),
            Resolver = client.AnalyticsHrefResolver,
        };

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => asset.Resolver.ResolveAsync(asset, SignedUrlResolveContext.Initial).AsTask());
        Assert.Equal(404, ex.Status);
        Assert.Equal("NOT_FOUND", ex.ErrorCode);
        Assert.False(ex.IsRetryable);
    }
}
