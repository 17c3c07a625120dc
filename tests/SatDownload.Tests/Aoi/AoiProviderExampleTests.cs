using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.Tests.AoiTests;

/// <summary>Every geometry from the provider documents must be accepted and measured sensibly.</summary>
public class AoiProviderExampleTests
{
    [Fact]
    public void Eos_load_by_extent_polygon_is_accepted_and_measured()
    {
        var aoi = Aoi.FromGeoJson(AoiTestData.Read("eos-lbe-geometry.json"));

        Assert.False(aoi.IsMultiPolygon);
        Assert.Equal(9, aoi.VertexCount);
        Assert.Equal(-104.88236756436531, aoi.BoundingBox.West, 12);
        Assert.Equal(27.166227117387663, aoi.BoundingBox.South, 12);
        Assert.Equal(-104.87190853064376, aoi.BoundingBox.East, 12);
        Assert.Equal(27.180525385046096, aoi.BoundingBox.North, 12);
        // A field of roughly 1 km × 1.5 km, concave: well under the bounding box's 1.64 km².
        Assert.InRange(aoi.AreaSquareKilometers, 0.3, 1.0);
        Assert.Equal(32613, aoi.UtmEpsgCode); // -104.88° is in zone 13, northern hemisphere
        Assert.False(aoi.CrossesAntimeridian);
    }

    [Fact]
    public void ClearSky_composite_wkt_is_accepted_and_gives_the_documented_utm_zone()
    {
        var aoi = Aoi.FromWkt(AoiTestData.Read("clearsky-composite.wkt"));

        // The ClearSKY example sends "EpsgProjection": 32632 with this WKT.
        Assert.Equal(32632, aoi.UtmEpsgCode);
        Assert.Equal(new BoundingBox(9.877893206725581, 56.27782087776097, 10.196496722350581, 56.47856668238974), aoi.BoundingBox);
        Assert.Equal(5, aoi.VertexCount);
        // 0.3186° of longitude at 56.38°N ≈ 19.66 km, 0.2007° of latitude ≈ 22.35 km.
        Assert.InRange(aoi.AreaSquareKilometers, 435, 445);
    }

    [Fact]
    public void ClearSky_wkt_is_clockwise_and_is_normalised_to_counter_clockwise()
    {
        var aoi = Aoi.FromWkt(AoiTestData.Read("clearsky-composite.wkt"));

        var shell = ((Polygon)aoi.Geometry).Shell;
        Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(shell.CoordinateSequence));
    }

    [Fact]
    public void Sentinel_hub_process_bounds_polygon_matches_its_bbox()
    {
        using var document = JsonDocument.Parse(AoiTestData.Read("sentinel-hub-process-bounds.json"));
        var bbox = document.RootElement.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var fromPolygon = Aoi.FromGeoJson(document.RootElement.GetProperty("geometry").GetRawText());
        var fromBox = Aoi.FromBoundingBox(bbox[0], bbox[1], bbox[2], bbox[3]);

        Assert.Equal(new BoundingBox(bbox[0], bbox[1], bbox[2], bbox[3]), fromPolygon.BoundingBox);
        Assert.Equal(fromBox.BoundingBox, fromPolygon.BoundingBox);
        Assert.True(fromPolygon.AreaSquareKilometers < fromBox.AreaSquareKilometers);
        Assert.Equal(32633, fromPolygon.UtmEpsgCode); // Slovenia, 14.2°E
        Assert.Equal(32633, fromBox.UtmEpsgCode);
    }

    [Fact]
    public void Sentinel_hub_catalog_feature_multipolygon_with_crs_member_is_accepted()
    {
        var aoi = Aoi.FromGeoJson(AoiTestData.Read("sentinel-hub-catalog-feature.json"));

        // A one-part MultiPolygon becomes a Polygon (EOS, for one, accepts only Polygon).
        Assert.False(aoi.IsMultiPolygon);
        Assert.Single(aoi.Polygons);
        Assert.Equal(new BoundingBox(12.456873618680804, 44.138006014975964, 13.558241653952589, 45.144727105915536), aoi.BoundingBox);
        // The item's proj:epsg is 32633.
        Assert.Equal(32633, aoi.UtmEpsgCode);
        // A Sentinel-2 tile is at most 109.8 km × 109.8 km; this one is partial.
        Assert.InRange(aoi.AreaSquareKilometers, 5_000, 12_100);
    }

    [Fact]
    public void Iceye_product_footprint_feature_is_accepted()
    {
        var aoi = Aoi.FromGeoJson(AoiTestData.Read("iceye-product-feature.json"));

        Assert.Equal(new BoundingBox(-54.741608, -17.12643, -54.339348, -16.480421), aoi.BoundingBox);
        Assert.Equal(32721, aoi.UtmEpsgCode); // -54.5° is zone 21, southern hemisphere
        // A stripmap frame of roughly 30 km × 65 km.
        Assert.InRange(aoi.AreaSquareKilometers, 1_500, 2_500);
    }
}
