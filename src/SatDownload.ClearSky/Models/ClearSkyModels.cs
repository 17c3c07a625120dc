namespace SatDownload.ClearSky;

/// <summary>Model and constellation names ClearSKY documents (discover the current set with <see cref="ClearSkyClient.GetModelsAsync"/>).</summary>
public static class ClearSkyModels
{
    /// <summary>The default model.</summary>
    public const string Stratus2 = "Stratus2";

    /// <summary>The fast variant.</summary>
    public const string Stratus2Fast = "Stratus2Fast";

    /// <summary>The NDVI model.</summary>
    public const string NimbusNdvi = "Nimbus-NDVI";

    /// <summary>Sentinel-1 (Copernicus).</summary>
    public const string Sentinel1 = "Sentinel1";

    /// <summary>Sentinel-2 (Copernicus).</summary>
    public const string Sentinel2 = "Sentinel2";

    /// <summary>Landsat 8 and 9 (USGS).</summary>
    public const string Landsat89 = "Landsat89";
}
