namespace SatDownload.SentinelHub;

/// <summary>Media types the Process API knows.</summary>
public static class SentinelHubFormats
{
    /// <summary>PNG (the default).</summary>
    public const string Png = "image/png";

    /// <summary>JPEG.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>GeoTIFF.</summary>
    public const string Tiff = "image/tiff";

    /// <summary>JSON (for <c>userdata</c>).</summary>
    public const string Json = "application/json";

    /// <summary>Raw bytes.</summary>
    public const string OctetStream = "application/octet-stream";

    /// <summary>Tar of several responses.</summary>
    public const string Tar = "application/tar";

    /// <summary>Zarr array (Batch v2 only).</summary>
    public const string ZarrArray = "zarr/array";

    /// <summary>The file extension Sentinel Hub uses for a format in tar members and Batch outputs.</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns>The extension with a leading dot.</returns>
    public static string ExtensionFor(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        Jpeg => ".jpg",
        Tiff => ".tif",
        Json => ".json",
        OctetStream => ".bin",
        ZarrArray => ".zarr",
        _ => ".png",
    };
}
