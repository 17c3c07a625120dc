namespace SatDownload;

/// <summary>
/// Asset role names, following the STAC best-practice vocabulary so manifests written by SatDownload read naturally in STAC tools.
/// </summary>
public static class AssetRoles
{
    /// <summary>The primary data file.</summary>
    public const string Data = "data";

    /// <summary>Metadata describing the data (XML, JSON sidecars).</summary>
    public const string Metadata = "metadata";

    /// <summary>A small preview image.</summary>
    public const string Thumbnail = "thumbnail";

    /// <summary>A larger preview image.</summary>
    public const string Overview = "overview";

    /// <summary>A visual (RGB) rendition.</summary>
    public const string Visual = "visual";
}
