namespace SatDownload.Downloads;

/// <summary>Splits the missing parts of a file into ranged requests of at most one segment each.</summary>
internal static class SegmentPlanner
{
    /// <summary>
    /// Plans the requests that fetch every byte of [0, total) not in <paramref name="completed"/>, each at most
    /// <paramref name="segmentSize"/> long, in file order.
    /// </summary>
    public static List<ByteRange> Plan(long total, ByteRangeSet completed, long segmentSize) => Plan(total, completed, segmentSize, tailSegments: 0);

    /// <summary>
    /// Like <see cref="Plan(long, ByteRangeSet, long)"/>, but the last <paramref name="tailSegments"/> segments are cut
    /// into quarters (never below <see cref="MinTailPiece"/>).
    /// </summary>
    /// <remarks>
    /// Why: parallel connections finish their last segments at about the same time, and every byte beyond the hashed
    /// prefix must then be read back and hashed before the file can be committed; with quarter-size pieces at the end,
    /// the connections finish closer together and that tail is a quarter as long (docs/performance.md).
    /// </remarks>
    public static List<ByteRange> Plan(long total, ByteRangeSet completed, long segmentSize, int tailSegments)
    {
        var plan = PlanEven(total, completed, segmentSize);
        if (tailSegments <= 0 || segmentSize < 4 * MinTailPiece || plan.Count == 0)
        {
            return plan;
        }

        var split = Math.Min(tailSegments, plan.Count);
        var result = plan.GetRange(0, plan.Count - split);
        foreach (var r in plan.GetRange(plan.Count - split, split))
        {
            var piece = Math.Max(MinTailPiece, (r.End - r.Start + 3) / 4);
            for (var start = r.Start; start < r.End; start += piece)
            {
                result.Add(new ByteRange(start, Math.Min(r.End, start + piece)));
            }
        }

        return result;
    }

    /// <summary>The smallest piece a tail segment is cut into.</summary>
    public const long MinTailPiece = 1024 * 1024;

    private static List<ByteRange> PlanEven(long total, ByteRangeSet completed, long segmentSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 1);
        var plan = new List<ByteRange>();
        foreach (var gap in completed.Missing(total))
        {
            for (var start = gap.Start; start < gap.End;)
            {
                var end = start + Math.Min(segmentSize, gap.End - start); // no overflow for "one segment per gap"
                plan.Add(new ByteRange(start, end));
                start = end;
            }
        }

        return plan;
    }
}
