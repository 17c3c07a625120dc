namespace SatDownload.SentinelHub;

/// <summary>
/// Splits an output that exceeds the per-request pixel limit into a grid of sub-requests in the request's CRS.
/// Every tile has the same resolution as the whole output, and tile edges meet exactly, so the tiles mosaic without gaps.
/// </summary>
public static class LargeAreaSplitter
{
    /// <summary>Whether an output needs splitting.</summary>
    /// <param name="size">The output size.</param>
    /// <param name="maxPixels">The limit per side (2500 for Process).</param>
    /// <returns>True when any side exceeds the limit.</returns>
    public static bool NeedsSplit(OutputSize size, int maxPixels = SentinelHubClientOptions.ProcessMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(size);
        return size.Width > maxPixels || size.Height > maxPixels;
    }

    /// <summary>Splits an output into tiles of at most <paramref name="maxPixels"/> per side.</summary>
    /// <param name="bbox">min-x, min-y, max-x, max-y in the request CRS.</param>
    /// <param name="width">Total width in pixels.</param>
    /// <param name="height">Total height in pixels.</param>
    /// <param name="maxPixels">Limit per side.</param>
    /// <returns>Tiles row by row from the north-west corner.</returns>
    public static IReadOnlyList<GridTile> Split(IReadOnlyList<double> bbox, long width, long height, int maxPixels = SentinelHubClientOptions.ProcessMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(bbox);
        if (bbox.Count != 4 || !(bbox[2] > bbox[0]) || !(bbox[3] > bbox[1]))
        {
            throw new ArgumentException("The bbox must be [min-x, min-y, max-x, max-y] with max > min.", nameof(bbox));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);

        var columns = (int)((width + maxPixels - 1) / maxPixels);
        var rows = (int)((height + maxPixels - 1) / maxPixels);
        var resX = (bbox[2] - bbox[0]) / width;
        var resY = (bbox[3] - bbox[1]) / height;
        var colEdges = Edges(width, columns);
        var rowEdges = Edges(height, rows);
        var tiles = new List<GridTile>(rows * columns);
        for (var r = 0; r < rows; r++)
        {
            // Rows count from the north so tile r000 is the top of the mosaic.
            var maxY = r == 0 ? bbox[3] : bbox[3] - (rowEdges[r] * resY);
            var minY = r == rows - 1 ? bbox[1] : bbox[3] - (rowEdges[r + 1] * resY);
            for (var c = 0; c < columns; c++)
            {
                var minX = c == 0 ? bbox[0] : bbox[0] + (colEdges[c] * resX);
                var maxX = c == columns - 1 ? bbox[2] : bbox[0] + (colEdges[c + 1] * resX);
                tiles.Add(new GridTile(r, c, minX, minY, maxX, maxY, (int)(colEdges[c + 1] - colEdges[c]), (int)(rowEdges[r + 1] - rowEdges[r])));
            }
        }

        return tiles;
    }

    // Even split: sizes differ by at most one pixel, so no sliver tiles.
    private static long[] Edges(long total, int parts)
    {
        var edges = new long[parts + 1];
        for (var i = 0; i <= parts; i++)
        {
            edges[i] = total * i / parts;
        }

        return edges;
    }
}
