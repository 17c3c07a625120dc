using SatDownload.Downloads;

namespace SatDownload.Tests.Downloads;

public class ByteRangeSetTests
{
    [Fact]
    public void Adjacent_and_overlapping_ranges_merge()
    {
        var set = new ByteRangeSet();
        set.Add(0, 10);
        set.Add(10, 20);
        set.Add(30, 40);
        set.Add(35, 50);
        set.Add(25, 31);
        Assert.Equal(new[] { new ByteRange(0, 20), new ByteRange(25, 50) }, set.Ranges);
        Assert.Equal(45, set.Count);
        Assert.Equal(20, set.ContiguousPrefix);
        set.Add(20, 25);
        Assert.True(set.Covers(50));
        Assert.False(set.Covers(51));
    }

    [Fact]
    public void Missing_lists_the_gaps()
    {
        var set = new ByteRangeSet(new[] { new ByteRange(5, 10), new ByteRange(20, 30) });
        Assert.Equal(new[] { new ByteRange(0, 5), new ByteRange(10, 20), new ByteRange(30, 40) }, set.Missing(40));
        Assert.Equal(new[] { new ByteRange(0, 5), new ByteRange(10, 20) }, set.Missing(25));
    }

    [Fact]
    public void TrimTo_drops_bytes_beyond_the_file()
    {
        var set = new ByteRangeSet(new[] { new ByteRange(0, 10), new ByteRange(20, 30) });
        set.TrimTo(25);
        Assert.Equal(new[] { new ByteRange(0, 10), new ByteRange(20, 25) }, set.Ranges);
        set.TrimTo(5);
        Assert.Equal(new[] { new ByteRange(0, 5) }, set.Ranges);
    }

    [Fact]
    public void Random_adds_match_a_bitmap()
    {
        var rng = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var set = new ByteRangeSet();
            var bitmap = new bool[200];
            for (var i = 0; i < 15; i++)
            {
                var s = rng.Next(0, 200);
                var e = Math.Min(200, s + rng.Next(0, 30));
                set.Add(s, e);
                for (var k = s; k < e; k++)
                {
                    bitmap[k] = true;
                }
            }

            Assert.Equal(bitmap.Count(b => b), set.Count);
            for (var r = 1; r < set.Ranges.Count; r++)
            {
                Assert.True(set.Ranges[r - 1].End < set.Ranges[r].Start);
            }

            foreach (var gap in set.Missing(200))
            {
                for (var k = gap.Start; k < gap.End; k++)
                {
                    Assert.False(bitmap[k]);
                }
            }
        }
    }

    [Fact]
    public void Segment_plan_covers_exactly_the_missing_bytes_in_order()
    {
        var done = new ByteRangeSet(new[] { new ByteRange(0, 100), new ByteRange(250, 260) });
        var plan = SegmentPlanner.Plan(500, done, 64);
        Assert.Equal(
            new[]
            {
                new ByteRange(100, 164), new ByteRange(164, 228), new ByteRange(228, 250),
                new ByteRange(260, 324), new ByteRange(324, 388), new ByteRange(388, 452), new ByteRange(452, 500),
            },
            plan);
        Assert.Empty(SegmentPlanner.Plan(0, new ByteRangeSet(), 64));
        Assert.Equal(new[] { new ByteRange(0, 10) }, SegmentPlanner.Plan(10, new ByteRangeSet(), long.MaxValue));
    }

    [Fact]
    public void Tail_segments_are_cut_into_quarters_and_still_cover_exactly_the_missing_bytes()
    {
        const long MiB = 1024 * 1024;
        var done = new ByteRangeSet(new[] { new ByteRange(0, 16 * MiB) });
        var plan = SegmentPlanner.Plan(70 * MiB, done, 16 * MiB, tailSegments: 2);

        // 16..32 and 32..48 stay whole; 48..64 and 64..70 (the last two) are cut into quarters of at least 1 MiB.
        Assert.Equal(
            new[]
            {
                new ByteRange(16 * MiB, 32 * MiB), new ByteRange(32 * MiB, 48 * MiB),
                new ByteRange(48 * MiB, 52 * MiB), new ByteRange(52 * MiB, 56 * MiB), new ByteRange(56 * MiB, 60 * MiB), new ByteRange(60 * MiB, 64 * MiB),
                new ByteRange(64 * MiB, (64 * MiB) + 1572864), new ByteRange((64 * MiB) + 1572864, 67 * MiB), new ByteRange(67 * MiB, (67 * MiB) + 1572864), new ByteRange((67 * MiB) + 1572864, 70 * MiB),
            },
            plan);

        // Segments too small to cut (under 4 MiB) are left alone.
        Assert.Equal(SegmentPlanner.Plan(500, new ByteRangeSet(), 64), SegmentPlanner.Plan(500, new ByteRangeSet(), 64, tailSegments: 4));
    }
}
