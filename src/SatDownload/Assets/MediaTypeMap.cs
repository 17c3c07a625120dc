namespace SatDownload.Assets;

/// <summary>
/// The one table between media types and file extensions: the downloader names files from an asset's media type
/// (<see cref="ExtensionFor"/>), the STAC writer types files it only knows by name (<see cref="MediaTypeFor"/>).
/// </summary>
internal static class MediaTypeMap
{
    // Bare media type → extension. For the way back, the first media type listed for an extension wins.
    private static readonly (string MediaType, string Extension)[] Pairs =
    [
        ("image/tiff", ".tif"),
        ("image/jp2", ".jp2"),
        ("image/png", ".png"),
        ("image/jpeg", ".jpg"),
        ("application/zip", ".zip"),
        ("application/x-tar", ".tar"),
        ("application/gzip", ".gz"),
        ("application/json", ".json"),
        ("application/geo+json", ".geojson"),
        ("application/xml", ".xml"),
        ("text/xml", ".xml"),
        ("application/x-hdf5", ".h5"),
        ("application/x-netcdf", ".nc"),
        ("text/plain", ".txt"),
        ("text/csv", ".csv"),
        ("application/pdf", ".pdf"),
    ];

    private static readonly Dictionary<string, string> ExtensionsByMediaType = Pairs
        .GroupBy(p => p.MediaType, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Extension, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> MediaTypesByExtension = BuildMediaTypesByExtension();

    private static readonly HashSet<string> RasterExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".tif", ".tiff", ".jp2", ".png", ".jpg", ".jpeg", ".nc", ".h5",
    };

    /// <summary>The extension for a media type (its parameters ignored), or an empty string when unknown.</summary>
    public static string ExtensionFor(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return string.Empty;
        }

        var bare = mediaType.Split(';')[0].Trim();
        return ExtensionsByMediaType.TryGetValue(bare, out var ext) ? ext : string.Empty;
    }

    /// <summary>The media type of a file judged by its extension, or null when unknown. TIFF files are reported as GeoTIFF.</summary>
    public static string? MediaTypeFor(string path) =>
        MediaTypesByExtension.TryGetValue(Path.GetExtension(path), out var type) ? type : null;

    /// <summary>Whether the file's extension is an image or gridded-data format (a STAC <c>data</c> asset rather than <c>metadata</c>).</summary>
    public static bool IsRaster(string path) => RasterExtensions.Contains(Path.GetExtension(path));

    private static Dictionary<string, string> BuildMediaTypesByExtension()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (mediaType, extension) in Pairs)
        {
            map.TryAdd(extension, mediaType);
        }

        // Imagery TIFFs are GeoTIFFs; say so, as providers' catalogues do.
        map[".tif"] = map[".tiff"] = "image/tiff; application=geotiff";
        map[".jpeg"] = "image/jpeg";
        return map;
    }
}
