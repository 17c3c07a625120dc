using System.Text.Json;
using System.Text.Json.Nodes;
using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.Testing.ClearSky;

namespace SatDownload.ClearSky.Tests.EndToEnd;

/// <summary>The documented sequence (available → estimate → budget check → composite) against the emulator, to files on disk.</summary>
public sealed class CompositeSequenceTests
{
    private const string AvailablePath = "/clearsky/api/satelliteimages/process/composite/available";
    private const string EstimatePath = "/clearsky/api/satelliteimages/process/composite/estimate";
    private const string CompositePath = "/clearsky/api/satelliteimages/process/composite";

    internal static ClearSkyCompositeRequest MinimalRequest() =>
        JsonSerializer.Deserialize<ClearSkyCompositeRequest>(TestFiles.Read("minimal-composite.json"))!;

    [Fact]
    public async Task Founding_document_minimal_body_goes_unchanged_through_the_whole_sequence_to_a_geotiff_on_disk()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var request = MinimalRequest();

        var result = await client.DownloadCompositeAsync(
            request, ctx.Directory, ClearSkyTestContext.FastDownload(new DownloadBudget { MaxCost = 100m, CostUnit = ClearSkyEstimate.CostUnit }));

        // The same payload, equal to the founding document's body, went to every step, in the documented order.
        var expected = JsonNode.Parse(TestFiles.Read("minimal-composite.json"))!;
        var posts = ctx.Emulator.Requests.Where(e => e.Method == "POST").ToList();
        Assert.Equal([AvailablePath, EstimatePath, CompositePath], posts.Select(e => e.Path));
        foreach (var post in posts)
        {
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(post.RequestBody!)), $"{post.Path} body differs: {post.RequestBody}");
        }

        Assert.Equal(posts[0].RequestBody, posts[2].RequestBody);

        // The GeoTIFF on disk is what the emulator produced, named from Content-Disposition.
        var delivery = Assert.Single(ctx.ClearSky.Deliveries);
        Assert.True(File.Exists(result.FilePath));
        Assert.Equal(delivery.FileName, Path.GetFileName(result.FilePath));
        Assert.Equal(delivery.FileName, result.ServerFileName);
        Assert.Equal(delivery.Sha256, TestFiles.Sha256Of(result.FilePath!));
        Assert.Equal(delivery.Sha256, result.Sha256);
        Assert.Equal(delivery.Content.LongLength, result.BytesWritten);
        Assert.Equal("II*\0"u8.ToArray(), File.ReadAllBytes(result.FilePath!)[..4]);

        // The estimate was checked and carried; the attribution came from ClearSKY and sits next to the file.
        Assert.NotNull(result.Estimate);
        Assert.True(result.Estimate!.ProcessingUnitCost > 0m);
        Assert.True(result.Availability!.IsReady);
        Assert.True(result.AttributionFromProvider);
        Assert.Equal(ctx.ClearSky.Options.Attribution, result.Attribution);
        Assert.Equal(result.FilePath + ".attribution.txt", result.AttributionFilePath);
        Assert.Equal(ctx.ClearSky.Options.Attribution, File.ReadAllText(result.AttributionFilePath!).Trim());
    }

    [Fact]
    public async Task Estimate_over_budget_is_refused_and_no_composite_request_is_sent()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var estimate = await client.EstimateAsync(MinimalRequest());
        ctx.Emulator.Requests.Clear();

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.DownloadCompositeAsync(
            MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload(new DownloadBudget { MaxCost = 1m, CostUnit = ClearSkyEstimate.CostUnit })));

        Assert.Equal(BudgetLimit.Cost, ex.Limit);
        Assert.Equal(estimate.ProcessingUnitCost, ex.Requested);
        Assert.Equal(1m, ex.Allowed);
        Assert.Equal(ClearSkyEstimate.CostUnit, ex.Unit);
        Assert.Empty(ctx.Emulator.Requests.Where(e => e.Path == CompositePath));
        Assert.Contains(ctx.Emulator.Requests, e => e.Path == EstimatePath);
        Assert.Empty(ctx.ClearSky.Deliveries);
        Assert.Empty(Directory.EnumerateFiles(ctx.Directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Aoi_input_is_sent_as_wkt_with_the_aois_utm_zone()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var request = new ClearSkyCompositeRequest
        {
            Aoi = Aoi.FromBoundingBox(9.88, 56.28, 10.19, 56.47),
            Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
            Resolution = 20,
            Model = ClearSkyModels.Stratus2,
            SatelliteConstellations = [ClearSkyModels.Sentinel2],
            Bandnames = "B2, B3, B4, [B8_B4]",
            DataType = "UINT8",
        };

        var result = await client.DownloadCompositeAsync(request, ctx.Directory, ClearSkyTestContext.FastDownload());

        var body = JsonNode.Parse(ctx.Emulator.Requests.Single(e => e.Path == CompositePath).RequestBody!)!;
        Assert.StartsWith("POLYGON", body["Wkt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["GeoJson"]);
        Assert.Equal(32632, body["EpsgProjection"]!.GetValue<int>());
        Assert.Equal("2024-05-03T00:00:00Z", body["Date"]!.GetValue<string>());
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task GeoJson_encoding_sends_a_geometry_object()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client(o => o.GeometryEncoding = ClearSkyGeometryEncoding.GeoJson);
        var request = MinimalRequest() with { Wkt = null, Aoi = Aoi.FromBoundingBox(9.88, 56.28, 10.19, 56.47) };

        var estimate = await client.EstimateAsync(request);

        var body = JsonNode.Parse(ctx.Emulator.Requests.Single(e => e.Path == EstimatePath).RequestBody!)!;
        Assert.Null(body["Wkt"]);
        Assert.Equal("Polygon", body["GeoJson"]!["type"]!.GetValue<string>());
        Assert.True(estimate.AreaEstimateKm2 > 300);
    }

    [Fact]
    public async Task Upload_url_mode_lets_clearsky_put_the_file_and_reports_it()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var request = MinimalRequest() with { UploadUrl = ctx.ClearSky.SinkUrl("composite.tif").AbsoluteUri };

        var result = await client.UploadCompositeAsync(request, ClearSkyTestContext.FastDownload());

        Assert.True(result.IsUploaded);
        Assert.Null(result.FilePath);
        var delivery = Assert.Single(ctx.ClearSky.Deliveries);
        Assert.Equal(request.UploadUrl, delivery.UploadedTo);
        Assert.Equal(delivery.Sha256, TestFiles.Sha256Of(ctx.ClearSky.SinkUploads["composite.tif"]));
        Assert.Equal(201, ctx.Emulator.Requests.Single(e => e.Path == CompositePath).StatusCode);
        Assert.DoesNotContain("secret-signature", result.UploadedTo, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-signature", result.ToString(), StringComparison.Ordinal);
        Assert.Equal(ctx.ClearSky.Options.Attribution, result.Attribution);
    }

    [Fact]
    public async Task Attribution_is_derived_from_the_constellations_when_clearsky_sends_none()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { Attribution = null });
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.False(result.AttributionFromProvider);
        Assert.Contains("Contains modified Copernicus Sentinel data 2024", result.Attribution, StringComparison.Ordinal);
        Assert.Contains("U.S. Geological Survey", result.Attribution, StringComparison.Ordinal);
        Assert.Equal(result.Attribution, File.ReadAllText(result.AttributionFilePath!).Trim());
        Assert.Equal(result.Attribution, result.Download!.Attribution);
    }

    [Fact]
    public async Task Without_content_disposition_the_sdk_name_is_kept()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { SendContentDisposition = false });
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Null(result.ServerFileName);
        // The shared downloader's default template: {provider}/{productId}/{assetKey}{extension}.
        Assert.Equal("composite.tif", Path.GetFileName(result.FilePath));
        Assert.StartsWith("composite-20240503-", Path.GetFileName(Path.GetDirectoryName(result.FilePath)), StringComparison.Ordinal);
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task Tile_and_minitile_downloads_reach_disk_by_guid()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var date = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var tile = await client.DownloadTileAsync(
            new ClearSkyTileRequest { TileGuid = Guid.NewGuid(), Date = date, Model = "Stratus2", SatelliteConstellations = ["Sentinel2"], Level = 2 },
            ctx.Directory, ClearSkyTestContext.FastDownload());
        var mini = await client.DownloadMiniTileAsync(
            new ClearSkyTileRequest { MiniTileGuid = Guid.NewGuid(), Date = date, Model = "Stratus2", SatelliteConstellations = ["Sentinel2"], Resolution = 20 },
            ctx.Directory, ClearSkyTestContext.FastDownload());

        var deliveries = ctx.ClearSky.Deliveries;
        Assert.Equal("/clearsky/api/satelliteimages/process/tile", deliveries[0].Endpoint);
        Assert.Equal("/clearsky/api/satelliteimages/process/minitile", deliveries[1].Endpoint);
        Assert.Equal(deliveries[0].Sha256, TestFiles.Sha256Of(tile.FilePath!));
        Assert.Equal(deliveries[1].Sha256, TestFiles.Sha256Of(mini.FilePath!));
        Assert.True(File.Exists(tile.AttributionFilePath));
    }

    [Fact]
    public async Task Tile_upload_url_mode_is_reported()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();

        var result = await client.DownloadTileAsync(
            new ClearSkyTileRequest
            {
                TileGuid = Guid.NewGuid(), Date = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), Model = "Stratus2",
                SatelliteConstellations = ["Sentinel2"], UploadUrl = ctx.ClearSky.SinkUrl("tile.tif").AbsoluteUri,
            },
            ctx.Directory);

        Assert.True(result.IsUploaded);
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(ctx.ClearSky.SinkUploads["tile.tif"]));
    }

    [Fact]
    public async Task Each_step_is_callable_on_its_own()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.ClearSky.Options.Dates[new DateOnly(2024, 5, 8)] = ClearSkyDateState.NoImagery;
        var client = ctx.Client();

        var account = await client.GetAccountInfoAsync();
        var models = await client.GetModelsAsync();
        var availability = await client.CheckAvailabilityAsync(MinimalRequest());
        var estimate = await client.EstimateAsync(MinimalRequest());
        var dates = await client.SearchAvailableDatesAsync(new ClearSkyDateSearchRequest
        {
            Aoi = Aoi.FromBoundingBox(9.88, 56.28, 10.19, 56.47),
            From = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2024, 5, 18, 0, 0, 0, TimeSpan.Zero),
        });

        Assert.Equal(2500, account.MaxCompositeAreaKm2);
        Assert.Equal(20, account.MaxTotalBands);
        var stratus = Assert.Single(models.TaskingModels, m => m.Model == "Stratus2");
        Assert.Contains(stratus.SupportedSatelliteConstellations, c => c.SatelliteConstellation == "Landsat89" && c.Optional);
        Assert.True(availability.IsReady);
        Assert.Equal([32632], availability.IntersectedActiveZonesUtmEpsg);
        Assert.Equal(ctx.ClearSky.EstimateUnits(estimate.AreaEstimateKm2!.Value, 10), estimate.CreditEstimate);
        Assert.Equal(new CostEstimate(estimate.CreditEstimate!.Value, "processing-units"), estimate.Cost);
        var dateList = dates.ModelImageDates.Single().DatesByGeog.Single().Dates;
        Assert.Equal([new DateOnly(2024, 5, 3), new DateOnly(2024, 5, 13), new DateOnly(2024, 5, 18)], dateList);
        Assert.Empty(ctx.ClearSky.Deliveries);
    }
}
