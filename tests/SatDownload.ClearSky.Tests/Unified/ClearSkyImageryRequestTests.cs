using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.ClearSky.Unified;
using static SatDownload.ClearSky.Tests.Unified.UnifiedTestSupport;

namespace SatDownload.ClearSky.Tests.Unified;

/// <summary>Validation (before any request) and fingerprints of the ClearSKY imagery requests.</summary>
public sealed class ClearSkyImageryRequestTests
{
    public static TheoryData<string, string> InvalidRequests() => new()
    {
        { "no geometry", "ClearSkyCompositeImageryRequest.Request.Aoi" },
        { "resolution 15", "ClearSkyCompositeImageryRequest.Request.Resolution" },
        { "upload url", "ClearSkyCompositeImageryRequest.Request.UploadUrl" },
        { "no model", "ClearSkyCompositeImageryRequest.Request.Model" },
        { "tile without guid", "ClearSkyTileImageryRequest.Request.TileGuid" },
        { "minitile with a tile guid", "ClearSkyMinitileImageryRequest.Request.TileGuid" },
        { "tile level 3", "ClearSkyTileImageryRequest.Request.Level" },
        { "null request", "ClearSkyCompositeImageryRequest.Request" },
        { "a date twice", "ClearSkyCompositeImageryRequest.Dates" },
        { "no dates", "ClearSkyCompositeImageryRequest.Dates" },
        { "request date outside the series", "ClearSkyCompositeImageryRequest.Request.Date" },
        { "a series date before the archive", "ClearSkyCompositeImageryRequest.Request.Date" },
    };

    private static ImageryRequest Invalid(string name) => name switch
    {
        "no geometry" => new ClearSkyCompositeImageryRequest(Composite().Request with { Wkt = null }),
        "resolution 15" => new ClearSkyCompositeImageryRequest(Composite().Request with { Resolution = 15 }),
        "upload url" => new ClearSkyCompositeImageryRequest(Composite().Request with { UploadUrl = "https://bucket.example/out.tif?sig=abc" }),
        "no model" => new ClearSkyCompositeImageryRequest(Composite().Request with { Model = " " }),
        "tile without guid" => new ClearSkyTileImageryRequest(Tile().Request with { TileGuid = null }),
        "minitile with a tile guid" => new ClearSkyMinitileImageryRequest(MiniTile().Request with { TileGuid = TileGuid }),
        "tile level 3" => new ClearSkyTileImageryRequest(Tile().Request with { Level = 3 }),
        "null request" => new ClearSkyCompositeImageryRequest { Request = null! },
        "a date twice" => new ClearSkyCompositeImageryRequest(Composite().Request) { Dates = [Composite().Request.Date, Composite().Request.Date.ToOffset(TimeSpan.FromHours(2))] },
        "no dates" => new ClearSkyCompositeImageryRequest(Composite().Request) { Dates = [] },
        "request date outside the series" => new ClearSkyCompositeImageryRequest(Composite().Request) { Dates = [Composite().Request.Date.AddDays(5)] },
        "a series date before the archive" => new ClearSkyCompositeImageryRequest(Composite().Request with { Date = default }) { Dates = [new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero)] },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_request_names_the_field_and_sends_nothing(string name, string field)
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = SatClient(ctx);

