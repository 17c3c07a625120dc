namespace SatDownload.Eos.Assets;

/// <summary>The file type of a load-by-extent result.</summary>
public enum EosResultType
{
    /// <summary>Not known yet.</summary>
    Unknown,

    /// <summary>A GeoTIFF (<c>.tif</c>).</summary>
    Tif,

    /// <summary>A JPEG 2000 file (<c>.jp2</c>), for one Sentinel-2 band.</summary>
    Jp2,

    /// <summary>A zip of several files (separate bands, metadata).</summary>
    Zip,
}
