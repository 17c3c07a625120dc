using NetTopologySuite.Geometries;
using SatDownload.Eos.Models;

namespace SatDownload.Eos.Validation;

/// <summary>Turns NTS polygons into the GeoJSON shape EOS expects, and back.</summary>
internal static class EosGeometryConverter
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static EosGeometry ToEos(Polygon polygon)
    {
        var rings = new List<IReadOnlyList<IReadOnlyList<double>>> { Ring(polygon.Shell) };
        rings.AddRange(polygon.Holes.Select(Ring));
        return new EosGeometry { Type = "Polygon", Coordinates = rings };
    }

    public static Polygon ToPolygon(EosGeometry geometry)
    {
        if (!string.Equals(geometry.Type, "Polygon", StringComparison.OrdinalIgnoreCase) || geometry.Coordinates.Count == 0)
        {
            throw new ArgumentException($"Only GeoJSON Polygons are supported; got '{geometry.Type}'.", nameof(geometry));
        }

        LinearRing ToRing(IReadOnlyList<IReadOnlyList<double>> ring) =>
            Factory.CreateLinearRing(ring.Select(p => new Coordinate(p[0], p[1])).ToArray());

        return Factory.CreatePolygon(ToRing(geometry.Coordinates[0]), geometry.Coordinates.Skip(1).Select(ToRing).ToArray());
    }

    private static IReadOnlyList<IReadOnlyList<double>> Ring(LineString ring) =>
        ring.Coordinates.Select(c => (IReadOnlyList<double>)new[] { c.X, c.Y }).ToArray();
}