        var ex = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => client.DownloadAsync(Invalid(name), ctx.Directory));

        Assert.Equal(field, ex.Field);
        Assert.StartsWith(field + " ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
        Assert.Empty(ctx.Emulator.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(ctx.Directory));

        // The adapter's own client refuses it the same way.
        if (Invalid(name) is ClearSkyCompositeImageryRequest composite)
        {
            await Assert.ThrowsAsync<ImageryRequestValidationException>(() => ctx.Client().DownloadAsync(composite, ctx.Directory));
            Assert.Empty(ctx.Emulator.Requests);
        }
    }

    [Fact]
    public async Task Malformed_geometry_is_an_aoi_error_before_any_request()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var request = new ClearSkyCompositeImageryRequest(Composite().Request with { Wkt = "POLYGON ((1 1, 2 2, 1 1))" });

        await Assert.ThrowsAsync<AoiValidationException>(() => SatClient(ctx).DownloadAsync(request, ctx.Directory));

        Assert.Empty(ctx.Emulator.Requests);
    }

    [Fact]
    public void Fingerprint_ignores_how_the_geometry_and_constellations_are_given_but_not_what_is_produced()
    {
        var wkt = Composite();
        var asAoi = new ClearSkyCompositeImageryRequest(wkt.Request with { Wkt = null, Aoi = Aoi.FromWkt(wkt.Request.Wkt!) });
        var reordered = new ClearSkyCompositeImageryRequest(wkt.Request with { SatelliteConstellations = ["Landsat89", "Sentinel2", "Sentinel1"] });
        var filtered = new ClearSkyCompositeImageryRequest(wkt.Request) { AssetFilter = new AssetFilter { AssetKeys = ["composite"] }, RequireAvailability = false };

        Assert.Equal(wkt.GetFingerprint(), asAoi.GetFingerprint());
        Assert.Equal(wkt.GetFingerprint(), reordered.GetFingerprint());
        Assert.Equal(wkt.GetFingerprint(), filtered.GetFingerprint());
        Assert.Equal(wkt.GetFingerprint(), Composite().GetFingerprint());
        Assert.Equal(wkt.GetFingerprint(), new ClearSkyCompositeImageryRequest(wkt.Request) { Dates = [wkt.Request.Date] }.GetFingerprint());
        var series = new ClearSkyCompositeImageryRequest(wkt.Request) { Dates = [wkt.Request.Date, wkt.Request.Date.AddDays(5)] };
        Assert.Equal(series.GetFingerprint(), new ClearSkyCompositeImageryRequest(wkt.Request with { Date = default }) { Dates = [wkt.Request.Date.AddDays(5), wkt.Request.Date] }.GetFingerprint());
        Assert.NotEqual(wkt.GetFingerprint(), series.GetFingerprint());

        Assert.NotEqual(wkt.GetFingerprint(), new ClearSkyCompositeImageryRequest(wkt.Request with { Resolution = 20 }).GetFingerprint());
        Assert.NotEqual(wkt.GetFingerprint(), new ClearSkyCompositeImageryRequest(wkt.Request with { Date = wkt.Request.Date.AddDays(1) }).GetFingerprint());
        Assert.NotEqual(wkt.GetFingerprint(), new ClearSkyCompositeImageryRequest(wkt.Request with { Bandnames = "rgb" }).GetFingerprint());
        Assert.NotEqual(wkt.GetFingerprint(), new ClearSkyCompositeImageryRequest(wkt.Request with { DataType = "UINT8" }).GetFingerprint());
        Assert.NotEqual(wkt.GetFingerprint(), new ClearSkyCompositeImageryRequest(wkt.Request with { Wkt = "POLYGON ((9 56, 10 56, 10 57, 9 57, 9 56))" }).GetFingerprint());

        // Tile and minitile on the same GUID are different products.
        var tile = Tile();
        Assert.NotEqual(tile.GetFingerprint(), new ClearSkyTileImageryRequest(tile.Request with { Level = 1 }).GetFingerprint());
        Assert.NotEqual(tile.GetFingerprint(), new ClearSkyMinitileImageryRequest(tile.Request with { TileGuid = null, MiniTileGuid = tile.Request.TileGuid }).GetFingerprint());
        Assert.Equal("composite", wkt.Kind);
        Assert.Equal("tile", tile.Kind);
        Assert.Equal("minitile", MiniTile().Kind);
    }

    [Fact]
    public async Task Provider_refuses_other_requests_and_foreign_task_ids()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var provider = new ClearSkyImageryProvider(ctx.Client());

        Assert.Equal(ProviderNames.ClearSky, provider.Name);
        Assert.True(provider.CanHandle(Composite()));
        Assert.True(provider.CanHandle(Tile()));
        Assert.True(provider.CanHandle(MiniTile()));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => provider.GetTaskAsync(Composite(), ClearSkyClient.TaskIdOf(Tile())));
        Assert.Equal("taskId", ex.ParamName);

        var task = await provider.GetTaskAsync(Tile(), ClearSkyClient.TaskIdOf(Tile()));
        Assert.Equal(ProviderTaskStatus.Succeeded, task.Status);
        Assert.Empty(ctx.Emulator.Requests);
    }
}
