using System.Text.Json;
using SatDownload.Iceye.Assets;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Serialization;
using SatDownload.Iceye.Tests.TestData;

namespace SatDownload.Iceye.Tests.Assets;

public class IceyeAssetFactoryTests
{
    private static readonly DateTimeOffset ListedAt = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    private static IceyeProductListing Listing(string file) => new(
        "task-1",
        null,
        isReady: true,
        JsonSerializer.Deserialize(TestFiles.Read(file), IceyeJsonContext.Default.IceyePageIceyeProduct)!.Data,
        ListedAt);

    private static IceyeClient Client() => new(new HttpClient(), new IceyeClientOptions());

    [Fact]
    public void Every_asset_of_the_example_becomes_an_imagery_asset_with_roles_media_type_and_expiry()
    {
        var client = Client();
        var assets = client.CreateAssets(Listing("products-all.json"));

        Assert.Equal(9, assets.Count);
        var roles = assets.ToDictionary(a => a.AssetKey, a => string.Join(",", a.Roles));
        Assert.Equal("data", roles["grd-tif"]);
        Assert.Equal("metadata", roles["grd-xml"]);
        Assert.Equal("metadata", roles["quicklook-kml"]);
        Assert.Equal("overview", roles["quicklook-png"]);
        Assert.Equal("overview", roles["quickortho-kmz"]);
        Assert.Equal("overview", roles["quickortho-tif"]);
        Assert.Equal("metadata", roles["thumbnail-json"]);
        Assert.Equal("metadata", roles["thumbnail-kml"]);
        Assert.Equal("thumbnail", roles["thumbnail-png"]);

        var tif = assets.Single(a => a.AssetKey == "grd-tif");
        Assert.Equal(ProviderNames.Iceye, tif.Provider);
        Assert.Equal("a91ccf1b-bbf1-4775-ba1d-2003cada8d32", tif.ProductId);
        Assert.Equal("image/tiff; application=geotiff", tif.MediaType);
        Assert.Equal("GRD data file", tif.Title);
        Assert.Equal("grd.tif", tif.SuggestedFileName);
        Assert.Equal(ListedAt.AddHours(1), tif.ExpiresAt);
        Assert.Same(client.AssetResolver, tif.Resolver);
        Assert.Equal("task-1", tif.Properties["iceye:task_id"]);
        Assert.Equal("GRD", tif.Properties["sar:product_type"]);
        Assert.Equal("4407788_1", tif.Properties["frame_id"]);
        Assert.Equal("VV", tif.Properties["sar:polarizations"]);
        Assert.Equal("descending", tif.Properties["sat:orbit_state"]);
        Assert.Equal("Polygon", tif.Footprint!.GeometryType);
        Assert.Equal(-54.741608, tif.Footprint.EnvelopeInternal.MinX, 6);
        Assert.Equal(-16.480421, tif.Footprint.EnvelopeInternal.MaxY, 6);
        Assert.Equal(new DateTimeOffset(2024, 12, 13, 12, 58, 22, TimeSpan.Zero).AddTicks(1092650), tif.AcquiredAt);
    }

    [Fact]
    public void Roles_sent_by_iceye_win_over_inference()
    {
        var assets = Client().CreateAssets(Listing("products-by-type-grd-cog.json"));

        Assert.Equal(new[] { "thumbnail" }, assets.Single(a => a.AssetKey == "thumbnail-png").Roles);
        Assert.Equal(new[] { "metadata" }, assets.Single(a => a.AssetKey == "thumbnail-kml").Roles);
    }

    [Fact]
    public void Filter_by_product_type_key_role_media_type_and_excluded_product()
    {
        var client = Client();
        var listing = Listing("products-all.json");

        Assert.Equal(new[] { "grd-tif" }, client.CreateAssets(listing, IceyeAssetFilter.DataOnly()).Select(a => a.AssetKey));
        Assert.Equal(9, client.CreateAssets(listing, new IceyeAssetFilter { ProductTypes = { IceyeProductType.Grd } }).Count);
        Assert.Empty(client.CreateAssets(listing, new IceyeAssetFilter { ProductTypes = { IceyeProductType.GrdCog } }));
        Assert.Equal(
            new[] { "grd-tif", "quickortho-tif" },
            client.CreateAssets(listing, new IceyeAssetFilter { MediaTypes = { "image/tiff" } }).Select(a => a.AssetKey));
        Assert.Equal(
            new[] { "grd-xml" },
            client.CreateAssets(listing, new IceyeAssetFilter { AssetKeys = { "GRD-XML" } }).Select(a => a.AssetKey));
        Assert.Empty(client.CreateAssets(listing, new IceyeAssetFilter { ExcludeProductIds = { "a91ccf1b-bbf1-4775-ba1d-2003cada8d32" } }));
        Assert.Single(client.CreateAssets(listing, new IceyeAssetFilter { Predicate = a => a.AssetKey.EndsWith("-png", StringComparison.Ordinal) && a.HasRole("thumbnail") }));
    }

    [Fact]
    public void Asset_text_never_shows_the_signed_query()
    {
        var listing = new IceyeProductListing("t", null, true, new[]
        {
            new IceyeProduct
            {
                Id = "p",
                Assets = new Dictionary<string, IceyeProductAsset> { ["grd-tif"] = new() { Href = new Uri("https://cdn.example/a/b.tif?Signature=SECRETSIG123&Key-Pair-Id=K1") } },
            },
        }, ListedAt);

        var asset = Assert.Single(Client().CreateAssets(listing));

        Assert.DoesNotContain("SECRETSIG123", asset.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIG123", listing.Products[0].Assets["grd-tif"].ToString(), StringComparison.Ordinal);
    }
}
