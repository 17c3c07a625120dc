using NetTopologySuite.Geometries;

namespace SatDownload;

/// <summary>
/// Bounding box of a set of polygons that may lie on both sides of the antimeridian. Why: the plain envelope of a
/// MultiPolygon split at ±180° spans the whole globe; RFC 7946 §5.2 wants the box that spans the antimeridian
/// (west greater than east). The box wraps only when the area reaches the antimeridian from both sides (the RFC 7946
/// §3.1.9 split form); it is then the smallest longitude range covering every polygon. Parts that are merely far apart
/// (say at -100° and 100°) keep an ordinary box, because their area does not cross the antimeridian.
/// </summary>
internal static class LongitudeBounds
{
    public static BoundingBox Compute(Geometry geometry)
    {
        var envelope = geometry.EnvelopeInternal;
        var intervals = new List<(double West, double East)>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i).EnvelopeInternal;
            intervals.Add((part.MinX, part.MaxX));
        }

        intervals.Sort((a, b) => a.West.CompareTo(b.West));
        var merged = new List<(double West, double East)>();
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && interval.West <= merged[^1].East)
            {
                merged[^1] = (merged[^1].West, Math.Max(merged[^1].East, interval.East));
            }
            else
            {
                merged.Add(interval);
            }
        }

        if (envelope.MinX > -180 || envelope.MaxX < 180 || merged.Count == 1)
        {
            return new BoundingBox(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
        }

        // The gap across the antimeridian versus the largest gap between parts: the box leaves out the largest gap.
        var wrapGap = merged[0].West + 360 - merged[^1].East;
        var largestGap = 0.0;
        var largestIndex = -1;
        for (var i = 0; i + 1 < merged.Count; i++)
        {
            var gap = merged[i + 1].West - merged[i].East;
            if (gap > largestGap)
            {
                largestGap = gap;
                largestIndex = i;
            }
        }

        return largestIndex >= 0 && largestGap > wrapGap
            ? new BoundingBox(merged[largestIndex + 1].West, envelope.MinY, merged[largestIndex].East, envelope.MaxY)
            : new BoundingBox(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
    }
}
