using System.Text.Json;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Serialization;
using SatDownload.Iceye.Tests.TestData;

namespace SatDownload.Iceye.Tests.Models;

public class FoundingDocumentExamplesTests
{
    [Theory]
    [InlineData("products-all.json")]
    [InlineData("products-by-type-grd-cog.json")]
    public void Both_product_examples_parse_with_every_documented_field(string file)
    {
        var page = JsonSerializer.Deserialize(TestFiles.Read(file), IceyeJsonContext.Default.IceyePageIceyeProduct)!;

        Assert.Equal(string.Empty, page.Cursor);
        Assert.False(page.HasMore);
        var product = Assert.Single(page.Data);
        Assert.Equal("a91ccf1b-bbf1-4775-ba1d-2003cada8d32", product.Id);
        Assert.Equal("Feature", product.Type);
        Assert.Equal("1.0.0-beta.1", product.StacVersion);
        Assert.Equal(string.Empty, product.Collection);
        Assert.Equal(new[] { -54.741608, -17.12643, -54.339348, -16.480421 }, product.BoundingBox);
        Assert.Equal("Polygon", product.Geometry!.Value.GetProperty("type").GetString());
        Assert.Equal(5, product.Geometry.Value.GetProperty("coordinates")[0].GetArrayLength());

        var p = product.Properties;
        Assert.Equal(DateTimeOffset.Parse("2024-12-13T13:17:53.487Z", System.Globalization.CultureInfo.InvariantCulture), p.Created);
        Assert.Equal(p.Created, p.Updated);
        Assert.Equal(new DateTimeOffset(2024, 12, 13, 12, 58, 22, TimeSpan.Zero).AddTicks(1092650), p.StartDateTime);
        Assert.Equal(new DateTimeOffset(2024, 12, 13, 12, 58, 32, TimeSpan.Zero).AddTicks(852880), p.EndDateTime);
        Assert.Equal("4407788_1", p.FrameId);
        Assert.Equal(IceyeProductType.Grd, p.ProductType);
        Assert.Equal("stripmap", p.AcquisitionMode);
        Assert.Equal("SM", p.ProcessingMode);
        Assert.Equal(3, p.AzimuthResolution);
        Assert.Equal(116000000, p.ChirpBandwidth);
        Assert.Equal("native", p.DataOrientation);
        Assert.Equal(33.347347, p.IncidenceCenter);
        Assert.Equal(34.61296, p.IncidenceFar);
        Assert.Equal(32.04998, p.IncidenceNear);
        Assert.Equal(2.47, p.RangeResolutionCenter);
        Assert.Equal(2.39, p.RangeResolutionFar);
        Assert.Equal(2.56, p.RangeResolutionNear);
        Assert.Equal(30.35, p.SatelliteLookAngle);
        Assert.Equal("X", p.FrequencyBand);
        Assert.Equal(1, p.LooksAzimuth);
        Assert.Equal(1, p.LooksRange);
        Assert.Equal("left", p.ObservationDirection);
        Assert.Equal(new[] { "VV" }, p.Polarizations);
        Assert.Equal("descending", p.OrbitState);
        Assert.Null(p.AdditionalProperties);

        Assert.Equal(
            new[] { "grd-tif", "grd-xml", "quicklook-kml", "quicklook-png", "quickortho-kmz", "quickortho-tif", "thumbnail-json", "thumbnail-kml", "thumbnail-png" },
            product.Assets.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var tif = product.Assets["grd-tif"];
        Assert.Equal(new Uri("https://XXXXXXXXXXXX.cloudfront.net/XXXX/XXXX"), tif.Href);
        Assert.Equal("GRD data file", tif.Title);
        Assert.Equal("image/tiff; application=geotiff", tif.MediaType);
        Assert.Equal("application/vnd.google-earth.kmz", product.Assets["quickortho-kmz"].MediaType);
        Assert.Null(product.AdditionalProperties);
    }

    [Fact]
    public void By_type_example_carries_roles_and_thumbnail_corners()
    {
        var page = JsonSerializer.Deserialize(TestFiles.Read("products-by-type-grd-cog.json"), IceyeJsonContext.Default.IceyePageIceyeProduct)!;
        var assets = page.Data[0].Assets;

        Assert.Equal(new[] { "metadata" }, assets["thumbnail-json"].Roles);
        Assert.Equal(new[] { "metadata" }, assets["thumbnail-kml"].Roles);
        Assert.Equal(new[] { "thumbnail" }, assets["thumbnail-png"].Roles);
        Assert.Null(assets["grd-tif"].Roles);
        var corners = assets["thumbnail-png"].Coordinates!;
        Assert.Equal(new[] { 24.88545, 60.21952 }, corners.TopLeft);
        Assert.Equal(new[] { 24.98545, 60.21952 }, corners.TopRight);
        Assert.Equal(new[] { 24.88545, 60.11952 }, corners.BottomLeft);
        Assert.Equal(new[] { 24.98545, 60.11952 }, corners.BottomRight);
    }

    [Fact]
    public void Unknown_fields_and_values_are_tolerated_and_kept()
    {
        const string json = """
            {"cursor":"abc","future":1,"data":[{"id":"p1","assets":{"sicd-ntf":{"href":"https://x.example/a","type":"application/vnd.nitf","size":12}},
             "properties":{"sar:product_type":"SIDD-NEW","iceye:new_thing":"v"}}]}
            """;
        var page = JsonSerializer.Deserialize(json, IceyeJsonContext.Default.IceyePageIceyeProduct)!;

        Assert.True(page.HasMore);
        var product = page.Data[0];
        Assert.Equal("SIDD-NEW", product.Properties.ProductType!.Value.Value);
        Assert.Equal("v", product.Properties.AdditionalProperties!["iceye:new_thing"].GetString());
        Assert.Equal(12, product.Assets["sicd-ntf"].AdditionalProperties!["size"].GetInt32());
        Assert.Null(product.GetFootprint());
    }

    [Fact]
    public void An_unreadable_geometry_gives_no_footprint_instead_of_failing_the_listing()
    {
        const string json = """{"cursor":"","data":[{"id":"p1","geometry":{"type":"Polygon","coordinates":"oops"},"assets":{}}]}""";

        var page = JsonSerializer.Deserialize(json, IceyeJsonContext.Default.IceyePageIceyeProduct)!;

        Assert.Null(page.Data[0].GetFootprint());
    }

    [Fact]
    public void Task_object_parses_documented_fields_and_keeps_unknown_ones()
    {
        const string json = """
            {"id":"t-1","contractID":"c-1","status":"FULFILLED","imagingMode":"SPOTLIGHT",
             "pointOfInterest":{"lat":60.1,"lon":24.9},"acquisitionWindow":{"start":"2026-11-22T00:00:00Z","end":"2026-11-24T00:00:00Z"},
             "createdAt":"2026-11-21T05:00:00Z","updatedAt":"2026-11-21T06:00:00Z","reference":"r","lookSide":"LEFT","passDirection":"ANY",
             "priority":"COMMERCIAL","sla":"SLA_12H","productTypes":["SICD"],"incidenceAngle":{"min":20,"max":35},"somethingNew":true}
            """;
        var task = JsonSerializer.Deserialize(json, IceyeJsonContext.Default.IceyeTaskInfo)!;

        Assert.Equal("t-1", task.Id);
        Assert.Equal("c-1", task.ContractId);
        Assert.Equal(IceyeTaskStatus.Fulfilled, task.Status);
        Assert.Equal(IceyeImagingMode.Spotlight, task.ImagingMode);
        Assert.Equal(60.1, task.PointOfInterest!.Latitude);
        Assert.Equal(TimeSpan.FromDays(2), task.AcquisitionWindow!.Duration);
        Assert.Equal(IceyeLookSide.Left, task.LookSide);
        Assert.Equal(IceyePassDirection.Any, task.PassDirection);
        Assert.Equal(IceyePriority.Commercial, task.Priority);
        Assert.Equal("SLA_12H", task.Sla);
        Assert.Equal(new[] { IceyeProductType.Sicd }, task.ProductTypes);
        Assert.Equal(35, task.IncidenceAngle!.Maximum);
        Assert.Null(task.Eula);
        Assert.True(task.AdditionalProperties!["somethingNew"].GetBoolean());
    }

    [Fact]
    public void Create_request_writes_wire_names_and_omits_unset_optional_fields()
    {
        var request = new IceyeCreateTaskRequest
        {
            ContractId = "c-1",
            PointOfInterest = new IceyePointOfInterest(60.1, 24.9),
            AcquisitionWindow = new IceyeAcquisitionWindow(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)),
            ImagingMode = IceyeImagingMode.Spotlight,
            ProductTypes = new List<IceyeProductType> { IceyeProductType.Sicd },
        };

        var json = JsonSerializer.Serialize(request, IceyeJsonContext.Default.IceyeCreateTaskRequest);

        Assert.Equal(
            """{"contractID":"c-1","pointOfInterest":{"lat":60.1,"lon":24.9},"acquisitionWindow":{"start":"2026-11-22T00:00:00+00:00","end":"2026-11-24T00:00:00+00:00"},"imagingMode":"SPOTLIGHT","productTypes":["SICD"]}""",
            json);
    }
}
