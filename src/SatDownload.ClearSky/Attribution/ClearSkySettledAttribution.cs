namespace SatDownload.ClearSky;

/// <summary>The notice <see cref="ClearSkyAttribution.SettleAsync"/> settled for a downloaded file.</summary>
/// <param name="Notice">The notice.</param>
/// <param name="FromProvider">Whether ClearSKY gave it (header, GeoTIFF tag or JSON field) rather than it being derived.</param>
/// <param name="FilePath">The <c>.attribution.txt</c> written next to the file, or null.</param>
internal readonly record struct ClearSkySettledAttribution(string Notice, bool FromProvider, string? FilePath);
