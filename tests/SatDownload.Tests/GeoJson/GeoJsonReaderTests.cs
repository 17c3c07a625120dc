using System.Text.Json;
using NetTopologySuite.Geometries;
using SatDownload.GeoJson;

namespace SatDownload.Tests.GeoJson;

public class GeoJsonReaderTests
{
    [Theory]
    [InlineData("""{"type":"Point","coordinates":[100,0]}""", typeof(Point))]
    [InlineData("""{"type":"LineString","coordinates":[[100,0],[101,1]]}""", typeof(LineString))]
    [InlineData("""{"type":"Polygon","coordinates":[[[100,0],[101,0],[101,1],[100,1],[100,0]],[[100.8,0.8],[100.8,0.2],[100.2,0.2],[100.2,0.8],[100.8,0.8]]]}""", typeof(Polygon))]
    [InlineData("""{"type":"MultiPoint","coordinates":[[100,0],[101,1]]}""", typeof(MultiPoint))]
    [InlineData("""{"type":"MultiLineString","coordinates":[[[100,0],[101,1]],[[102,2],[103,3]]]}""", typeof(MultiLineString))]
    [InlineData("""{"type":"MultiPolygon","coordinates":[[[[102,2],[103,2],[103,3],[102,3],[102,2]]],[[[100,0],[101,0],[101,1],[100,1],[100,0]],[[100.2,0.2],[100.2,0.8],[100.8,0.8],[100.8,0.2],[100.2,0.2]]]]}""", typeof(MultiPolygon))]
    [InlineData("""{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[100,0]},{"type":"LineString","coordinates":[[101,0],[102,1]]}]}""", typeof(GeometryCollection))]
    public void Rfc7946_examples_of_all_seven_types_round_trip(string json, Type expected)
    {
        var geometry = GeoJsonReader.ReadGeometry(json);

        Assert.IsType(expected, geometry);
        Assert.Equal(4326, geometry.SRID);
        Assert.Equal(json, GeoJsonWriter.Write(geometry));
    }

    [Fact]
    public void Members_may_come_in_any_order_and_unknown_members_are_skipped()
    {
        const string json = """
            {
              "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
              "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC::CRS84"}},
              "bbox": [0, 0, 1, 1],
              "extra": [1, {"nested": [true, null]}, "text"],
              // comments are tolerated
              "type": "Polygon"
            }
            """;

        var polygon = Assert.IsType<Polygon>(GeoJsonReader.ReadGeometry(json));

        Assert.Equal(4, polygon.NumPoints);
        Assert.Equal(0.5, polygon.Area, 12);
    }

    [Fact]
    public void Elevation_is_kept_and_extra_position_elements_are_ignored()
    {
        var line = GeoJsonReader.ReadGeometry("""{"type":"LineString","coordinates":[[1,2,3],[4,5,6,7]]}""");

        Assert.Equal(3, line.Coordinates[0].Z);
        Assert.Equal(6, line.Coordinates[1].Z);
        Assert.Equal("""{"type":"LineString","coordinates":[[1,2,3],[4,5,6]]}""", GeoJsonWriter.Write(line));
    }

    [Fact]
    public void Empty_geometries_are_read_and_written_with_empty_coordinates()
    {
        var point = GeoJsonReader.ReadGeometry("""{"type":"Point","coordinates":[]}""");
        var polygon = GeoJsonReader.ReadGeometry("""{"type":"Polygon","coordinates":[]}""");

        Assert.True(point.IsEmpty);
        Assert.True(polygon.IsEmpty);
        Assert.Equal("""{"type":"Point","coordinates":[]}""", GeoJsonWriter.Write(point));
        Assert.Equal("""{"type":"Polygon","coordinates":[]}""", GeoJsonWriter.Write(polygon));
    }

