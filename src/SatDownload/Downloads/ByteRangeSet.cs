namespace SatDownload.Downloads;

/// <summary>
/// The byte ranges of a file known to be on disk, as sorted, disjoint, non-adjacent half-open intervals. Not thread-safe:
/// the transfer guards it with its own lock.
/// </summary>
internal sealed class ByteRangeSet
{
    private readonly List<ByteRange> _ranges = new();

    public ByteRangeSet()
    {
    }

    public ByteRangeSet(IEnumerable<ByteRange> ranges)
    {
        foreach (var r in ranges)
        {
            Add(r.Start, r.End);
        }
    }

    public IReadOnlyList<ByteRange> Ranges => _ranges;

    /// <summary>The number of bytes covered.</summary>
    public long Count
    {
        get
        {
            long sum = 0;
            foreach (var r in _ranges)
            {
                sum += r.Length;
            }

            return sum;
        }
    }

    /// <summary>The end of the range that starts at zero (0 when byte 0 is missing).</summary>
    public long ContiguousPrefix => _ranges.Count > 0 && _ranges[0].Start == 0 ? _ranges[0].End : 0;

    public void Clear() => _ranges.Clear();

    /// <summary>Adds [start, end), merging with overlapping or adjacent ranges.</summary>
    public void Add(long start, long end)
    {
        if (end <= start)
        {
            return;
        }

        // Fast path: extending the range that ends exactly here (the common case while streaming).
        var i = FindFirstEndingAtOrAfter(start);
        if (i < _ranges.Count && _ranges[i].Start <= end)
        {
            var newStart = Math.Min(start, _ranges[i].Start);
            var newEnd = Math.Max(end, _ranges[i].End);
            var j = i + 1;
            while (j < _ranges.Count && _ranges[j].Start <= newEnd)
            {
                newEnd = Math.Max(newEnd, _ranges[j].End);
                j++;
            }

            _ranges.RemoveRange(i + 1, j - i - 1);
            _ranges[i] = new ByteRange(newStart, newEnd);
        }
        else
        {
            _ranges.Insert(i, new ByteRange(start, end));
        }
    }

    /// <summary>Whether [0, total) is fully covered.</summary>
    public bool Covers(long total) => total == 0 || (_ranges.Count == 1 && _ranges[0].Start == 0 && _ranges[0].End >= total);

    /// <summary>The missing ranges within [0, total).</summary>
    public List<ByteRange> Missing(long total)
    {
        var gaps = new List<ByteRange>();
        long pos = 0;
        foreach (var r in _ranges)
        {
            if (r.Start >= total)
            {
                break;
            }

            if (r.Start > pos)
            {
                gaps.Add(new ByteRange(pos, r.Start));
            }

            pos = Math.Max(pos, r.End);
        }

        if (pos < total)
        {
            gaps.Add(new ByteRange(pos, total));
        }

        return gaps;
    }

    /// <summary>Drops everything at or beyond <paramref name="length"/> (the file is shorter than the record claims).</summary>
    public void TrimTo(long length)
    {
        for (var i = _ranges.Count - 1; i >= 0; i--)
        {
            if (_ranges[i].Start >= length)
            {
                _ranges.RemoveAt(i);
            }
            else if (_ranges[i].End > length)
            {
                _ranges[i] = new ByteRange(_ranges[i].Start, length);
            }
        }
    }

    private int FindFirstEndingAtOrAfter(long position)
    {
        int lo = 0, hi = _ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].End < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
