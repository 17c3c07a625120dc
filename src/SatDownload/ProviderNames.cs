namespace SatDownload;

/// <summary>
/// Well-known provider names used in <see cref="ImageryAsset.Provider"/>, file-name templates, telemetry tags and errors.
/// </summary>
public static class ProviderNames
{
    /// <summary>Sentinel Hub (Planet Insights Platform) and Copernicus Data Space Ecosystem.</summary>
    public const string SentinelHub = "sentinel-hub";

    /// <summary>ICEYE tasking.</summary>
    public const string Iceye = "iceye";

    /// <summary>Capella Space analytics.</summary>
    public const string Capella = "capella";

    /// <summary>EOS Data Analytics.</summary>
    public const string Eos = "eos";

    /// <summary>ClearSKY Vision.</summary>
    public const string ClearSky = "clearsky";

    /// <summary>Any plain http(s) URL, see <see cref="ImageryAsset.FromUrl(Uri, string?)"/>.</summary>
    public const string Url = "url";
}
