namespace SatDownload;

/// <summary>Limits applied when an <see cref="Aoi"/> is created.</summary>
public sealed class AoiValidationOptions
{
    /// <summary>The defaults (10,000 vertices, JSON depth 64, WKT depth 16).</summary>
    public static AoiValidationOptions Default { get; } = new();

    /// <summary>
    /// Maximum number of vertices (positions, counting each ring's closing position) across all polygons. Default 10,000.
    /// Providers reject or slow down on very detailed AOIs; simplify larger inputs first.
    /// </summary>
    public int MaxVertices { get; init; } = 10_000;

    /// <summary>Maximum JSON nesting depth accepted by <see cref="Aoi.FromGeoJson(string, AoiValidationOptions?)"/>. Default 64.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>
    /// Maximum parenthesis nesting accepted by <see cref="Aoi.FromWkt(string, AoiValidationOptions?)"/> (a POLYGON needs 2,
    /// a MULTIPOLYGON 3, a GEOMETRYCOLLECTION of them 4). Default 16.
    /// </summary>
    public int MaxWktDepth { get; init; } = 16;

    internal void Validate()
    {
        if (MaxWktDepth < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWktDepth), MaxWktDepth, "MaxWktDepth must be at least 4 (a GEOMETRYCOLLECTION of MULTIPOLYGONs).");
        }

        if (MaxVertices < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxVertices), MaxVertices, "MaxVertices must be at least 4 (a triangle with its closing position).");
        }

        if (MaxJsonDepth < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxJsonDepth), MaxJsonDepth, "MaxJsonDepth must be at least 8 (a MultiPolygon inside a FeatureCollection).");
        }
    }
}
