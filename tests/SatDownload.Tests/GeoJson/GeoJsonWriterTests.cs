using System.Text.Json;
using NetTopologySuite.Geometries;
using SatDownload.GeoJson;

namespace SatDownload.Tests.GeoJson;

public class GeoJsonWriterTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static Polygon ClockwiseSquareWithCounterClockwiseHole() => Factory.CreatePolygon(
        Factory.CreateLinearRing(new[] { new Coordinate(0, 0), new Coordinate(0, 4), new Coordinate(4, 4), new Coordinate(4, 0), new Coordinate(0, 0) }),
        new[] { Factory.CreateLinearRing(new[] { new Coordinate(1, 1), new Coordinate(2, 1), new Coordinate(2, 2), new Coordinate(1, 2), new Coordinate(1, 1) }) });

    [Fact]
    public void Polygons_are_written_with_rfc7946_winding()
    {
        var json = GeoJsonWriter.Write(ClockwiseSquareWithCounterClockwiseHole());

        Assert.Equal("""{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]}""", json);
    }

    [Fact]
    public void Winding_can_be_left_as_is()
    {
        var json = GeoJsonWriter.Write(ClockwiseSquareWithCounterClockwiseHole(), new GeoJsonWriterOptions { EnforceRfc7946Winding = false });

        Assert.Equal("""{"type":"Polygon","coordinates":[[[0,0],[0,4],[4,4],[4,0],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]}""", json);
    }

    [Fact]
    public void Bounding_box_is_written_on_request()
    {
        var json = GeoJsonWriter.Write(Factory.CreatePoint(new Coordinate(1.5, -2)), new GeoJsonWriterOptions { WriteBoundingBox = true });

        Assert.Equal("""{"type":"Point","bbox":[1.5,-2,1.5,-2],"coordinates":[1.5,-2]}""", json);
    }

    [Fact]
    public void Numbers_use_the_shortest_round_trip_text()
    {
        var point = Factory.CreatePoint(new Coordinate(0.1 + 0.2, 14.000701904296873));

        var json = GeoJsonWriter.Write(point);

        Assert.Equal("""{"type":"Point","coordinates":[0.30000000000000004,14.000701904296873]}""", json);
        Assert.Equal(point.Coordinate, GeoJsonReader.ReadGeometry(json).Coordinate);
    }

    [Fact]
    public void Non_finite_coordinates_cannot_be_written()
    {
        var point = Factory.CreatePoint(new Coordinate(double.NaN, 1));

        var ex = Assert.Throws<JsonException>(() => GeoJsonWriter.Write(point));

        Assert.Contains("not a finite number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_collection_is_written_with_one_feature_per_geometry()
    {
        var json = GeoJsonWriter.WriteFeatureCollection(new Geometry?[] { Factory.CreatePoint(new Coordinate(1, 2)), null });

        Assert.Equal("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}},{"type":"Feature","geometry":null,"properties":{}}]}""", json);
        var back = GeoJsonReader.ReadGeometries(json);
        Assert.Equal(2, back.Count);
        Assert.Null(back[1]);
    }
}
