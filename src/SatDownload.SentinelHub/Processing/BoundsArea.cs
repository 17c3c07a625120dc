using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>Area of request bounds in square metres (CRS84 via the core <see cref="Aoi"/>; projected CRSs from the bbox).</summary>
internal static class BoundsArea
{
    public static double? SquareMetres(ProcessBounds? bounds)
    {
        if (bounds is null)
        {
            return null;
        }

        var crs = bounds.Properties?.Crs;
        var geographic = crs is null || crs.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase) || crs.EndsWith("/4326", StringComparison.Ordinal);
        if (!geographic)
        {
            return bounds.Bbox is { Count: 4 } b ? (b[2] - b[0]) * (b[3] - b[1]) : null;
        }

        try
        {
            if (bounds.Geometry is { ValueKind: System.Text.Json.JsonValueKind.Object } g)
            {
                return Aoi.FromGeoJson(g.GetRawText()).AreaSquareKilometers * 1e6;
            }

            if (bounds.Bbox is { Count: 4 } bb)
            {
                return Aoi.FromBoundingBox(bb[0], bb[1], bb[2], bb[3]).AreaSquareKilometers * 1e6;
            }
        }
        catch (AoiValidationException)
        {
            return null;
        }

        return null;
    }
}
