using SatDownload.Eos.Models;

namespace SatDownload.Eos.Assets;

/// <summary>
/// The documented result-type rule of load-by-extent, and detection of the actual type from a response
/// (Content-Type, file name) or from the file's first bytes.
/// </summary>
/// <remarks>
/// The rule (doc.eos.com, download analytics): <b>jp2</b> when one band of Sentinel-2 is requested; otherwise <b>TIF</b>
/// when one band is requested without tile or product metadata, or when <c>merge</c> is true, all bands share one
/// resolution and no metadata is requested; otherwise <b>zip</b>.
/// </remarks>
public static class EosResultTypes
{
    private static readonly Dictionary<string, int> Sentinel2Resolution = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B01"] = 60, ["B02"] = 10, ["B03"] = 10, ["B04"] = 10, ["B05"] = 20, ["B06"] = 20, ["B07"] = 20,
        ["B08"] = 10, ["B8A"] = 20, ["B09"] = 60, ["B10"] = 60, ["B11"] = 20, ["B12"] = 20,
    };

    private static readonly Dictionary<string, int> Landsat8Resolution = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B1"] = 30, ["B2"] = 30, ["B3"] = 30, ["B4"] = 30, ["B5"] = 30, ["B6"] = 30, ["B7"] = 30,
        ["B8"] = 15, ["B9"] = 30, ["B10"] = 100, ["B11"] = 100,
    };

    /// <summary>Predicts the result type of a load-by-extent request.</summary>
    /// <param name="viewId">The view id (its prefix names the sensor).</param>
    /// <param name="bands">The requested bands.</param>
    /// <param name="merge">The <c>merge</c> flag; null means the provider default, true.</param>
    /// <param name="metadata">The requested metadata files, if any.</param>
    /// <returns>The prediction.</returns>
    public static EosResultPrediction Predict(string viewId, IReadOnlyCollection<string> bands, bool? merge, IReadOnlyCollection<string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var sensor = EosViewId.SensorOf(viewId);
        var hasMetadata = metadata is { Count: > 0 };
        var distinct = bands.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        if (distinct.Count == 1 && sensor == "S2")
        {
            return new(EosResultType.Jp2, true, "one band of Sentinel-2");
        }

        if (distinct.Count == 1 && !hasMetadata)
        {
            return new(EosResultType.Tif, true, "one band without metadata");
        }

        if ((merge ?? true) && !hasMetadata && distinct.Count > 1)
        {
            var resolutions = ResolutionsOf(sensor, distinct);
            if (resolutions is null)
            {
                return new(EosResultType.Zip, false, $"merged bands whose resolutions are unknown for sensor '{sensor ?? "unknown"}'");
            }

            if (resolutions.Count == 1)
            {
                return new(EosResultType.Tif, true, "merged bands of one resolution without metadata");
            }

            return new(EosResultType.Zip, true, "merged bands of different resolutions");
        }

        return new(EosResultType.Zip, true, hasMetadata ? "metadata requested" : "separate bands (merge is false)");
    }

    /// <summary>The file extension for a type, with the dot.</summary>
    /// <param name="type">The type.</param>
    /// <returns><c>.tif</c>, <c>.jp2</c>, <c>.zip</c>, or <c>.bin</c> for unknown.</returns>
    public static string ExtensionOf(EosResultType type) => type switch
    {
        EosResultType.Tif => ".tif",
        EosResultType.Jp2 => ".jp2",
        EosResultType.Zip => ".zip",
        _ => ".bin",
    };

    /// <summary>The media type for a type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The media type, or null when unknown.</returns>
    public static string? MediaTypeOf(EosResultType type) => type switch
    {
        EosResultType.Tif => "image/tiff; application=geotiff",
        EosResultType.Jp2 => "image/jp2",
        EosResultType.Zip => "application/zip",
        _ => null,
    };

    /// <summary>Reads the type from a response's Content-Type and file name (Content-Disposition or URL path).</summary>
    /// <param name="contentType">The media type, if any.</param>
    /// <param name="fileName">The file name or URL path, if any.</param>
    /// <returns>The type, or <see cref="EosResultType.Unknown"/>.</returns>
    public static EosResultType FromResponse(string? contentType, string? fileName)
    {
        var ext = string.IsNullOrEmpty(fileName) ? string.Empty : Path.GetExtension(fileName).ToLowerInvariant();
        switch (ext)
        {
            case ".tif":
            case ".tiff":
                return EosResultType.Tif;
            case ".jp2":
            case ".j2k":
                return EosResultType.Jp2;
            case ".zip":
                return EosResultType.Zip;
        }

        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "image/tiff" or "image/tif" or "image/geotiff" => EosResultType.Tif,
            "image/jp2" or "image/jpx" or "image/jpeg2000" => EosResultType.Jp2,
            "application/zip" or "application/x-zip-compressed" or "application/x-zip" => EosResultType.Zip,
            _ => EosResultType.Unknown,
        };
    }

    /// <summary>Detects the type from a file's first bytes (TIFF/BigTIFF, JP2 signature box or raw codestream, zip local header).</summary>
    /// <param name="header">At least the first 12 bytes of the file.</param>
    /// <returns>The type, or <see cref="EosResultType.Unknown"/>.</returns>
    public static EosResultType FromSignature(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 4 &&
            ((header[0] == (byte)'I' && header[1] == (byte)'I' && (header[2] == 42 || header[2] == 43) && header[3] == 0) ||
             (header[0] == (byte)'M' && header[1] == (byte)'M' && header[2] == 0 && (header[3] == 42 || header[3] == 43))))
        {
            return EosResultType.Tif;
        }

        if (header.Length >= 4 && header[0] == (byte)'P' && header[1] == (byte)'K' &&
            ((header[2] == 3 && header[3] == 4) || (header[2] == 5 && header[3] == 6)))
        {
            return EosResultType.Zip;
        }

        ReadOnlySpan<byte> jp2Box = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];
        ReadOnlySpan<byte> j2kCodestream = [0xFF, 0x4F, 0xFF, 0x51];
        if (header.StartsWith(jp2Box) || header.StartsWith(j2kCodestream))
        {
            return EosResultType.Jp2;
        }

        return EosResultType.Unknown;
    }

    /// <summary>Reads the type of a file on disk from its first bytes.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The type, or <see cref="EosResultType.Unknown"/>.</returns>
    public static EosResultType FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Span<byte> buffer = stackalloc byte[16];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return FromSignature(buffer[..read]);
    }

    private static HashSet<int>? ResolutionsOf(string? sensor, IReadOnlyList<string> bands)
    {
        Dictionary<string, int>? table = sensor switch
        {
            "S2" => Sentinel2Resolution,
            "L8" or "L9" => Landsat8Resolution,
            _ => null,
        };
        if (table is null)
        {
            return null;
        }

        var set = new HashSet<int>();
        foreach (var band in bands)
        {
            if (!table.TryGetValue(band, out var resolution))
            {
                return null;
            }

            set.Add(resolution);
        }

        return set;
    }
}
