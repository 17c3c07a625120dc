using System.Text.Json;
using System.Text.Json.Nodes;
using SatDownload.ClearSky.Serialization;
using SatDownload.ClearSky.Tests.TestSupport;

namespace SatDownload.ClearSky.Tests.Models;

/// <summary>The wire models read the founding document's example and ClearSKY's documented shapes, and keep unknown fields.</summary>
public sealed class WireModelTests
{
    [Fact]
    public void Founding_document_minimal_body_parses_and_round_trips_unchanged()
    {
        var text = TestFiles.Read("minimal-composite.json");

        var request = JsonSerializer.Deserialize(text, ClearSkyJsonContext.Default.ClearSkyCompositeRequest)!;
        var written = JsonSerializer.Serialize(request, ClearSkyJsonContext.Default.ClearSkyCompositeRequest);

        Assert.StartsWith("POLYGON ((9.877893206725581 56.47856668238974", request.Wkt, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), request.Date);
        Assert.Equal(10, request.Resolution);
        Assert.Equal(32632, request.EpsgProjection);
        Assert.Equal("Stratus2", request.Model);
        Assert.Equal(["Sentinel1", "Sentinel2", "Landsat89"], request.SatelliteConstellations);
        Assert.Equal("all", request.Bandnames);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Envelopes_with_documented_fields_and_unknown_ones_parse()
    {
        const string availability = """{"Succeeded":true,"Error":null,"Data":{"IntersectedActiveZones":["z1"],"IntersectedActiveZonesUtmEpsg":[32632],"FullyAvailable":true,"UncertaintyAvailable":false,"PartiallyAvailable":true,"PartiallyUncertaintyAvailable":false,"PolygonInDataArea":true,"DataAvailableForUser":true,"DataOnZoneDataFrequencyDate":true,"AllImagesPredicted":true,"AnyImageWithinStorageMonths":true,"OrdersCoverPolygon":true,"Future":1}}""";
        const string estimate = """{"Succeeded":true,"Error":null,"Data":{"AreaEstimateKm2":441.5,"CreditEstimate":22.08,"EstimatedSeconds":12}}""";
        const string renamed = """{"Succeeded":true,"Data":{"AreaEstimateKm2":1,"ProcessingUnits":"3.5"}}""";
        const string account = """{"Succeeded":true,"Data":{"TenantId":"t","MaxConcurrentConnections":4,"MaxCompositeAreaKm2":2500.0,"MaxTotalBands":20,"EuroOverdraftLimit":0,"EuroBalanceCap":5000}}""";
        const string models = """{"Succeeded":true,"Data":{"TaskingModels":[{"Model":"Stratus2","SupportedSatelliteConstellations":[{"SatelliteConstellation":"Sentinel1","Optional":true}]}]}}""";
        const string dates = """{"Succeeded":true,"Data":{"ModelImageDates":[{"Model":"Stratus2","SatelliteConstellations":["Sentinel2"],"DatesByGeog":[{"Wkt":"POLYGON EMPTY","Dates":["2024-05-03"]}]}]}}""";

        var a = JsonSerializer.Deserialize(availability, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyAvailability)!.Data!;
        var e = JsonSerializer.Deserialize(estimate, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyEstimate)!.Data!;
        var r = JsonSerializer.Deserialize(renamed, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyEstimate)!.Data!;
        var i = JsonSerializer.Deserialize(account, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyAccountInfo)!.Data!;
        var m = JsonSerializer.Deserialize(models, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyTaskingModels)!.Data!;
        var d = JsonSerializer.Deserialize(dates, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyDateSearchResult)!.Data!;

        Assert.True(a.IsReady);
        Assert.Equal(1, a.AdditionalProperties!["Future"].GetInt32());
        Assert.Equal(new CostEstimate(22.08m, ClearSkyEstimate.CostUnit), e.Cost);
        Assert.True(e.AdditionalProperties!.ContainsKey("EstimatedSeconds"));
        Assert.Equal(3.5m, r.ProcessingUnitCost);
        Assert.Equal(2500, i.MaxCompositeAreaKm2);
        Assert.True(m.TaskingModels[0].SupportedSatelliteConstellations[0].Optional);
        Assert.Equal(new DateOnly(2024, 5, 3), d.ModelImageDates[0].DatesByGeog[0].Dates[0]);
    }

    [Fact]
    public void Request_to_string_hides_the_upload_url()
    {
        var request = new ClearSkyCompositeRequest { Model = "Stratus2", UploadUrl = "https://bucket.example/x.tif?X-Amz-Signature=abc" };

        Assert.DoesNotContain("X-Amz-Signature", request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Attribution_is_derived_per_constellation()
    {
        Assert.Equal("Contains modified Copernicus Sentinel data 2024. Processed by ClearSKY Vision.", ClearSkyAttribution.FromConstellations(["Sentinel2"], 2024));
        Assert.Equal("Landsat data courtesy of the U.S. Geological Survey (2023). Processed by ClearSKY Vision.", ClearSkyAttribution.FromConstellations(["Landsat89"], 2023));
        Assert.Contains("Copernicus", ClearSkyAttribution.FromConstellations(["Sentinel1", "Landsat89"], 2024), StringComparison.Ordinal);
        Assert.Contains("U.S. Geological Survey", ClearSkyAttribution.FromConstellations(["Sentinel1", "Landsat89"], 2024), StringComparison.Ordinal);
    }
}
