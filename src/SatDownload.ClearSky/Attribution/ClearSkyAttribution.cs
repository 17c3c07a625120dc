using System.Globalization;

namespace SatDownload.ClearSky;

/// <summary>
/// Source-data attribution for ClearSKY outputs. ClearSKY requires the source notices to travel with outputs shared
/// outside the organisation; where ClearSKY states the notice (a response header or a JSON field) that text wins, otherwise
/// it is derived from the constellations: Copernicus wording for Sentinel (EU Regulation 1159/2013), USGS for Landsat.
/// </summary>
public static class ClearSkyAttribution
{
    /// <summary>Response headers read for a notice, in order (the real carrier is unconfirmed).</summary>
    public static IReadOnlyList<string> HeaderNames { get; } = ["X-ClearSky-Attribution", "X-Attribution", "X-Source-Attribution"];

    private static readonly string[] SourceWords = ["Copernicus", "Sentinel", "Landsat", "USGS", "\u00A9", "attribution"];

    /// <summary>The suffix of the text file written next to each downloaded file.</summary>
    public const string FileSuffix = ".attribution.txt";

    /// <summary>Derives the notice from the constellations and the data year.</summary>
    /// <param name="constellations">The constellations used (for example <c>Sentinel2</c>, <c>Landsat89</c>).</param>
    /// <param name="year">The year of the source data.</param>
    /// <returns>The notice; a generic Copernicus/USGS notice when no constellation is given.</returns>
    public static string FromConstellations(IEnumerable<string>? constellations, int year)
    {
        var list = constellations?.Where(c => !string.IsNullOrWhiteSpace(c)).ToList() ?? [];
        var y = year.ToString(CultureInfo.InvariantCulture);
        var sentinel = list.Count == 0 || list.Any(c => c.StartsWith("Sentinel", StringComparison.OrdinalIgnoreCase));
        var landsat = list.Count == 0 || list.Any(c => c.StartsWith("Landsat", StringComparison.OrdinalIgnoreCase));
        var parts = new List<string>();
        if (sentinel)
        {
            parts.Add($"Contains modified Copernicus Sentinel data {y}");
        }

        if (landsat)
        {
            parts.Add($"Landsat data courtesy of the U.S. Geological Survey ({y})");
        }

        var others = list.Where(c => !c.StartsWith("Sentinel", StringComparison.OrdinalIgnoreCase) && !c.StartsWith("Landsat", StringComparison.OrdinalIgnoreCase)).ToList();
        if (others.Count > 0)
        {
            parts.Add("Contains data from " + string.Join(", ", others) + " " + y);
        }

        return string.Join("; ", parts) + ". Processed by ClearSKY Vision.";
    }

    /// <summary>The first notice found in a response's headers, or null.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The notice, or null.</returns>
    public static string? FromHeaders(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return FromHeaderValue(name =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.FirstOrDefault() : null);
    }

    /// <summary>The first notice among <see cref="HeaderNames"/> that <paramref name="header"/> returns, unescaped; or null.</summary>
    internal static string? FromHeaderValue(Func<string, string?> header)
    {
        foreach (var name in HeaderNames)
        {
            if (header(name) is { Length: > 0 } value)
            {
                return Uri.UnescapeDataString(value.Trim());
            }
        }

        return null;
    }

    /// <summary>
    /// Settles the notice of a downloaded file the way every ClearSKY download does, and writes it next to the file when
    /// asked. Where ClearSKY carries the notice is unconfirmed: a response header wins, then the GeoTIFF's
    /// <c>ImageDescription</c>, then a notice known otherwise (a JSON field of the estimate or availability answer, or the
    /// file an earlier run wrote), then <paramref name="fallback"/> (derived from the constellations).
    /// </summary>
    /// <param name="filePath">The downloaded file.</param>
    /// <param name="headerNotice">The notice of the file response's header, when one was seen.</param>
    /// <param name="knownNotice">A notice ClearSKY gave otherwise, or null.</param>
    /// <param name="fallback">The derived notice.</param>
    /// <param name="writeFile">Whether to write <c>&lt;file&gt;.attribution.txt</c> (replacing an earlier one).</param>
    /// <param name="cancellationToken">Cancels the read and the write.</param>
    /// <returns>The notice, whether ClearSKY gave it (rather than it being derived), and the file written, if any.</returns>
    internal static async Task<ClearSkySettledAttribution> SettleAsync(
        string filePath, string? headerNotice, string? knownNotice, string fallback, bool writeFile, CancellationToken cancellationToken)
    {
        var fromProvider = headerNotice
            ?? await FromGeoTiffAsync(filePath, cancellationToken).ConfigureAwait(false)
            ?? knownNotice;
        var notice = fromProvider ?? fallback;
        var written = writeFile ? await WriteNextToAsync(filePath, notice, cancellationToken).ConfigureAwait(false) : null;
        return new ClearSkySettledAttribution(notice, fromProvider is not null, written);
    }

    /// <summary>The notice in the <c>&lt;file&gt;.attribution.txt</c> an earlier download wrote, or null.</summary>
    internal static async Task<string?> ReadWrittenAsync(string filePath, CancellationToken cancellationToken)
    {
        try
        {
            var text = await File.ReadAllTextAsync(filePath + FileSuffix, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // Missing (FileNotFoundException is an IOException) or unreadable: settle without it.
        }
    }

    /// <summary>
    /// The notice in a downloaded GeoTIFF's <c>ImageDescription</c> tag, or null. Only a description that names a source
    /// (Copernicus, Sentinel, Landsat, USGS, "©" or "attribution") counts: the tag may hold unrelated text.
    /// </summary>
    /// <param name="filePath">The downloaded GeoTIFF.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The notice, or null when the file has none (or is not a classic TIFF).</returns>
    public static async Task<string?> FromGeoTiffAsync(string filePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        string? description;
        try
        {
            description = await GeoTiffDescriptionReader.ReadAsync(filePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return description is not null && SourceWords.Any(w => description.Contains(w, StringComparison.OrdinalIgnoreCase)) ? description : null;
    }

    /// <summary>Writes <paramref name="attribution"/> to <c>&lt;file&gt;.attribution.txt</c> and returns that path.</summary>
    /// <param name="filePath">The downloaded file.</param>
    /// <param name="attribution">The notice.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The path of the attribution file.</returns>
    public static async Task<string> WriteNextToAsync(string filePath, string attribution, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        ArgumentNullException.ThrowIfNull(attribution);
        var path = filePath + FileSuffix;
        await File.WriteAllTextAsync(path, attribution + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        return path;
    }
}
