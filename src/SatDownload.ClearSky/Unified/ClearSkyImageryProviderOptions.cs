namespace SatDownload.ClearSky.Unified;

/// <summary>
/// How <see cref="ClearSkyImageryProvider"/> finishes files under <see cref="SatDownloadClient"/> (the unified counterpart
/// of the attribution settings of <see cref="ClearSkyDownloadOptions"/>). With DI, set them with
/// <c>services.Configure&lt;ClearSkyImageryProviderOptions&gt;(...)</c>, or in the configuration section passed to
/// <c>AddClearSky(configuration)</c> (for example <c>SatDownload:ClearSky:WriteAttributionFile</c>).
/// </summary>
public sealed class ClearSkyImageryProviderOptions
{
    /// <summary>
    /// Write the attribution notice to <c>&lt;file&gt;.attribution.txt</c> next to each file (reported in
    /// <see cref="DownloadResult.AttributionFilePath"/> and catalogued). Default true, as
    /// <see cref="ClearSkyDownloadOptions.WriteAttributionFile"/>.
    /// </summary>
    public bool WriteAttributionFile { get; set; } = true;
}
