using NetTopologySuite.Geometries;
using SatDownload.Capella.Tests.Support;

namespace SatDownload.Capella.Tests.Products;

public class AoiTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static Polygon Box(double w, double s, double e, double n) => Factory.CreatePolygon(new[]
    {
        new Coordinate(w, s), new Coordinate(e, s), new Coordinate(e, n), new Coordinate(w, n), new Coordinate(w, s),
    });

    [Fact]
    public async Task Create_list_get_update_delete()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.ApiKeyClient();

        var created = await client.CreateAoiAsync(Box(10, 50, 10.5, 50.5), new CapellaAoiOptions { Name = "Port", Description = "monitoring" });
        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal("Port", created.Name);
        Assert.Equal(true, created.Properties!.Active);
        Assert.Equal("Polygon", created.Geometry!.Value.GetProperty("type").GetString());
        var body = host.Emulator.Requests.Single(r => r.Method == "POST").RequestBody!;
        Assert.Contains("\"type\":\"Feature\"", body, StringComparison.Ordinal);
        Assert.Contains("[10,50]", body, StringComparison.Ordinal);

        var listed = await client.GetAoisAsync().CollectAsync();
        Assert.Equal(created.Id, Assert.Single(listed).Id);

        var updated = await client.UpdateAoiAsync(created.Id!, new CapellaAoiOptions { Name = "Harbour", Active = false });
        Assert.Equal("Harbour", updated.Name);
        Assert.Equal("monitoring", updated.Properties!.Description);
        Assert.Equal(false, updated.Properties.Active);
        Assert.Equal("Harbour", (await client.GetAoiAsync(created.Id!)).Name);

        await client.DeleteAoiAsync(created.Id!);
        var gone = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetAoiAsync(created.Id!));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task An_aoi_from_geojson_is_created_as_a_feature()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var aoi = SatDownload.Aoi.FromGeoJson("""{"type":"Polygon","coordinates":[[[12.4,41.8],[12.6,41.8],[12.6,42.0],[12.4,42.0],[12.4,41.8]]]}""");

        var created = await host.ApiKeyClient().CreateAoiAsync(aoi, new CapellaAoiOptions { Name = "Rome" });

        Assert.Equal("Rome", created.Name);
        Assert.Equal(5, created.Geometry!.Value.GetProperty("coordinates")[0].GetArrayLength());
    }

    [Fact]
    public async Task A_clockwise_ring_is_written_counter_clockwise_as_rfc7946_asks()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var clockwise = Factory.CreatePolygon(new[] { new Coordinate(0, 0), new Coordinate(0, 1), new Coordinate(1, 1), new Coordinate(1, 0), new Coordinate(0, 0) });

        await host.ApiKeyClient().CreateAoiAsync(clockwise, new CapellaAoiOptions { Name = "cw" });

        var body = Assert.Single(host.Emulator.Requests).RequestBody!;
        Assert.Contains("[[0,0],[1,0],[1,1],[0,1],[0,0]]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipolygon_and_antimeridian_aois_are_rejected_before_any_request()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.ApiKeyClient();
        var multi = SatDownload.Aoi.FromWkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAoiAsync(multi, new CapellaAoiOptions { Name = "two" }));
        Assert.Contains("one AOI per polygon", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.Emulator.Requests);
    }

    [Fact]
    public async Task Bad_aois_are_rejected_before_any_request()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.ApiKeyClient();

        var noName = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAoiAsync(Box(0, 0, 1, 1), new CapellaAoiOptions()));
        Assert.Contains("Name is required", noName.Message, StringComparison.Ordinal);

        var bowtie = Factory.CreatePolygon(new[] { new Coordinate(0, 0), new Coordinate(1, 1), new Coordinate(1, 0), new Coordinate(0, 1), new Coordinate(0, 0) });
        var invalid = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAoiAsync(bowtie, new CapellaAoiOptions { Name = "x" }));
        Assert.Equal("polygon", invalid.ParamName);

        var outside = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAoiAsync(Box(500000, 4000000, 500100, 4000100), new CapellaAoiOptions { Name = "utm" }));
        Assert.Contains("EPSG:4326", outside.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateAoiAsync("id", new CapellaAoiOptions { Name = " " }));
        Assert.Empty(host.Emulator.Requests);
    }
}
