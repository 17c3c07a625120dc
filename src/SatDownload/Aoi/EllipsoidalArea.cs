using NetTopologySuite.Geometries;

namespace SatDownload;

/// <summary>
/// Area on the WGS84 ellipsoid of a polygon whose edges are straight lines in longitude/latitude (the RFC 7946
/// reading of GeoJSON). Why this way: by Green's theorem the area is the ring integral of
/// Z(φ) dλ, where Z(φ) = a²/2 · q(φ) is the exact ellipsoidal area between the equator and latitude φ per radian of
/// longitude (Snyder, "Map Projections: A Working Manual", eq. 3-12, the authalic-latitude function). Along an edge φ
/// varies linearly with λ, so each edge is integrated with Gauss–Legendre quadrature over pieces of at most 2° of
/// latitude, which is exact to well below a square metre. A 1°×1° cell at the equator gives 12,308.46 km²; the whole
/// ellipsoid 510,065,621.72 km².
/// </summary>
internal static class EllipsoidalArea
{
    private const double SemiMajorAxis = 6378137.0;
    private const double Flattening = 1 / 298.257223563;
    private const double MaxPieceRadians = 2.0 * Math.PI / 180.0;
    private const double DegreesToRadians = Math.PI / 180.0;

    private static readonly double EccentricitySquared = Flattening * (2 - Flattening);
    private static readonly double Eccentricity = Math.Sqrt(EccentricitySquared);

    // 5-point Gauss–Legendre nodes and weights on [-1, 1].
    private static readonly double[] Nodes = { 0.0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640 };
    private static readonly double[] Weights = { 0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891 };

    /// <summary>Area in square metres of a Polygon or MultiPolygon (holes subtracted).</summary>
    public static double SquareMetres(Geometry geometry)
    {
        double total = 0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon polygon && !polygon.IsEmpty)
            {
                total += Math.Abs(SignedRingArea(polygon.Shell.CoordinateSequence));
                foreach (var hole in polygon.Holes)
                {
                    total -= Math.Abs(SignedRingArea(hole.CoordinateSequence));
                }
            }
        }

        return total;
    }

    /// <summary>Signed area of a closed ring in square metres: positive when counter-clockwise.</summary>
    public static double SignedRingArea(CoordinateSequence ring)
    {
        double sum = 0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            var lambda1 = ring.GetX(i) * DegreesToRadians;
            var lambda2 = ring.GetX(i + 1) * DegreesToRadians;
            var deltaLambda = lambda2 - lambda1;
            if (deltaLambda == 0)
            {
                continue;
            }

            var phi1 = ring.GetY(i) * DegreesToRadians;
            var phi2 = ring.GetY(i + 1) * DegreesToRadians;
            sum += deltaLambda * MeanZoneArea(phi1, phi2);
        }

        // Green's theorem: for a counter-clockwise ring the enclosed area is minus the integral of Z(φ) dλ.
        return -sum;
    }

    /// <summary>Mean of <see cref="ZoneArea"/> over φ running linearly from <paramref name="phi1"/> to <paramref name="phi2"/>.</summary>
    private static double MeanZoneArea(double phi1, double phi2)
    {
        var pieces = Math.Max(1, (int)Math.Ceiling(Math.Abs(phi2 - phi1) / MaxPieceRadians));
        double mean = 0;
        for (var p = 0; p < pieces; p++)
        {
            var start = phi1 + ((phi2 - phi1) * p / pieces);
            var end = phi1 + ((phi2 - phi1) * (p + 1) / pieces);
            var middle = (start + end) / 2;
            var half = (end - start) / 2;
            double piece = 0;
            for (var k = 0; k < Nodes.Length; k++)
            {
                piece += Weights[k] * ZoneArea(middle + (half * Nodes[k]));
            }

            mean += piece / 2;
        }

        return mean / pieces;
    }

    /// <summary>Ellipsoidal area between the equator and latitude <paramref name="phi"/> per radian of longitude, in m².</summary>
    private static double ZoneArea(double phi)
    {
        var sinPhi = Math.Sin(phi);
        var eSinPhi = Eccentricity * sinPhi;
        var q = (1 - EccentricitySquared) * ((sinPhi / (1 - (eSinPhi * eSinPhi))) - ((1 / (2 * Eccentricity)) * Math.Log((1 - eSinPhi) / (1 + eSinPhi))));
        return SemiMajorAxis * SemiMajorAxis / 2 * q;
    }
}
