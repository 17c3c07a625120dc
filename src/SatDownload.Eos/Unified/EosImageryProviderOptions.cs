using SatDownload.Archives;

namespace SatDownload.Eos.Unified;

/// <summary>
/// How <see cref="EosImageryProvider"/> finishes result files under <see cref="SatDownloadClient"/> (the unified
/// counterpart of <see cref="Assets.EosDownloadOptions"/>). With DI, set them with
/// <c>services.Configure&lt;EosImageryProviderOptions&gt;(o =&gt; o.ExtractArchives = true)</c>, or in the configuration
/// section passed to <c>AddEos(configuration)</c> (for example <c>SatDownload:Eos:ExtractArchives</c>).
/// </summary>
public sealed class EosImageryProviderOptions
{
    /// <summary>
    /// Extract zip results safely (core <see cref="SafeZipExtractor"/>) into a folder next to the zip, named after it.
    /// Default false, as <see cref="Assets.EosDownloadOptions.ExtractArchives"/>. The files are reported in
    /// <see cref="DownloadResult.ExtractedFiles"/> and catalogued; the zip is kept (the download journal needs it to know the
    /// result is complete). A refused archive (an entry escaping the folder, a link, a size or ratio limit) fails that
    /// result with an <see cref="UnsafeArchiveException"/> and leaves nothing of it on disk.
    /// </summary>
    public bool ExtractArchives { get; set; }

    /// <summary>The limits applied when extracting; <see cref="ArchiveExtractionLimits.Default"/> when null.</summary>
    public ArchiveExtractionLimits? ExtractionLimits { get; set; }
}
