using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.Tests.AoiTests;

/// <summary>Invalid input is rejected with every problem, its location and a fix.</summary>
public class AoiValidationTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Bowtie_reports_the_self_intersection_point_and_the_crossing_edges()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromWkt("POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.SelfIntersection, problem.Code);
        Assert.Equal("polygon 0, ring 0", problem.Location);
        Assert.Contains("(0.5, 0.5)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("vertex 0 to 1", problem.Message, StringComparison.Ordinal);
        Assert.Contains("vertex 2 to 3", problem.Message, StringComparison.Ordinal);
        Assert.Contains("[polygon 0, ring 0] The ring crosses itself at (0.5, 0.5)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_crossing_of_a_ring_is_listed()
    {
        // A zig-zag whose closing edge crosses two of its edges.
        const string json = """{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,2],[3,-1],[2,2],[1,-1],[0,0]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        Assert.All(ex.Problems, p => Assert.Equal(AoiProblemCode.SelfIntersection, p.Code));
        Assert.True(ex.Problems.Count >= 2, ex.Message);
    }

    [Fact]
    public void Unclosed_ring_is_reported_with_its_first_and_last_position()
    {
        const string json = """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.UnclosedRing, problem.Code);
        Assert.Equal("polygon 0, ring 0", problem.Location);
        Assert.Contains("starts at [0, 0] but ends at [0, 1]", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Repeat the first position [0, 0]", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_short_ring_is_reported()
    {
        const string json = """{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.RingTooShort, problem.Code);
        Assert.Contains("3 position(s)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_longitude_and_latitude_are_reported_per_vertex()
    {
        const string json = """{"type":"Polygon","coordinates":[[[170,80],[190,80],[170,95],[170,80]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        Assert.Collection(
            ex.Problems,
            p =>
            {
                Assert.Equal(AoiProblemCode.LongitudeOutOfRange, p.Code);
                Assert.Equal("polygon 0, ring 0, vertex 1", p.Location);
                Assert.Contains("190", p.Message, StringComparison.Ordinal);
                Assert.Contains("antimeridian", p.Fix, StringComparison.Ordinal);
            },
            p =>
            {
                Assert.Equal(AoiProblemCode.LatitudeOutOfRange, p.Code);
                Assert.Equal("polygon 0, ring 0, vertex 2", p.Location);
                Assert.Contains("95", p.Message, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Latitude_longitude_order_is_reported_as_likely_swapped_axes()
    {
        // The EOS example polygon with each position written [lat, lon].
        const string json = """{"type":"Polygon","coordinates":[[[27.166227117387663,-104.87931347024973],[27.17371136921598,-104.87190853064376],[27.175686643908065,-104.87486446023671],[27.166227117387663,-104.87931347024973]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.LikelySwappedAxes, problem.Code);
        Assert.Equal("polygon 0, ring 0, vertex 0", problem.Location);
        Assert.Contains("[latitude, longitude]", problem.Message, StringComparison.Ordinal);
        Assert.Contains("[-104.87931347024973, 27.166227117387663]", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Projected_coordinates_are_recognised_as_metres()
    {
        // The Sentinel Hub catalog item's proj:geometry (EPSG:32633) passed by mistake.
        const string json = """{"type":"Polygon","coordinates":[[[300000.99988415383,5000039.000148304],[300000.99989785976,4890241.000124758],[352314.4884079728,4890241.000125499],[300000.99988415383,5000039.000148304]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        Assert.Contains(ex.Problems, p => p.Code == AoiProblemCode.LongitudeOutOfRange && p.Fix.Contains("projected metres", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Code == AoiProblemCode.LatitudeOutOfRange);
    }

    [Fact]
    public void Many_problems_of_one_kind_are_capped_and_summarised()
    {
        var ring = Enumerable.Range(0, 30).Select(i => $"[{200 + i},{i}]").Append("[200,0]");
        var json = $$"""{"type":"Polygon","coordinates":[[{{string.Join(",", ring)}}]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        var longitude = ex.Problems.Where(p => p.Code == AoiProblemCode.LongitudeOutOfRange).ToList();
        Assert.Equal(11, longitude.Count);
        Assert.Contains("21 more problem(s)", longitude[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collinear_ring_has_zero_area()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromWkt("POLYGON ((0 0, 1 1, 2 2, 0 0))"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.ZeroArea, problem.Code);
        Assert.Equal("polygon 0", problem.Location);
    }

    [Fact]
    public void Vertex_limit_is_configurable()
    {
        var aoi = Aoi.FromBoundingBox(0, 0, 1, 1);
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(aoi.ToGeoJson(), new AoiValidationOptions { MaxVertices = 4 }));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.TooManyVertices, problem.Code);
        Assert.Contains("more than 4 vertices (reading stopped at $.coordinates[0][4])", problem.Message, StringComparison.Ordinal);
        Assert.Contains("MaxVertices", problem.Fix, StringComparison.Ordinal);
        Assert.Equal(5, Aoi.FromGeoJson(aoi.ToGeoJson(), new AoiValidationOptions { MaxVertices = 5 }).VertexCount);
    }

    [Fact]
    public void Default_vertex_limit_is_10000()
    {
        var ring = Enumerable.Range(0, 10_001).Select(i => new Coordinate(Math.Cos(i * 2 * Math.PI / 10_001), Math.Sin(i * 2 * Math.PI / 10_001))).ToList();
        ring.Add(ring[0].Copy());
        var polygon = Factory.CreatePolygon(ring.ToArray());

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeometry(polygon));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.TooManyVertices, problem.Code);
        Assert.Contains("10,002 vertices; the limit is 10,000", problem.Message, StringComparison.Ordinal);
        Assert.Equal(10_000, AoiValidationOptions.Default.MaxVertices);
    }

    [Fact]
    public void Huge_geojson_is_stopped_at_the_vertex_limit_while_reading()
    {
        var ring = string.Join(",", Enumerable.Range(0, 500_000).Select(i => "[1,2]"));
        var json = "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.TooManyVertices, problem.Code);
        Assert.Contains("$.coordinates[0][10000]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_and_infinite_coordinates_are_reported()
    {
        var polygon = Factory.CreatePolygon(new[] { new Coordinate(0, 0), new Coordinate(double.NaN, 0), new Coordinate(1, double.PositiveInfinity), new Coordinate(0, 0) });

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeometry(polygon));

        Assert.Equal(2, ex.Problems.Count(p => p.Code == AoiProblemCode.NonFiniteCoordinate));
        Assert.Contains(ex.Problems, p => p.Location == "polygon 0, ring 0, vertex 1");
        Assert.Contains(ex.Problems, p => p.Location == "polygon 0, ring 0, vertex 2");
    }

    [Fact]
    public void Feature_collection_problems_are_all_collected_with_feature_locations()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[181,0],[1,1],[0,0]]]}},
              {"type":"Feature","properties":{},"geometry":null}
            ]}
            """;

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        Assert.Collection(
            ex.Problems,
            p => Assert.Equal((AoiProblemCode.NotPolygonal, "feature 0"), (p.Code, p.Location)),
            p => Assert.Equal((AoiProblemCode.Empty, "feature 3"), (p.Code, p.Location)),
            p => Assert.Equal((AoiProblemCode.UnclosedRing, "feature 1, polygon 0, ring 0"), (p.Code, p.Location)),
            p => Assert.Equal((AoiProblemCode.LongitudeOutOfRange, "feature 2, polygon 0, ring 0, vertex 1"), (p.Code, p.Location)));
        Assert.StartsWith("The area of interest is invalid (4 problems):", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\n  1. [feature 0] A Point is not polygonal", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\n  4. [feature 2, polygon 0, ring 0, vertex 1] Longitude 181", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Structural_and_topology_problems_of_different_polygons_are_reported_together()
    {
        const string json = """{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1]]],[[[10,10],[11,11],[11,10],[10,11],[10,10]]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        Assert.Collection(
            ex.Problems,
            p => Assert.Equal((AoiProblemCode.UnclosedRing, "polygon 0, ring 0"), (p.Code, p.Location)),
            p =>
            {
                Assert.Equal((AoiProblemCode.SelfIntersection, "polygon 1, ring 0"), (p.Code, p.Location));
                Assert.Contains("(10.5, 10.5)", p.Message, StringComparison.Ordinal);
            });
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[]}""")]
    [InlineData("""{"type":"GeometryCollection","geometries":[]}""")]
    [InlineData("""{"type":"Feature","geometry":null,"properties":null}""")]
    public void Empty_inputs_are_rejected(string json)
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        Assert.Equal(AoiProblemCode.Empty, Assert.Single(ex.Problems).Code);
    }

    [Fact]
    public void Line_string_is_not_polygonal()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromWkt("LINESTRING (0 0, 1 1)"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.NotPolygonal, problem.Code);
        Assert.Contains("buffer it", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_an_aoi_error_naming_the_json_path()
    {
        const string json = """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"1"],[0,0]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.InvalidGeoJson, problem.Code);
        Assert.Equal("$.coordinates[0][2][1]", problem.Location);
        Assert.Contains("not strings", problem.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void Truncated_json_is_an_aoi_error()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson("""{"type":"Polygon","coordinates":[[[0,0],[1,0]"""));

        Assert.Equal(AoiProblemCode.InvalidGeoJson, Assert.Single(ex.Problems).Code);
        Assert.Contains("$.coordinates[0][2]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_wkt_is_wrapped_into_an_aoi_error()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromWkt("POLYGON ((0 0, 1 0, 1 1, 0 0)"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.InvalidWkt, problem.Code);
        Assert.StartsWith("The WKT could not be read", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void Unclosed_wkt_ring_is_reported_as_unclosed()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromWkt("POLYGON ((0 0, 1 0, 1 1, 0 1))"));

        Assert.Equal(AoiProblemCode.UnclosedRing, Assert.Single(ex.Problems).Code);
    }

    [Fact]
    public void Hole_outside_the_shell_is_invalid_topology()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromWkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (5 5, 6 5, 6 6, 5 6, 5 5))"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.InvalidTopology, problem.Code);
        Assert.Contains("hole lies outside", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hole_crossing_the_shell_is_reported_with_both_rings()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromWkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (3 1, 5 1, 5 2, 3 2, 3 1))"));

        Assert.All(ex.Problems, p => Assert.Equal(AoiProblemCode.SelfIntersection, p.Code));
        Assert.Contains(ex.Problems, p => p.Message.Contains("Ring 0 and ring 1 cross at (4, 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Edge_jumping_across_the_antimeridian_is_flagged()
    {
        const string json = """{"type":"Polygon","coordinates":[[[170,0],[-170,0],[-170,10],[170,10],[170,0]]]}""";

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.AntimeridianJump, problem.Code);
        Assert.Contains("340", problem.Message, StringComparison.Ordinal);
        Assert.Contains("west > east", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Projected_srid_is_rejected()
    {
        var polygon = Factory.CreatePolygon(new[] { new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(1, 1), new Coordinate(0, 0) });
        polygon.SRID = 32633;

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeometry(polygon));

        Assert.Equal(AoiProblemCode.UnsupportedCrs, Assert.Single(ex.Problems).Code);
        Assert.Contains("32633", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounding_box_with_south_above_north_and_bad_longitude_reports_both()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromBoundingBox(-200, 10, 5, 0));

        Assert.Contains(ex.Problems, p => p.Code == AoiProblemCode.LongitudeOutOfRange && p.Location == "west");
        Assert.Contains(ex.Problems, p => p.Code == AoiProblemCode.InvalidBoundingBox && p.Fix.Contains("Swap south and north", StringComparison.Ordinal));
    }

    [Fact]
    public void Bounding_box_in_south_west_north_east_order_is_reported_as_swapped()
    {
        // Someone passed (minLat, minLon, maxLat, maxLon) for New Mexico.
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromBoundingBox(32, -106, 33, -105));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.LikelySwappedAxes, problem.Code);
        Assert.Contains("(-106, 32, -105, 33)", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 0, 1, 1, "west")]
    [InlineData(0, 0, double.PositiveInfinity, 1, "east")]
    public void Bounding_box_with_non_finite_edges_names_the_parameter(double west, double south, double east, double north, string parameter)
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromBoundingBox(west, south, east, north));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(AoiProblemCode.NonFiniteCoordinate, problem.Code);
        Assert.Equal(parameter, problem.Location);
    }

    [Fact]
    public void Bounding_box_with_zero_width_is_rejected()
    {
        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromBoundingBox(5, 0, 5, 1));

        Assert.Equal(AoiProblemCode.ZeroArea, Assert.Single(ex.Problems).Code);
    }

    [Fact]
    public void Options_below_the_minimum_are_rejected_as_argument_errors()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Aoi.FromBoundingBox(0, 0, 1, 1, new AoiValidationOptions { MaxVertices = 3 }));

        Assert.Equal("MaxVertices", ex.ParamName);
    }

    [Fact]
    public void Json_nesting_depth_is_limited()
    {
        var json = string.Concat(Enumerable.Repeat("""{"type":"GeometryCollection","geometries":[""", 40)) + string.Concat(Enumerable.Repeat("]}", 40));

        var ex = Assert.Throws<AoiValidationException>(() => Aoi.FromGeoJson(json));

        Assert.Equal(AoiProblemCode.InvalidGeoJson, Assert.Single(ex.Problems).Code);
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
