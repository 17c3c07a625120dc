namespace SatDownload.ClearSky;

/// <summary>How an <see cref="Aoi"/> is sent to ClearSKY.</summary>
public enum ClearSkyGeometryEncoding
{
    /// <summary>As the <c>Wkt</c> field (what ClearSKY's examples use).</summary>
    Wkt = 0,

    /// <summary>As the <c>GeoJson</c> field (a GeoJSON geometry object).</summary>
    GeoJson = 1,
}
