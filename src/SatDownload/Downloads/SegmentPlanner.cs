namespace SatDownload.Downloads;

/// <summary>Splits the missing parts of a file into ranged requests of at most one segment each.</summary>
internal static class SegmentPlanner
{
    /// <summary>
    /// Plans the requests that fetch every byte of [0, total) not in <paramref name="completed"/>, each at most
    /// <paramref name="segmentSize"/> long, in file order.
    /// </summary>
    public static List<ByteRange> Plan(long total, ByteRangeSet completed, long segmentSize)
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
