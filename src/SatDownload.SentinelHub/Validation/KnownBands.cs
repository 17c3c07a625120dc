namespace SatDownload.SentinelHub;

/// <summary>Band names of the common collections, to catch a misspelt band before a request is billed.</summary>
public static class KnownBands
{
    private static readonly string[] Sentinel2Common =
        ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12", "sunAzimuthAngles", "sunZenithAngles", "viewAzimuthMean", "viewZenithMean", "dataMask"];

    private static readonly Dictionary<string, HashSet<string>> Bands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sentinel-2-l1c"] = new(Sentinel2Common.Concat(["B10", "CLM", "CLP"]), StringComparer.Ordinal),
        ["sentinel-2-l2a"] = new(Sentinel2Common.Concat(["AOT", "SCL", "SNW", "CLD", "WVP", "CLM", "CLP"]), StringComparer.Ordinal),
        ["sentinel-1-grd"] = new(["VV", "VH", "HH", "HV", "localIncidenceAngle", "scatteringArea", "shadowMask", "dataMask"], StringComparer.Ordinal),
        ["dem"] = new(["DEM", "dataMask"], StringComparer.Ordinal),
    };

    /// <summary>The bands of a collection type, or null when the collection is not in the table (no check then).</summary>
    /// <param name="collectionType">The <c>input.data[].type</c>.</param>
    /// <returns>The band names or null.</returns>
    public static IReadOnlySet<string>? For(string collectionType) => Bands.TryGetValue(collectionType, out var set) ? set : null;

    /// <summary>Throws when the evalscript names a band that none of the request's (known) collections has.</summary>
    /// <param name="evalscript">The evalscript.</param>
    /// <param name="collectionTypes">The request's collection types.</param>
    /// <param name="paramName">Parameter name for the exception.</param>
    public static void Validate(string? evalscript, IEnumerable<string> collectionTypes, string paramName)
    {
        ArgumentNullException.ThrowIfNull(collectionTypes);
        var sets = collectionTypes.Select(For).ToList();
        if (sets.Count == 0 || sets.Any(s => s is null))
        {
            return; // BYOC, Landsat, fusion with an unknown collection: the service decides.
        }

        foreach (var band in EvalscriptInfo.Parse(evalscript).InputBands)
        {
            if (!sets.Any(s => s!.Contains(band)))
            {
                var known = string.Join(", ", sets.SelectMany(s => s!).Distinct().Order(StringComparer.Ordinal));
                throw new ArgumentException($"The evalscript requests band '{band}', which {string.Join(" / ", collectionTypes)} does not have. Known bands: {known}.", paramName);
            }
        }
    }
}
