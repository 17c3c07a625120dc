using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Operation.Valid;
using SatDownload.GeoJson;

namespace SatDownload;

/// <summary>
/// Checks an <see cref="AoiInput"/> and turns it into one valid Polygon or MultiPolygon in WGS84 with RFC 7946 winding,
/// or throws <see cref="AoiValidationException"/> listing every problem. Order: numbers and ring structure first
/// (every vertex is checked), then topology (self-intersection, zero area, holes) of every polygon whose structure is sound.
/// </summary>
internal static class AoiValidator
{
    private const string RangeFix = "Longitudes must be within [-180, 180] and latitudes within [-90, 90]. If the polygon crosses the antimeridian, split it at ±180° into a MultiPolygon (RFC 7946 §3.1.9) or, for a box, use Aoi.FromBoundingBox(west, south, east, north) with west > east.";
    private const string ProjectedFix = "The coordinates look like projected metres, not degrees: reproject the geometry to WGS84 longitude/latitude (EPSG:4326) first.";
    private const string CrossingFix = "Reorder the vertices so that no edges cross (a bow-tie must become two polygons or a MultiPolygon), or repair the geometry first, for example with NetTopologySuite's GeometryFixer.Fix, and pass the result to Aoi.FromGeometry.";

    public static GeometryFactory Factory => GeoJsonGeometryBuilder.DefaultFactory;

    public static Geometry Validate(AoiInput input, AoiValidationOptions options)
    {
        var problems = new AoiProblemCollector();
        problems.AddRange(input.Problems);
        if (input.Polygons.Count == 0 && input.Problems.Count == 0)
        {
            problems.Add(AoiProblemCode.Empty, "The input contains no polygon.", null, "Give a Polygon or MultiPolygon (GeoJSON geometry, Feature or FeatureCollection, or WKT), or use Aoi.FromBoundingBox.");
        }

        var tooManyVertices = CheckVertexCount(input, options, problems);
        var swapped = DetectSwappedAxes(input, problems);
        var sound = new List<AoiPolygonInput>(input.Polygons.Count);
        foreach (var polygon in input.Polygons)
        {
            if (CheckStructure(polygon, swapped, problems))
            {
                sound.Add(polygon);
            }
        }

        // Topology is checked for every structurally sound polygon, even when others have problems, so one round of
        // fixes suffices; it is skipped only past the vertex limit, where it would be the expensive part.
        var polygons = new List<Polygon>(sound.Count);
        if (!tooManyVertices)
        {
            foreach (var polygonInput in sound)
            {
                var polygon = BuildPolygon(polygonInput.Rings);
                if (CheckTopology(polygon, polygonInput, problems))
                {
                    polygons.Add(polygon);
                }
            }
        }

        problems.ThrowIfAny();
        return Combine(polygons);
    }

    /// <summary>Rewrites rings so exterior rings run counter-clockwise and holes clockwise (RFC 7946 §3.1.6).</summary>
    public static Geometry NormalizeWinding(Geometry geometry)
    {
        switch (geometry)
        {
            case Polygon polygon:
                return NormalizeWinding(polygon);
            case MultiPolygon multi:
            {
                var polygons = new Polygon[multi.NumGeometries];
                for (var i = 0; i < polygons.Length; i++)
                {
                    polygons[i] = NormalizeWinding((Polygon)multi.GetGeometryN(i));
                }

                return Factory.CreateMultiPolygon(polygons);
            }

            default:
                return geometry;
        }
    }

    private static Polygon NormalizeWinding(Polygon polygon)
    {
        if (polygon.IsEmpty)
        {
            return polygon;
        }

        var shell = Orient(polygon.Shell, counterClockwise: true);
        var holes = new LinearRing[polygon.NumInteriorRings];
        for (var i = 0; i < holes.Length; i++)
        {
            holes[i] = Orient((LinearRing)polygon.GetInteriorRingN(i), counterClockwise: false);
        }

        return Factory.CreatePolygon(shell, holes);
    }

