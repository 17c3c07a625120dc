using System.Text.Json;
using SatDownload.ClearSky.Tests.EndToEnd;
using SatDownload.ClearSky.Tests.TestSupport;

namespace SatDownload.ClearSky.Tests.Validation;

/// <summary>Bad requests are refused with the field and the fix named, before any HTTP call.</summary>
public sealed class RequestValidationTests
{
    private static readonly DateTimeOffset Date = new(2024, 5, 3, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string> BadComposites() => new()
    {
        { "both", "request.Wkt", "not both" },
        { "none", "request.Aoi", "exactly one of Aoi, Wkt or GeoJson" },
        { "aoi+wkt", "request.Wkt", "exactly one" },
        { "resolution", "request.Resolution", "10, 20, 40, 80, 160, 320, 640, 1280" },
        { "no-resolution", "request.Resolution", "required" },
        { "epsg", "request.EpsgProjection", "47000" },
        { "datatype", "request.DataType", "\"INT16\", \"UINT8\"" },
        { "pixel", "request.PixelSelectionMode", "\"intersect\", \"contained\"" },
        { "utm", "request.UtmDataSelectionMode", "single_utm_fully_covered" },
        { "no-date", "request.Date", "required" },
        { "no-model", "request.Model", "Stratus2" },
        { "no-constellations", "request.SatelliteConstellations", "Sentinel1" },
        { "duplicate-constellation", "request.SatelliteConstellations", "more than once" },
        { "bands", "request.Bandnames", "[B8_B4]" },
        { "filetype", "request.FileType", "tif" },
        { "upload-url", "request.UploadUrl", "http(s)" },
        { "geojson-not-object", "request.GeoJson", "geometry object" },
    };

    private static ClearSkyCompositeRequest Make(string kind)
    {
        var r = CompositeSequenceTests.MinimalRequest();
        var geo = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[9.9,56.3],[10.1,56.3],[10.1,56.4],[9.9,56.3]]]}""").RootElement.Clone();
        return kind switch
        {
            "both" => r with { GeoJson = geo },
            "none" => r with { Wkt = null },
            "aoi+wkt" => r with { Aoi = Aoi.FromBoundingBox(9, 56, 10, 57) },
            "resolution" => r with { Resolution = 15 },
            "no-resolution" => r with { Resolution = null },
            "epsg" => r with { EpsgProjection = -5 },
            "datatype" => r with { DataType = "FLOAT32" },
            "pixel" => r with { PixelSelectionMode = "touching" },
            "utm" => r with { UtmDataSelectionMode = "any" },
            "no-date" => r with { Date = default },
            "no-model" => r with { Model = " " },
            "no-constellations" => r with { SatelliteConstellations = [] },
            "duplicate-constellation" => r with { SatelliteConstellations = ["Sentinel2", "sentinel2"] },
            "bands" => r with { Bandnames = "B2, B3 B4" },
            "filetype" => r with { FileType = "png" },
            "upload-url" => r with { UploadUrl = "ftp://example.com/x" },
            "geojson-not-object" => r with { Wkt = null, GeoJson = JsonDocument.Parse("\"POLYGON\"").RootElement.Clone() },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(BadComposites))]
    public async Task Bad_composite_is_rejected_before_any_request(string kind, string parameter, string fix)
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var request = Make(kind);

        var download = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DownloadCompositeAsync(request, ctx.Directory));
        var estimate = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.EstimateAsync(request));

        Assert.Equal(parameter, download.ParamName);
        Assert.Contains(fix, download.Message, StringComparison.Ordinal);
        Assert.Equal(parameter, estimate.ParamName);
        Assert.Empty(ctx.Emulator.Requests);
    }

    [Fact]
    public async Task Invalid_wkt_is_an_aoi_validation_error_before_any_request()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();

        await Assert.ThrowsAsync<AoiValidationException>(() => client.EstimateAsync(CompositeSequenceTests.MinimalRequest() with { Wkt = "POLYGON ((1 2, 3" }));

        Assert.Empty(ctx.Emulator.Requests);
    }

    [Fact]
    public async Task Upload_url_is_refused_by_the_download_call_and_required_by_the_upload_call()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var request = CompositeSequenceTests.MinimalRequest();

        var download = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadCompositeAsync(request with { UploadUrl = "https://bucket.example/x.tif" }, ctx.Directory));
        var upload = await Assert.ThrowsAsync<ArgumentException>(() => client.UploadCompositeAsync(request));

        Assert.Contains("UploadCompositeAsync", download.Message, StringComparison.Ordinal);
        Assert.Equal("request.UploadUrl", upload.ParamName);
        Assert.Empty(ctx.Emulator.Requests);
    }

    [Theory]
    [InlineData(false, null, "request.TileGuid")]
    [InlineData(true, null, "request.MiniTileGuid")]
    [InlineData(false, 3, "request.Level")]
    public async Task Bad_tile_requests_are_rejected_before_any_request(bool mini, int? level, string parameter)
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var request = new ClearSkyTileRequest
        {
            TileGuid = level is null ? null : Guid.NewGuid(),
            Date = Date,
            Model = "Stratus2",
            SatelliteConstellations = ["Sentinel2"],
            Level = level,
        };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => mini ? client.DownloadMiniTileAsync(request, ctx.Directory) : client.DownloadTileAsync(request, ctx.Directory));

        Assert.Equal(parameter, ex.ParamName);
        Assert.Empty(ctx.Emulator.Requests);
    }

    [Fact]
    public async Task Date_search_with_until_before_from_is_rejected()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.SearchAvailableDatesAsync(new ClearSkyDateSearchRequest
        {
            Aoi = Aoi.FromBoundingBox(9, 56, 10, 57), From = Date, Until = Date.AddDays(-1),
        }));

        Assert.Equal("request.Until", ex.ParamName);
        Assert.Empty(ctx.Emulator.Requests);
    }

    [Fact]
    public async Task Aoi_over_the_account_area_limit_is_refused_after_reading_only_the_account()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new Testing.ClearSky.ClearSkyEmulatorOptions { MaxCompositeAreaKm2 = 10 });
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ClearSkyAccountLimitException>(() => client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory));

        Assert.Equal("MaxCompositeAreaKm2", ex.Limit);
        Assert.Equal(10, ex.Allowed);
        Assert.True(ex.Requested > 400);
        Assert.Equal(["/clearsky/api/account/info"], ctx.ClearSkyRequests().Select(e => e.Path));
    }

    [Fact]
    public async Task Too_many_bands_for_the_account_are_refused()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new Testing.ClearSky.ClearSkyEmulatorOptions { MaxTotalBands = 2 });
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ClearSkyAccountLimitException>(() =>
            client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest() with { Bandnames = "B2, B3, B4" }, ctx.Directory));

        Assert.Equal("MaxTotalBands", ex.Limit);
        Assert.DoesNotContain(ctx.ClearSkyRequests(), e => e.Method == "POST");
    }

    [Fact]
    public async Task Constellations_the_model_does_not_support_are_refused_after_reading_the_models()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest() with { Model = "Nimbus-NDVI" }, ctx.Directory));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest() with { Model = "Cumulus9" }, ctx.Directory));

        Assert.Equal("request.SatelliteConstellations", ex.ParamName);
        Assert.Contains("Sentinel1, Landsat89", ex.Message, StringComparison.Ordinal);
        Assert.Equal("request.Model", unknown.ParamName);
        Assert.Contains("Stratus2", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ctx.ClearSkyRequests(), e => e.Method == "POST");

        // Account info and models are cached: one GET each for both calls.
        Assert.Equal(1, ctx.ClearSkyRequests().Count(e => e.Path == "/clearsky/api/tasking/models"));
        Assert.Equal(1, ctx.ClearSkyRequests().Count(e => e.Path == "/clearsky/api/account/info"));
    }

    [Fact]
    public async Task Without_a_models_endpoint_the_check_is_skipped()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new Testing.ClearSky.ClearSkyEmulatorOptions { ServeModels = false });
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task Without_an_account_info_endpoint_the_server_enforces_the_area_limit_as_1004()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new Testing.ClearSky.ClearSkyEmulatorOptions { MaxCompositeAreaKm2 = 10 });
        ctx.Emulator.Faults.On("/clearsky/api/account/info").RespondWithStatus(404, times: 1);
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() =>
            client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload()));

        Assert.Equal("1004", ex.ErrorCode);
        Assert.Contains("MaxCompositeAreaKm2", ex.Message, StringComparison.Ordinal);
        Assert.Empty(ctx.ClearSky.Deliveries);
    }

    [Fact]
    public void Options_without_a_key_name_the_environment_variable()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClearSkyClient(new ClearSkyClientOptions()));

        Assert.Equal("ApiKey", ex.ParamName);
        Assert.Contains("SATDOWNLOAD_CLEARSKY_API_KEY", ex.Message, StringComparison.Ordinal);
    }
}
