using System.Globalization;

namespace SatDownload.SentinelHub;

/// <summary>One tile of a large-area request: its place in the grid, its bounds in the request CRS and its pixel size.</summary>
/// <param name="Row">Row from the top (north), 0-based.</param>
/// <param name="Column">Column from the left (west), 0-based.</param>
/// <param name="MinX">Minimum x in the request CRS.</param>
/// <param name="MinY">Minimum y.</param>
/// <param name="MaxX">Maximum x.</param>
/// <param name="MaxY">Maximum y.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record GridTile(int Row, int Column, double MinX, double MinY, double MaxX, double MaxY, int Width, int Height)
{
    /// <summary>A name such as <c>r001_c002</c>, used in file names.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"r{Row:D3}_c{Column:D3}");

    /// <summary>The bounds as the Process API's <c>bbox</c>.</summary>
    public double[] ToBbox() => [MinX, MinY, MaxX, MaxY];
}
