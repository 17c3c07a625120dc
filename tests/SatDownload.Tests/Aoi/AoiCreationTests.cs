using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace SatDownload.Tests.AoiTests;

/// <summary>Creation from each input form, normalisation, the antimeridian, the poles and round trips.</summary>
public class AoiCreationTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Bounding_box_across_the_antimeridian_becomes_two_polygons()
    {
        var aoi = Aoi.FromBoundingBox(170, -10, -170, 10);

        Assert.True(aoi.CrossesAntimeridian);
        Assert.True(aoi.IsMultiPolygon);
        Assert.Equal(2, aoi.Polygons.Count);
        Assert.Equal(new BoundingBox(170, -10, -170, 10), aoi.BoundingBox);
        Assert.Equal(20, aoi.BoundingBox.Width);
        Assert.Equal(20, aoi.BoundingBox.Height);
        Assert.Equal("""{"type":"MultiPolygon","coordinates":[[[[170,-10],[180,-10],[180,10],[170,10],[170,-10]]],[[[-180,-10],[-170,-10],[-170,10],[-180,10],[-180,-10]]]]}""", aoi.ToGeoJson());
    }

    [Fact]
    public void Antimeridian_box_has_the_area_and_centre_of_the_same_box_elsewhere()
    {
        var crossing = Aoi.FromBoundingBox(170, -10, -170, 10);
        var greenwich = Aoi.FromBoundingBox(-10, -10, 10, 10);

        Assert.Equal(greenwich.AreaSquareKilometers, crossing.AreaSquareKilometers, 6);
        Assert.Equal(180, Math.Abs(crossing.Centroid.X), 9);
        Assert.Equal(0, crossing.Centroid.Y, 9);
        Assert.Equal(32601, crossing.UtmEpsgCode); // 180° is the western edge of zone 1
    }

    [Fact]
    public void Antimeridian_box_with_the_centre_west_of_180_picks_zone_60()
    {
        var aoi = Aoi.FromBoundingBox(175, -20, -179, -15);

        Assert.Equal(178, aoi.Centroid.X, 9);
        Assert.Equal(32760, aoi.UtmEpsgCode);
    }

    [Fact]
    public void Box_starting_exactly_at_180_is_a_single_polygon_at_minus_180()
    {
        var aoi = Aoi.FromBoundingBox(180, 0, -170, 10);

        Assert.False(aoi.IsMultiPolygon);
        Assert.Equal(new BoundingBox(-180, 0, -170, 10), aoi.BoundingBox);
        Assert.False(aoi.CrossesAntimeridian);
    }

    [Fact]
    public void GeoJson_multipolygon_split_at_the_antimeridian_gets_a_wrapping_bounding_box()
    {
        const string json = """{"type":"MultiPolygon","coordinates":[[[[-180,60],[-175,60],[-175,65],[-180,65],[-180,60]]],[[[178,61],[180,61],[180,64],[178,64],[178,61]]]]}""";

        var aoi = Aoi.FromGeoJson(json);

        Assert.True(aoi.CrossesAntimeridian);
        Assert.Equal(new BoundingBox(178, 60, -175, 65), aoi.BoundingBox);
        Assert.Equal(7, aoi.BoundingBox.Width);
    }

    [Fact]
    public void Separate_parts_far_apart_keep_an_ordinary_bounding_box()
    {
        var aoi = Aoi.FromWkt("MULTIPOLYGON (((-100 0, -99 0, -99 1, -100 0)), ((100 0, 101 0, 101 1, 100 0)))");

        Assert.False(aoi.CrossesAntimeridian);
        Assert.Equal(new BoundingBox(-100, 0, 101, 1), aoi.BoundingBox);
    }

    [Fact]
    public void Area_around_the_north_pole_is_accepted()
    {
        var aoi = Aoi.FromGeoJson("""{"type":"Polygon","coordinates":[[[-180,85],[-90,85],[0,85],[90,85],[180,85],[180,90],[-180,90],[-180,85]]]}""");

        Assert.Equal(new BoundingBox(-180, 85, 180, 90), aoi.BoundingBox);
        Assert.InRange(aoi.AreaSquareKilometers, 970_000, 985_000);
        Assert.Equal(32631, aoi.UtmEpsgCode);
    }

    [Fact]
    public void Area_near_the_south_pole_is_in_the_southern_hemisphere()
    {
        var aoi = Aoi.FromBoundingBox(-60, -90, -30, -80);

        Assert.Equal(32723, aoi.UtmEpsgCode); // centroid at -45°: zone 23 south
        Assert.True(aoi.Centroid.Y < -80);
    }

    [Fact]
    public void Rings_are_normalised_to_rfc7946_winding()
    {
        // Exterior clockwise, hole counter-clockwise: both the wrong way round.
        const string json = """{"type":"Polygon","coordinates":[[[0,0],[0,4],[4,4],[4,0],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]}""";

        var polygon = (Polygon)Aoi.FromGeoJson(json).Geometry;

        Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence));
        Assert.False(Orientation.IsCCW(polygon.Holes[0].CoordinateSequence));
    }

    [Fact]
    public void Polygon_with_holes_and_multipolygons_are_valid()
    {
        var aoi = Aoi.FromWkt("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2), (6 6, 8 6, 8 8, 6 8, 6 6)), ((20 20, 21 20, 21 21, 20 20)))");

        Assert.True(aoi.IsMultiPolygon);
        Assert.Equal(2, aoi.Polygons[0].NumInteriorRings);
        Assert.Equal(19, aoi.VertexCount); // 3 rings of 5 plus a triangle of 4
    }

    [Fact]
    public void Feature_collection_polygons_are_unioned()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"field":"north"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}},
              {"type":"Feature","properties":{"field":"overlap"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[3,1],[3,3],[1,3],[1,1]]]}},
              {"type":"Feature","properties":{"field":"far"},"geometry":{"type":"MultiPolygon","coordinates":[[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]}}
            ]}
            """;

        var aoi = Aoi.FromGeoJson(json);

        Assert.True(aoi.IsMultiPolygon);
        Assert.Equal(2, aoi.Polygons.Count);
        var overlapUnion = aoi.Polygons.Single(p => p.EnvelopeInternal.MinX == 0);
        Assert.Equal(7, overlapUnion.Area, 9); // 4 + 4 - 1 in square degrees
        Assert.Equal(new BoundingBox(0, 0, 11, 11), aoi.BoundingBox);
        Assert.True(aoi.Geometry.IsValid);
    }

    [Fact]
    public void Feature_collection_of_adjacent_fields_becomes_one_polygon()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}
            ]}
            """;

        var aoi = Aoi.FromGeoJson(json);

        Assert.False(aoi.IsMultiPolygon);
        Assert.Equal(Aoi.FromBoundingBox(0, 0, 2, 1).AreaSquareKilometers, aoi.AreaSquareKilometers, 6);
    }

    [Fact]
    public void Feature_and_geometry_collection_inputs_are_accepted()
    {
        var fromFeature = Aoi.FromGeoJson("""{"type":"Feature","id":"x","properties":{"a":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}""");
        var fromCollection = Aoi.FromGeoJson("""{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]}""");

        Assert.Equal(fromFeature.AreaSquareKilometers, fromCollection.AreaSquareKilometers);
        Assert.Equal(4, fromFeature.VertexCount);
    }

    [Fact]
    public void Elevations_are_dropped()
    {
        var aoi = Aoi.FromGeoJson("""{"type":"Polygon","coordinates":[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]]]}""");

        Assert.Equal("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}""", aoi.ToGeoJson());
    }

    [Fact]
    public void GeoJson_to_wkt_and_back_preserves_every_coordinate()
    {
        var original = Aoi.FromGeoJson(AoiTestData.Read("eos-lbe-geometry.json"));

        var viaWkt = Aoi.FromWkt(original.ToWkt());
        var viaGeoJson = Aoi.FromGeoJson(viaWkt.ToGeoJson());

        Assert.True(original.Geometry.EqualsExact(viaWkt.Geometry));
        Assert.True(original.Geometry.EqualsExact(viaGeoJson.Geometry));
        Assert.Equal(original.ToGeoJson(), viaGeoJson.ToGeoJson());
    }

    [Fact]
    public void Wkt_to_geojson_and_back_preserves_every_coordinate()
    {
        var wkt = AoiTestData.Read("clearsky-composite.wkt");
        var original = Aoi.FromWkt(wkt);

        var back = Aoi.FromWkt(Aoi.FromGeoJson(original.ToGeoJson()).ToWkt());

        Assert.Equal(original.ToWkt(), back.ToWkt());
        Assert.StartsWith("POLYGON ((9.877893206725581 56.47856668238974, ", back.ToWkt(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_geometry_accepts_a_geometry_collection_of_polygons()
    {
        var collection = Factory.CreateGeometryCollection(new Geometry[]
        {
            Factory.CreatePolygon(new[] { new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(1, 1), new Coordinate(0, 0) }),
            Factory.CreateMultiPolygon(new[] { Factory.CreatePolygon(new[] { new Coordinate(5, 5), new Coordinate(6, 5), new Coordinate(6, 6), new Coordinate(5, 5) }) }),
        });

        var aoi = Aoi.FromGeometry(collection);

        Assert.True(aoi.IsMultiPolygon);
        Assert.Equal(8, aoi.VertexCount);
    }

    [Fact]
    public void Bounding_box_helpers_format_invariantly_and_handle_the_antimeridian()
    {
        var box = new BoundingBox(170.5, -10.25, -170, 10);

        Assert.True(box.CrossesAntimeridian);
        Assert.Equal(19.5, box.Width);
        Assert.Equal(20.25, box.Height);
        Assert.Equal("[170.5, -10.25, -170, 10]", box.ToString());
        Assert.Equal(new[] { 170.5, -10.25, -170, 10 }, box.ToArray());
    }

    [Fact]
    public void Aoi_is_safe_to_read_from_many_threads()
    {
        var aoi = Aoi.FromGeoJson(AoiTestData.Read("iceye-product-feature.json"));
        var expected = aoi.ToGeoJson();

        var results = Enumerable.Range(0, 64).AsParallel().Select(_ => (aoi.ToGeoJson(), aoi.ToWkt(), aoi.Geometry.Area)).ToList();

        Assert.All(results, r => Assert.Equal(expected, r.Item1));
        Assert.Single(results.Select(r => r.Item2).Distinct());
    }
}
