namespace SatDownload.SentinelHub.Tests.Processing;

public sealed class LargeAreaSplitterTests
{
    [Fact]
    public void Splits_into_tiles_within_the_limit_that_cover_the_area_exactly()
    {
        double[] bbox = [500000, 5000000, 550000, 5030000];
        var tiles = LargeAreaSplitter.Split(bbox, 5001, 3000, 2500);

        Assert.Equal(6, tiles.Count); // 3 columns × 2 rows
        Assert.All(tiles, t => Assert.InRange(t.Width, 1, 2500));
        Assert.All(tiles, t => Assert.InRange(t.Height, 1, 2500));
        Assert.Equal(5001, tiles.Where(t => t.Row == 0).Sum(t => t.Width));
        Assert.Equal(3000, tiles.Where(t => t.Column == 0).Sum(t => t.Height));
        Assert.Equal(bbox[0], tiles.Where(t => t.Column == 0).Min(t => t.MinX));
        Assert.Equal(bbox[2], tiles.Where(t => t.Column == 2).Max(t => t.MaxX));
        Assert.Equal(bbox[3], tiles.Where(t => t.Row == 0).Max(t => t.MaxY));

        // Neighbours share edges, and each tile keeps the whole output's resolution.
        var r0c0 = tiles.Single(t => t is { Row: 0, Column: 0 });
        var r0c1 = tiles.Single(t => t is { Row: 0, Column: 1 });
        var r1c0 = tiles.Single(t => t is { Row: 1, Column: 0 });
        Assert.Equal(r0c0.MaxX, r0c1.MinX, 9);
        Assert.Equal(r0c0.MinY, r1c0.MaxY, 9);
        Assert.Equal(50000.0 / 5001, (r0c0.MaxX - r0c0.MinX) / r0c0.Width, 9);
        Assert.Equal("r001_c002", tiles[^1].Name);
    }

    [Fact]
    public void Small_outputs_are_not_split()
    {
        Assert.False(LargeAreaSplitter.NeedsSplit(new OutputSize(2500, 2500, null)));
        Assert.True(LargeAreaSplitter.NeedsSplit(new OutputSize(2501, 10, null)));
        Assert.Single(LargeAreaSplitter.Split([0, 0, 1, 1], 100, 100));
    }

    [Fact]
    public void Output_size_comes_from_resolution_and_bbox()
    {
        var size = OutputSize.Resolve(null, null, 10, 10, [500000, 5000000, 530000, 5010000]);
        Assert.Equal(3000, size.Width);
        Assert.Equal(1000, size.Height);
        var oneSide = OutputSize.Resolve(1000, null, null, null, [0, 0, 2, 1]);
        Assert.Equal(500, oneSide.Height);
    }
}
