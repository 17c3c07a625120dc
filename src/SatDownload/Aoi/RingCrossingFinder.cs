using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace SatDownload;

/// <summary>
/// Finds where the rings of one polygon cross themselves or each other, with the edges involved. Why: NetTopologySuite's
/// validity check stops at the first error; users fixing a hand-drawn AOI want every crossing. A sweep over edges sorted
/// by their western end keeps this near O(n log n) for ordinary polygons.
/// </summary>
internal static class RingCrossingFinder
{
    public static List<RingCrossing> Find(Coordinate[][] rings, int max)
    {
        var edges = new List<Edge>();
        for (var r = 0; r < rings.Length; r++)
        {
            var ring = rings[r];

            // Repeated consecutive positions would make zero-length edges whose neighbours look non-adjacent.
            var vertices = new List<int>();
            for (var v = 0; v < ring.Length; v++)
            {
                if (vertices.Count == 0 || !ring[vertices[^1]].Equals2D(ring[v]))
                {
                    vertices.Add(v);
                }
            }

            var edgeCount = vertices.Count - 1;
            for (var e = 0; e < edgeCount; e++)
            {
                edges.Add(new Edge(r, e, edgeCount, vertices[e], vertices[e + 1], ring[vertices[e]], ring[vertices[e + 1]]));
            }
        }

        edges.Sort((a, b) => a.MinX.CompareTo(b.MinX));
        var found = new List<RingCrossing>();
        var seen = new HashSet<(double, double)>();
        var intersector = new RobustLineIntersector();
        for (var i = 0; i < edges.Count && found.Count < max; i++)
        {
            var a = edges[i];
            for (var j = i + 1; j < edges.Count && edges[j].MinX <= a.MaxX && found.Count < max; j++)
            {
                var b = edges[j];
                if (b.MinY > a.MaxY || b.MaxY < a.MinY || (a.Ring == b.Ring && AreAdjacent(a, b)))
                {
                    continue;
                }

                intersector.ComputeIntersection(a.P0, a.P1, b.P0, b.P1);
                if (!intersector.HasIntersection)
                {
                    continue;
                }

                // Different rings may touch at a single point (valid); a crossing or a shared stretch is not.
                if (a.Ring != b.Ring && !intersector.IsProper && intersector.IntersectionNum < 2)
                {
                    continue;
                }

                var point = intersector.GetIntersection(0);
                if (!seen.Add((point.X, point.Y)))
                {
                    continue;
                }

                var (first, second) = a.Ring < b.Ring || (a.Ring == b.Ring && a.Index < b.Index) ? (a, b) : (b, a);
                found.Add(new RingCrossing(point.X, point.Y, first.Ring, first.From, first.To, second.Ring, second.From, second.To));
            }
        }

        return found;
    }

    private static bool AreAdjacent(Edge a, Edge b)
    {
        var distance = Math.Abs(a.Index - b.Index);
        return distance <= 1 || distance == a.EdgeCount - 1;
    }

    private readonly struct Edge
    {
        public Edge(int ring, int index, int edgeCount, int from, int to, Coordinate p0, Coordinate p1)
        {
            Ring = ring;
            Index = index;
            EdgeCount = edgeCount;
            From = from;
            To = to;
            P0 = p0;
            P1 = p1;
            MinX = Math.Min(p0.X, p1.X);
            MaxX = Math.Max(p0.X, p1.X);
            MinY = Math.Min(p0.Y, p1.Y);
            MaxY = Math.Max(p0.Y, p1.Y);
        }

        public int Ring { get; }

        public int Index { get; }

        public int EdgeCount { get; }

        public int From { get; }

        public int To { get; }

        public Coordinate P0 { get; }

        public Coordinate P1 { get; }

        public double MinX { get; }

        public double MaxX { get; }

        public double MinY { get; }

        public double MaxY { get; }
    }
}
