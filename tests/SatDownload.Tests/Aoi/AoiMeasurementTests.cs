using NetTopologySuite.Geometries;

namespace SatDownload.Tests.AoiTests;

/// <summary>Area, centroid and UTM figures against independently known values.</summary>
public class AoiMeasurementTests
{
    [Fact]
    public void One_degree_cell_at_the_equator_is_12308_square_kilometres()
    {
        var aoi = Aoi.FromBoundingBox(0, 0, 1, 1);

        // Closed form on WGS84, Δλ·a²/2·(q(1°) − q(0°)): 12,308.464 km² (a planar-degrees computation would say 1).
        Assert.Equal(12_308.464, aoi.AreaSquareKilometers, 3);
    }

    [Fact]
    public void One_degree_cell_at_60_degrees_north_is_about_half_the_equatorial_cell()
    {
        var aoi = Aoi.FromBoundingBox(10, 60, 11, 61);

        // Closed form on WGS84 for 60–61°N: 6,123.141 km² (≈ cos 60.5° × the equatorial cell).
        Assert.Equal(6_123.141, aoi.AreaSquareKilometers, 3);
    }

    [Fact]
    public void Whole_globe_has_the_area_of_the_wgs84_ellipsoid()
    {
        var aoi = Aoi.FromBoundingBox(-180, -90, 180, 90);

        Assert.Equal(510_065_621.724, aoi.AreaSquareKilometers, 2);
    }

    [Fact]
    public void Hole_area_is_subtracted()
    {
        var withHole = Aoi.FromWkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))");
        var outer = Aoi.FromBoundingBox(0, 0, 2, 2);
        var hole = Aoi.FromBoundingBox(0.5, 0.5, 1.5, 1.5);

        Assert.Equal(outer.AreaSquareKilometers - hole.AreaSquareKilometers, withHole.AreaSquareKilometers, 6);
    }

    [Fact]
    public void Polar_cap_area_is_the_zone_above_80_degrees()
    {
        var aoi = Aoi.FromBoundingBox(-180, 80, 180, 90);

        // Closed form on WGS84: π a² (q(90°) − q(80°)) = 3,908,572.76 km².
        Assert.Equal(3_908_572.76, aoi.AreaSquareKilometers, 1);
        Assert.Equal(85, aoi.Centroid.Y, 6);
    }

    [Fact]
    public void Detailed_polygon_at_the_vertex_limit_is_accepted_with_the_area_of_a_circle()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var ring = Enumerable.Range(0, 9_999).Select(i => new Coordinate(0.1 * Math.Cos(i * 2 * Math.PI / 9_999), 0.1 * Math.Sin(i * 2 * Math.PI / 9_999))).ToList();
        ring.Add(ring[0].Copy());

        var aoi = Aoi.FromGeometry(factory.CreatePolygon(ring.ToArray()));

        Assert.Equal(10_000, aoi.VertexCount);
        // A 0.1° circle at the equator: π × 0.01 square degrees × ≈12,308 km² per square degree ≈ 386.7 km².
        Assert.Equal(386.7, aoi.AreaSquareKilometers, 0);
        Assert.Equal(0, aoi.Centroid.X, 9);
        Assert.Equal(32631, aoi.UtmEpsgCode);
    }

    [Fact]
    public void Centroid_of_a_box_is_its_centre()
    {
        var aoi = Aoi.FromBoundingBox(10, 50, 12, 52);

        Assert.Equal(11, aoi.Centroid.X, 9);
        Assert.Equal(51, aoi.Centroid.Y, 9);
        Assert.Equal(4326, aoi.Centroid.SRID);
    }

    [Theory]
    [InlineData(-177.0, 10.0, 32601)]
    [InlineData(177.0, 10.0, 32660)]
    [InlineData(13.4, 52.5, 32633)] // Berlin
    [InlineData(-74.0, 40.7, 32618)] // New York
    [InlineData(151.2, -33.9, 32756)] // Sydney
    [InlineData(-58.4, -34.6, 32721)] // Buenos Aires
    [InlineData(5.3, 60.4, 32632)] // Bergen: Norway exception (would be 31)
    [InlineData(15.6, 78.2, 32633)] // Longyearbyen: Svalbard exception
    [InlineData(7.0, 78.0, 32631)] // Svalbard west: 31X widened
    [InlineData(25.0, 79.0, 32635)] // Svalbard east
    public void Utm_zone_follows_the_centroid_with_norway_and_svalbard_exceptions(double lon, double lat, int expected)
    {
        var aoi = Aoi.FromBoundingBox(lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05);

        Assert.Equal(expected, aoi.UtmEpsgCode);
    }

    [Fact]
    public void Returned_geometry_is_a_copy_so_the_aoi_stays_immutable()
    {
        var aoi = Aoi.FromBoundingBox(0, 0, 1, 1);

        var geometry = aoi.Geometry;
        geometry.Coordinates[0].X = 50;
        geometry.GeometryChanged();
        var polygon = aoi.Polygons[0];
        polygon.Coordinates[1].Y = -20;

        Assert.Equal(new BoundingBox(0, 0, 1, 1), aoi.BoundingBox);
        Assert.Equal(0, aoi.Geometry.Coordinates[0].X);
        Assert.Equal(0, aoi.Polygons[0].Coordinates[1].Y);
    }

    [Fact]
    public void Input_geometry_is_copied_so_later_changes_do_not_leak_in()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var polygon = factory.CreatePolygon(new[] { new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(1, 1), new Coordinate(0, 0) });
        var aoi = Aoi.FromGeometry(polygon);

        polygon.Coordinates[1].X = 80;

        Assert.Equal(1, aoi.BoundingBox.East);
    }

    [Fact]
    public void ToString_summarises_type_vertices_area_and_bbox_invariantly()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var text = Aoi.FromBoundingBox(0, 0, 1, 1).ToString();

            Assert.Equal("Aoi Polygon (1 polygon(s), 5 vertices, 12308.464 km², bbox [0, 0, 1, 1])", text);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