    [Fact]
    public void Feature_collection_geometries_are_read_in_order_with_null_geometries()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":7,"properties":{"name":"a","geometry":"not this one"},"geometry":{"type":"Point","coordinates":[1,2]}},
              {"type":"Feature","properties":null,"geometry":null},
              {"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"type":"Feature"}
            ]}
            """;

        var geometries = GeoJsonReader.ReadGeometries(json);

        Assert.Equal(3, geometries.Count);
        Assert.IsType<Point>(geometries[0]);
        Assert.Null(geometries[1]);
        Assert.IsType<LineString>(geometries[2]);
    }

    [Fact]
    public void Error_path_names_the_feature_and_coordinate()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0]]]}}
            ]}
            """;

        var ex = Assert.Throws<JsonException>(() => GeoJsonReader.ReadGeometries(json));

        Assert.Equal("$.features[2].geometry.coordinates[0][3]", ex.Path);
        Assert.StartsWith("Invalid GeoJSON at $.features[2].geometry.coordinates[0][3]: a position needs at least two numbers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_for_number_is_rejected_naming_the_path()
    {
        var ex = Assert.Throws<JsonException>(() => GeoJsonReader.ReadGeometry("""{"type":"Point","coordinates":[1,"2"]}"""));

        Assert.Equal("$.coordinates[1]", ex.Path);
        Assert.Contains("expected a number but found the string \"2\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[NaN,0]}""", "$.coordinates[0]")]
    [InlineData("""{"type":"Point","coordinates":[1e400,0]}""", "$.coordinates[0]")]
    [InlineData("""{"type":"Point","coordinates":[1,2],}""", "$")]
    public void Non_finite_numbers_and_invalid_json_are_rejected(string json, string path)
    {
        var ex = Assert.Throws<JsonException>(() => GeoJsonReader.ReadGeometry(json));

        Assert.Equal(path, ex.Path);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}""", "$.coordinates[0]", "expected an array of positions for a Polygon but found a position")]
    [InlineData("""{"type":"Point","coordinates":[[0,0]]}""", "$.coordinates", "expected a position [longitude, latitude] for a Point but found a nested array")]
    [InlineData("""{"type":"LineString","coordinates":[[0,0],[[1,1]]]}""", "$.coordinates[1]", "expected a position [longitude, latitude] for a LineString but found a nested array")]
    [InlineData("""{"type":"LineString","coordinates":[[0,0],[1,[1]]]}""", "$.coordinates[1][1]", "expected a number but found an array")]
    [InlineData("""{"type":"LineString","coordinates":[[0,0],5]}""", "$.coordinates[1]", "expected an array like the elements before it")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}""", "$.coordinates[0][0]", "expected an array of positions for a MultiPolygon but found a position")]
    public void Wrong_nesting_depth_is_rejected_naming_the_path(string json, string path, string message)
    {
        var ex = Assert.Throws<JsonException>(() => GeoJsonReader.ReadGeometry(json));

        Assert.Equal(path, ex.Path);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"coordinates":[1,2]}""", "$", "no \"type\" member")]
    [InlineData("""{"type":"Circle","coordinates":[1,2]}""", "$.type", "unknown type \"Circle\"")]
    [InlineData("""{"type":"multipolygon","coordinates":[]}""", "$.type", "case-sensitive, use \"MultiPolygon\"")]
    [InlineData("""{"type":"Polygon"}""", "$", "a Polygon needs a \"coordinates\" array")]
    [InlineData("""{"type":"GeometryCollection","geometries":[{"type":"Feature","geometry":null}]}""", "$.geometries[0]", "expected a geometry inside a GeometryCollection")]
    [InlineData("""{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}""", "$", "use GeoJsonReader.ReadGeometries")]
    [InlineData("""[1,2]""", "$", "expected a GeoJSON object")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""", "$.coordinates[0]", "the polygon ring is not closed")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}""", "$.coordinates[0]", "needs at least four positions")]
    [InlineData("""{"type":"LineString","coordinates":[[0,0]]}""", "$.coordinates", "at least two positions")]
    [InlineData("""{"type":"Point","coordinates":[1,2],"bbox":[1,2,3]}""", "$.bbox", "a bbox has 4 numbers")]
    [InlineData("""{"type":"Point","coordinates":[1,2]} {}""", "$", "after")]
    public void Structural_errors_name_the_path_and_what_was_expected(string json, string path, string message)
    {
        var ex = Assert.Throws<JsonException>(() => GeoJsonReader.ReadGeometry(json));

        Assert.Equal(path, ex.Path);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_rejected_by_the_depth_limit()
    {
        var json = string.Concat(Enumerable.Repeat("""{"type":"GeometryCollection","geometries":[""", 100)) + string.Concat(Enumerable.Repeat("]}", 100));

        var ex = Assert.Throws<JsonException>(() => GeoJsonReader.ReadGeometry(json));

        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reader_uses_the_given_factory()
    {
        var factory = new GeometryFactory(new PrecisionModel(1000), 4326);

        var point = GeoJsonReader.ReadGeometry("""{"type":"Point","coordinates":[1.23456,2]}""", factory);

        Assert.Same(factory, point.Factory);
    }
}
