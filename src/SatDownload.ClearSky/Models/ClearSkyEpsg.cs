namespace SatDownload.ClearSky;

/// <summary>Well-known values of <see cref="ClearSkyCompositeRequest.EpsgProjection"/>.</summary>
public static class ClearSkyEpsg
{
    /// <summary>47000: ClearSKY picks the best UTM zone.</summary>
    public const int AutomaticUtm = 47000;

    /// <summary>EPSG:4326, WGS 84 longitude/latitude.</summary>
    public const int Wgs84 = 4326;

    /// <summary>EPSG:3857, Web Mercator.</summary>
    public const int WebMercator = 3857;
}
