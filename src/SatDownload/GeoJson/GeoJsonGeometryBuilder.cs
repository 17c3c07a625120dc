using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.GeoJson;

/// <summary>
/// Turns a <see cref="RawGeoJsonObject"/> geometry into a NetTopologySuite <see cref="Geometry"/>, strictly: a LineString
/// needs two positions, a polygon ring four and must be closed. Errors are <see cref="JsonException"/>s naming the path.
/// </summary>
internal static class GeoJsonGeometryBuilder
{
    /// <summary>The factory used when the caller gives none: floating precision, SRID 4326 (GeoJSON is always WGS84).</summary>
    public static GeometryFactory DefaultFactory { get; } = new(new PrecisionModel(), 4326);

    public static Geometry Build(RawGeoJsonObject raw, GeometryFactory factory)
    {
        switch (raw.Type)
        {
            case GeoJsonTypes.Point:
                return raw.Coordinates is PositionNode position ? factory.CreatePoint(ToCoordinate(position)) : factory.CreatePoint();
            case GeoJsonTypes.MultiPoint:
                return factory.CreateMultiPointFromCoords(Positions(raw.Coordinates!));
            case GeoJsonTypes.LineString:
                return BuildLineString(Positions(raw.Coordinates!), raw.CoordinatesPath, factory);
            case GeoJsonTypes.MultiLineString:
            {
                var lists = PositionLists(raw.Coordinates!);
                var lines = new LineString[lists.Length];
                for (var i = 0; i < lists.Length; i++)
                {
                    lines[i] = BuildLineString(lists[i], JsonPathTracker.Append(raw.CoordinatesPath, i), factory);
                }

                return factory.CreateMultiLineString(lines);
            }

            case GeoJsonTypes.Polygon:
                return BuildPolygon(PositionLists(raw.Coordinates!), raw.CoordinatesPath, factory);
            case GeoJsonTypes.MultiPolygon:
            {
                var polygonsCoordinates = PolygonLists(raw.Coordinates!);
                var polygons = new Polygon[polygonsCoordinates.Length];
                for (var i = 0; i < polygons.Length; i++)
                {
                    polygons[i] = BuildPolygon(polygonsCoordinates[i], JsonPathTracker.Append(raw.CoordinatesPath, i), factory);
                }

                return factory.CreateMultiPolygon(polygons);
            }

            case GeoJsonTypes.GeometryCollection:
            {
                var members = raw.Geometries!;
                var geometries = new Geometry[members.Count];
                for (var i = 0; i < geometries.Length; i++)
                {
                    geometries[i] = Build(members[i], factory);
                }

                return factory.CreateGeometryCollection(geometries);
            }

            default:
                throw GeoJsonParser.Error(raw.Path, $"expected a GeoJSON geometry but found a {raw.Type}.");
        }
    }

    public static Coordinate ToCoordinate(PositionNode position) =>
        double.IsNaN(position.Z) ? new Coordinate(position.X, position.Y) : new CoordinateZ(position.X, position.Y, position.Z);

    /// <summary>An array of positions (shape already checked by the parser).</summary>
    public static Coordinate[] Positions(CoordinateNode node)
    {
        var items = ((CoordinateArrayNode)node).Items;
        var result = new Coordinate[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ToCoordinate((PositionNode)items[i]);
        }

        return result;
    }

    /// <summary>An array of arrays of positions.</summary>
    public static Coordinate[][] PositionLists(CoordinateNode node)
    {
        var items = ((CoordinateArrayNode)node).Items;
        var result = new Coordinate[items.Count][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Positions(items[i]);
        }

        return result;
    }

    /// <summary>An array of polygons' ring lists.</summary>
    public static Coordinate[][][] PolygonLists(CoordinateNode node)
    {
        var items = ((CoordinateArrayNode)node).Items;
        var result = new Coordinate[items.Count][][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = PositionLists(items[i]);
        }

        return result;
    }

    private static LineString BuildLineString(Coordinate[] coordinates, string path, GeometryFactory factory)
    {
        if (coordinates.Length == 1)
        {
            throw GeoJsonParser.Error(path, "a LineString needs at least two positions but has one.");
        }

        return factory.CreateLineString(coordinates);
    }

    private static Polygon BuildPolygon(Coordinate[][] rings, string path, GeometryFactory factory)
    {
        if (rings.Length == 0)
        {
            return factory.CreatePolygon();
        }

        var linearRings = new LinearRing[rings.Length];
        for (var r = 0; r < rings.Length; r++)
        {
            var ring = rings[r];
            var ringPath = JsonPathTracker.Append(path, r);
            if (ring.Length < 4)
            {
                throw GeoJsonParser.Error(ringPath, string.Create(CultureInfo.InvariantCulture, $"a polygon ring needs at least four positions (three corners plus the first repeated at the end) but has {ring.Length}."));
            }

            if (!ring[0].Equals2D(ring[^1]))
            {
                throw GeoJsonParser.Error(ringPath, string.Create(CultureInfo.InvariantCulture, $"the polygon ring is not closed: the first position [{ring[0].X}, {ring[0].Y}] differs from the last [{ring[^1].X}, {ring[^1].Y}]; repeat the first position at the end."));
            }

            linearRings[r] = factory.CreateLinearRing(ring);
        }

        return factory.CreatePolygon(linearRings[0], linearRings.Length > 1 ? linearRings[1..] : null);
    }
}