    private static LinearRing Orient(LinearRing ring, bool counterClockwise)
    {
        var coordinates = ring.Coordinates.Select(c => new Coordinate(c.X, c.Y)).ToArray();
        if (GeoJsonWriter.IsCounterClockwise(ring.CoordinateSequence) != counterClockwise)
        {
            Array.Reverse(coordinates);
        }

        return Factory.CreateLinearRing(coordinates);
    }

    private static bool CheckVertexCount(AoiInput input, AoiValidationOptions options, AoiProblemCollector problems)
    {
        long total = 0;
        foreach (var polygon in input.Polygons)
        {
            foreach (var ring in polygon.Rings)
            {
                total += ring.Length;
            }
        }

        if (total > options.MaxVertices)
        {
            problems.Add(
                AoiProblemCode.TooManyVertices,
                string.Create(CultureInfo.InvariantCulture, $"The AOI has {total:N0} vertices; the limit is {options.MaxVertices:N0}."),
                null,
                Aoi.TooManyVerticesFix);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Latitude/longitude order instead of GeoJSON's longitude/latitude shows as: every first number within [-90, 90],
    /// some second number outside [-90, 90] but all within [-180, 180].
    /// </summary>
    private static bool DetectSwappedAxes(AoiInput input, AoiProblemCollector problems)
    {
        var allFirstWithinLatitude = true;
        var allSecondWithinLongitude = true;
        string? firstOffender = null;
        Coordinate? offending = null;
        foreach (var polygon in input.Polygons)
        {
            for (var r = 0; r < polygon.Rings.Length; r++)
            {
                var ring = polygon.Rings[r];
                for (var v = 0; v < ring.Length; v++)
                {
                    var c = ring[v];
                    if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
                    {
                        continue;
                    }

                    allFirstWithinLatitude &= Math.Abs(c.X) <= 90;
                    allSecondWithinLongitude &= Math.Abs(c.Y) <= 180;
                    if (firstOffender is null && Math.Abs(c.Y) > 90)
                    {
                        firstOffender = AoiFormat.Vertex(AoiFormat.Ring(polygon.Location, r), v);
                        offending = c;
                    }
                }
            }
        }

        if (firstOffender is null || !allFirstWithinLatitude || !allSecondWithinLongitude)
        {
            return false;
        }

        problems.Add(
            AoiProblemCode.LikelySwappedAxes,
            $"The coordinates look like [latitude, longitude]: the second number of {AoiFormat.Position(offending!.X, offending.Y)} is outside the latitude range [-90, 90] while every first number is within it.",
            firstOffender,
            $"GeoJSON and WKT put longitude first: swap the two numbers of every position (here {AoiFormat.Position(offending.Y, offending.X)}).");
        return true;
    }

    /// <summary>Checks numbers and ring structure; returns whether the polygon is sound enough for a topology check.</summary>
    private static bool CheckStructure(AoiPolygonInput polygon, bool swapped, AoiProblemCollector problems)
    {
        if (polygon.Rings.Length == 0 || polygon.Rings[0].Length == 0)
        {
            problems.Add(AoiProblemCode.Empty, "The polygon has no coordinates.", polygon.Location, "Give the polygon an exterior ring of four or more positions, or remove it.");
            return false;
        }

        var before = problems.Count;
        var sound = true;

        for (var r = 0; r < polygon.Rings.Length; r++)
        {
            var ring = polygon.Rings[r];
            var ringLocation = AoiFormat.Ring(polygon.Location, r);
            var ringName = r == 0 ? "exterior ring" : "hole";
            for (var v = 0; v < ring.Length; v++)
            {
                sound &= CheckVertex(ring[v], AoiFormat.Vertex(ringLocation, v), swapped, problems);
            }

            if (ring.Length < 4)
            {
                problems.Add(
                    AoiProblemCode.RingTooShort,
                    string.Create(CultureInfo.InvariantCulture, $"The {ringName} has {ring.Length} position(s); a ring needs at least 4 (three corners plus the first repeated at the end)."),
                    ringLocation,
                    "Give at least three distinct corners and repeat the first position at the end.");
                continue;
            }

            var first = ring[0];
            var last = ring[^1];
            if (!first.Equals2D(last) && !(double.IsNaN(first.X) && double.IsNaN(last.X)))
            {
                problems.Add(
                    AoiProblemCode.UnclosedRing,
                    $"The {ringName} is not closed: it starts at {AoiFormat.Position(first.X, first.Y)} but ends at {AoiFormat.Position(last.X, last.Y)}.",
                    ringLocation,
                    $"Repeat the first position {AoiFormat.Position(first.X, first.Y)} as the last position of the ring.");
            }

            CheckAntimeridianJump(ring, ringLocation, problems);
        }

        return sound && problems.Count == before;
    }

    /// <summary>Checks one position; returns false when it is unusable (non-finite or out of range, including swapped axes).</summary>
    private static bool CheckVertex(Coordinate c, string location, bool swapped, AoiProblemCollector problems)
    {
        if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
        {
            problems.Add(
                AoiProblemCode.NonFiniteCoordinate,
                $"The position {AoiFormat.Position(c.X, c.Y)} contains a NaN or infinite number.",
                location,
                "Give finite longitude and latitude numbers for every position.");
            return false;
        }

        var projected = Math.Abs(c.X) > 1000 || Math.Abs(c.Y) > 1000;
        if (Math.Abs(c.X) > 180)
        {
            problems.Add(
                AoiProblemCode.LongitudeOutOfRange,
                $"Longitude {AoiFormat.Number(c.X)} (first number of {AoiFormat.Position(c.X, c.Y)}) is outside [-180, 180].",
                location,
                projected ? ProjectedFix : RangeFix);
        }

        if (Math.Abs(c.Y) > 90 && !swapped)
        {
            problems.Add(
                AoiProblemCode.LatitudeOutOfRange,
                $"Latitude {AoiFormat.Number(c.Y)} (second number of {AoiFormat.Position(c.X, c.Y)}) is outside [-90, 90].",
                location,
                projected ? ProjectedFix : "Latitudes must be within [-90, 90]; check that positions are [longitude, latitude] in degrees.");
        }

        return Math.Abs(c.X) <= 180 && Math.Abs(c.Y) <= 90;
    }

    private static void CheckAntimeridianJump(Coordinate[] ring, string ringLocation, AoiProblemCollector problems)
    {
        for (var v = 0; v + 1 < ring.Length; v++)
        {
            var a = ring[v];
            var b = ring[v + 1];
            if (Math.Abs(b.X - a.X) > 180 && Math.Abs(a.X) != 180 && Math.Abs(b.X) != 180 && Math.Abs(a.X) <= 180 && Math.Abs(b.X) <= 180)
            {
                problems.Add(
                    AoiProblemCode.AntimeridianJump,
                    string.Create(CultureInfo.InvariantCulture, $"The edge from vertex {v} {AoiFormat.Position(a.X, a.Y)} to vertex {v + 1} {AoiFormat.Position(b.X, b.Y)} spans {Math.Abs(b.X - a.X)}° of longitude; GeoJSON edges are straight in longitude/latitude, so this polygon wraps the long way round the globe, which is rarely intended."),
                    ringLocation,
                    "If the area crosses the antimeridian, split it at ±180° into a MultiPolygon (RFC 7946 §3.1.9), or for a box use Aoi.FromBoundingBox(west, south, east, north) with west > east.");
                return;
            }
        }
    }

    private static Polygon BuildPolygon(Coordinate[][] rings)
    {
        var linearRings = new LinearRing[rings.Length];
        for (var r = 0; r < rings.Length; r++)
        {
            linearRings[r] = Factory.CreateLinearRing(rings[r].Select(c => new Coordinate(c.X, c.Y)).ToArray());
        }

        return Factory.CreatePolygon(linearRings[0], linearRings[1..]);
    }

    private static bool CheckTopology(Polygon polygon, AoiPolygonInput input, AoiProblemCollector problems)
    {
        if (IsDegenerate(polygon.Shell.Coordinates))
        {
            problems.Add(
                AoiProblemCode.ZeroArea,
                "The polygon encloses no area: its exterior ring's corners all lie on one line or coincide.",
                input.Location,
                "Give at least three corners that are not on one line.");
            return false;
        }

        var validity = new IsValidOp(polygon);
        if (validity.IsValid)
        {
            return true;
        }

        var error = validity.ValidationError;
        var at = error.Coordinate is null ? string.Empty : " near " + AoiFormat.Point(error.Coordinate.X, error.Coordinate.Y);
        switch (error.ErrorType)
        {
            case TopologyValidationErrors.SelfIntersection:
            case TopologyValidationErrors.RingSelfIntersection:
            {
                var crossings = RingCrossingFinder.Find(input.Rings, AoiProblemCollector.MaxPerCode + 1);
                if (crossings.Count == 0)
                {
                    problems.Add(AoiProblemCode.SelfIntersection, $"The polygon's rings touch or cross themselves{at}.", input.Location, CrossingFix);
                }

                foreach (var crossing in crossings)
                {
                    problems.Add(AoiProblemCode.SelfIntersection, DescribeCrossing(crossing), AoiFormat.Ring(input.Location, crossing.RingA), CrossingFix);
                }

                break;
            }

            case TopologyValidationErrors.HoleOutsideShell:
                problems.Add(AoiProblemCode.InvalidTopology, $"A hole lies outside the exterior ring{at}.", input.Location, "The first ring is the exterior and later rings are holes inside it; to describe separate areas use a MultiPolygon.");
                break;
            case TopologyValidationErrors.NestedHoles:
                problems.Add(AoiProblemCode.InvalidTopology, $"A hole lies inside another hole{at}.", input.Location, "Holes must not contain each other; for an island inside a hole add a separate polygon (MultiPolygon).");
                break;
            case TopologyValidationErrors.DisconnectedInteriors:
                problems.Add(AoiProblemCode.InvalidTopology, $"The holes cut the polygon's interior into disconnected pieces{at}.", input.Location, "Split the polygon into a MultiPolygon of its separate pieces.");
                break;
            case TopologyValidationErrors.TooFewPoints:
                problems.Add(AoiProblemCode.RingTooShort, $"A ring has too few distinct points{at}.", input.Location, "Give at least three distinct corners per ring.");
                break;
            default:
                problems.Add(AoiProblemCode.InvalidTopology, $"The polygon is not valid: {error.Message}{at}.", input.Location, "Repair the geometry, for example with NetTopologySuite's GeometryFixer.Fix, and pass the result to Aoi.FromGeometry.");
                break;
        }

        return false;
    }

    /// <summary>
    /// Whether every vertex lies on one line (or coincides). Why not "area == 0": a symmetric bow-tie also has zero signed
    /// area, and it deserves a self-intersection report.
    /// </summary>
    private static bool IsDegenerate(Coordinate[] ring)
    {
        var first = ring[0];
        Coordinate? second = null;
        foreach (var c in ring)
        {
            if (second is null)
            {
                if (!c.Equals2D(first))
                {
                    second = c;
                }
            }
            else if (NetTopologySuite.Algorithm.Orientation.Index(first, second, c) != NetTopologySuite.Algorithm.OrientationIndex.Collinear)
            {
                return false;
            }
        }

        return true;
    }

    private static string DescribeCrossing(RingCrossing c)
    {
        var point = AoiFormat.Point(c.X, c.Y);
        return c.RingA == c.RingB
            ? string.Create(CultureInfo.InvariantCulture, $"The ring crosses itself at {point}: the edge from vertex {c.FromA} to {c.ToA} meets the edge from vertex {c.FromB} to {c.ToB}.")
            : string.Create(CultureInfo.InvariantCulture, $"Ring {c.RingA} and ring {c.RingB} cross at {point}: the edge from vertex {c.FromA} to {c.ToA} of ring {c.RingA} meets the edge from vertex {c.FromB} to {c.ToB} of ring {c.RingB}.");
    }

    private static Geometry Combine(List<Polygon> polygons)
    {
        Geometry result;
        if (polygons.Count == 1)
        {
            result = polygons[0];
        }
        else
        {
            var multi = Factory.CreateMultiPolygon(polygons.ToArray());

            // Overlapping or touching parts (typical of a FeatureCollection of neighbouring fields) are merged so the
            // AOI is a valid MultiPolygon and its area counts shared ground once.
            result = multi.IsValid ? multi : UnaryUnionOp.Union(polygons);
        }

        result = NormalizeWinding(result);
        result.SRID = 4326;
        return result;
    }
}
