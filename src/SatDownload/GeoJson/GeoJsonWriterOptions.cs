namespace SatDownload.GeoJson;

/// <summary>Options for <see cref="GeoJsonWriter"/> and <see cref="GeoJsonConverterFactory"/>.</summary>
public sealed class GeoJsonWriterOptions
{
    /// <summary>The defaults: RFC 7946 winding enforced, no <c>bbox</c> member.</summary>
    public static GeoJsonWriterOptions Default { get; } = new();

    /// <summary>
    /// Writes polygon rings in RFC 7946 §3.1.6 order: exterior rings counter-clockwise, holes clockwise, reversing
    /// the coordinate order when the geometry has them the other way round. The geometry itself is not changed.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool EnforceRfc7946Winding { get; init; } = true;

    /// <summary>Adds a <c>bbox</c> member [west, south, east, north] computed from each geometry's envelope. Default <see langword="false"/>.</summary>
    public bool WriteBoundingBox { get; init; }
}
