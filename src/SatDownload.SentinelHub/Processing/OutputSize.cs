using System.Globalization;

namespace SatDownload.SentinelHub;

/// <summary>The output raster size of a request and the bbox it covers, resolved from width/height or resx/resy.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Bbox">min-x, min-y, max-x, max-y in the request CRS (null when the request has neither bbox nor geometry).</param>
public sealed record OutputSize(long Width, long Height, IReadOnlyList<double>? Bbox)
{
    /// <summary>The default width/height the Process API uses when none is given.</summary>
    public const int DefaultSize = 256;

    /// <summary>Resolves the output size of a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The size.</returns>
    public static OutputSize Resolve(Models.ProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bounds = request.Input?.Bounds;
        IReadOnlyList<double>? bbox = bounds?.Bbox is { Count: 4 } b ? b.ToArray() : bounds?.Geometry is { } g ? GeoJsonBounds.Compute(g) : null;
        var o = request.Output;
        return Resolve(o?.Width, o?.Height, o?.ResX, o?.ResY, bbox);
    }

    /// <summary>Resolves a size from the output fields and the bbox.</summary>
    /// <param name="width">Width or null/0.</param>
    /// <param name="height">Height or null/0.</param>
    /// <param name="resx">Resolution x or null/0.</param>
    /// <param name="resy">Resolution y or null/0.</param>
    /// <param name="bbox">Bbox in CRS units.</param>
    /// <returns>The size.</returns>
    public static OutputSize Resolve(int? width, int? height, double? resx, double? resy, IReadOnlyList<double>? bbox)
    {
        double? dx = bbox is { Count: 4 } ? bbox[2] - bbox[0] : null;
        double? dy = bbox is { Count: 4 } ? bbox[3] - bbox[1] : null;
        if (resx is > 0 && resy is > 0)
        {
            if (dx is null || dy is null)
            {
                throw new ArgumentException("output.resx/resy need input.bounds (bbox or geometry) to size the output.", "request");
            }

            return new OutputSize(Math.Max(1, (long)Math.Ceiling((dx.Value / resx.Value) - 1e-9)), Math.Max(1, (long)Math.Ceiling((dy.Value / resy.Value) - 1e-9)), bbox);
        }

        var w = width is > 0 ? width : null;
        var h = height is > 0 ? height : null;
        if (w is null && h is null)
        {
            return new OutputSize(DefaultSize, DefaultSize, bbox);
        }

        if (w is not null && h is not null)
        {
            return new OutputSize(w.Value, h.Value, bbox);
        }

        // One side given: the service keeps the bbox's aspect ratio.
        var ratio = dx is > 0 && dy is > 0 ? dy.Value / dx.Value : 1.0;
        return w is not null
            ? new OutputSize(w.Value, Math.Max(1, (long)Math.Round(w.Value * ratio)), bbox)
            : new OutputSize(Math.Max(1, (long)Math.Round(h!.Value / ratio)), h.Value, bbox);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height} px");
}
