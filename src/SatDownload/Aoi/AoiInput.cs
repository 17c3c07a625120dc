using System.Globalization;
using NetTopologySuite.Geometries;
using SatDownload.GeoJson;

namespace SatDownload;

/// <summary>
/// The polygons of an AOI as the caller gave them, plus the problems already found while collecting them (for
/// example a Point among the features). Collection never stops at the first problem.
/// </summary>
internal sealed class AoiInput
{
    private const string PolygonFix = "Pass the area as a Polygon or MultiPolygon (or Features of them); to use a point or a line, buffer it into a polygon first (in a projected CRS) and pass the result to Aoi.FromGeometry.";

    public List<AoiPolygonInput> Polygons { get; } = new();

    public List<AoiProblem> Problems { get; } = new();

    public static AoiInput FromGeoJson(RawGeoJsonObject raw)
    {
        var input = new AoiInput();
        input.Collect(raw, string.Empty);
        return input;
    }

    public static AoiInput FromGeometry(Geometry geometry)
    {
        var input = new AoiInput();
        if (geometry.SRID > 0 && geometry.SRID != 4326)
        {
            input.Problems.Add(new AoiProblem(
                AoiProblemCode.UnsupportedCrs,
                string.Create(CultureInfo.InvariantCulture, $"The geometry's SRID is {geometry.SRID}; an AOI is in WGS84 longitude/latitude (EPSG:4326)."),
                null,
                "Reproject the geometry to EPSG:4326 (longitude, latitude in degrees) and set its SRID to 4326 (or 0 when unknown)."));
        }

        input.Collect(geometry, string.Empty);
        return input;
    }

    private static string Join(string prefix, string part) => prefix.Length == 0 ? part : prefix + ", " + part;

    private static string Trim(string prefix) => prefix.Length == 0 ? "geometry" : prefix;

    private static string Index(string what, int index) => string.Create(CultureInfo.InvariantCulture, $"{what} {index}");

    private void Collect(RawGeoJsonObject raw, string prefix)
    {
        switch (raw.Type)
        {
            case GeoJsonTypes.Polygon:
                Polygons.Add(new AoiPolygonInput(Join(prefix, "polygon 0"), GeoJsonGeometryBuilder.PositionLists(raw.Coordinates!)));
                break;
            case GeoJsonTypes.MultiPolygon:
            {
                var polygons = GeoJsonGeometryBuilder.PolygonLists(raw.Coordinates!);
                if (polygons.Length == 0)
                {
                    AddEmpty(Trim(prefix), "The MultiPolygon has no polygons.");
                }

                for (var i = 0; i < polygons.Length; i++)
                {
                    Polygons.Add(new AoiPolygonInput(Join(prefix, Index("polygon", i)), polygons[i]));
                }

                break;
            }

            case GeoJsonTypes.GeometryCollection:
                if (raw.Geometries!.Count == 0)
                {
                    AddEmpty(Trim(prefix), "The GeometryCollection has no geometries.");
                }

                for (var i = 0; i < raw.Geometries.Count; i++)
                {
                    Collect(raw.Geometries[i], Join(prefix, Index("geometry", i)));
                }

                break;
            case GeoJsonTypes.Feature:
                if (raw.Geometry is null)
                {
                    AddEmpty(Trim(prefix), "The Feature's geometry is null.");
                }
                else
                {
                    Collect(raw.Geometry, prefix);
                }

                break;
            case GeoJsonTypes.FeatureCollection:
                if (raw.Features!.Count == 0)
                {
                    AddEmpty(Trim(prefix), "The FeatureCollection has no features.");
                }

                for (var i = 0; i < raw.Features.Count; i++)
                {
                    Collect(raw.Features[i], Join(prefix, Index("feature", i)));
                }

                break;
            default:
                Problems.Add(new AoiProblem(AoiProblemCode.NotPolygonal, $"A {raw.Type} is not polygonal; an AOI must be a Polygon or MultiPolygon.", Trim(prefix), PolygonFix));
                break;
        }
    }

    private void Collect(Geometry geometry, string prefix)
    {
        switch (geometry)
        {
            case Polygon polygon:
                Polygons.Add(new AoiPolygonInput(Join(prefix, "polygon 0"), Rings(polygon)));
                break;
            case MultiPolygon multiPolygon:
                if (multiPolygon.NumGeometries == 0)
                {
                    AddEmpty(Trim(prefix), "The MultiPolygon has no polygons.");
                }

                for (var i = 0; i < multiPolygon.NumGeometries; i++)
                {
                    Polygons.Add(new AoiPolygonInput(Join(prefix, Index("polygon", i)), Rings((Polygon)multiPolygon.GetGeometryN(i))));
                }

                break;
            case GeometryCollection collection when collection is not MultiPoint and not MultiLineString:
                if (collection.NumGeometries == 0)
                {
                    AddEmpty(Trim(prefix), "The GeometryCollection has no geometries.");
                }

                for (var i = 0; i < collection.NumGeometries; i++)
                {
                    Collect(collection.GetGeometryN(i), Join(prefix, Index("geometry", i)));
                }

                break;
            default:
                Problems.Add(new AoiProblem(AoiProblemCode.NotPolygonal, $"A {geometry.GeometryType} is not polygonal; an AOI must be a Polygon or MultiPolygon.", Trim(prefix), PolygonFix));
                break;
        }
    }

    private static Coordinate[][] Rings(Polygon polygon)
    {
        if (polygon.IsEmpty)
        {
            return Array.Empty<Coordinate[]>();
        }

        var rings = new Coordinate[polygon.NumInteriorRings + 1][];
        rings[0] = polygon.ExteriorRing.Coordinates;
        for (var i = 0; i < polygon.NumInteriorRings; i++)
        {
            rings[i + 1] = polygon.GetInteriorRingN(i).Coordinates;
        }

        // Copies (2-D) so later changes to the caller's geometry cannot reach the AOI.
        for (var r = 0; r < rings.Length; r++)
        {
            var copy = new Coordinate[rings[r].Length];
            for (var v = 0; v < copy.Length; v++)
            {
                copy[v] = new Coordinate(rings[r][v].X, rings[r][v].Y);
            }

            rings[r] = copy;
        }

        return rings;
    }

    private void AddEmpty(string location, string message) =>
        Problems.Add(new AoiProblem(AoiProblemCode.Empty, message, location, "Give at least one polygon with an exterior ring of four or more positions."));
}
