using SatDownload.Archives;

namespace SatDownload.Eos.Assets;

/// <summary>How <see cref="EosClient.DownloadResultsAsync"/> fetches and post-processes a task's result files.</summary>
public sealed record EosDownloadOptions
{
    /// <summary>The shared downloader's options (concurrency, budget, file-name template, ...); its defaults when null.</summary>
    public DownloadOptions? Download { get; init; }

    /// <summary>
    /// Extract zip results safely into a folder next to the zip (named after it). Default false. A record of the extracted
    /// files (<c>&lt;zip&gt;.extracted.json</c>, not kept with <see cref="DeleteArchiveAfterExtraction"/>) lets a later
    /// download that finds the same zip complete report them without extracting again.
    /// </summary>
    public bool ExtractArchives { get; init; }

    /// <summary>Limits applied when extracting; <see cref="ArchiveExtractionLimits.Default"/> when null.</summary>
    public ArchiveExtractionLimits? ExtractionLimits { get; init; }

    /// <summary>Delete the zip once it has been extracted. Default false.</summary>
    public bool DeleteArchiveAfterExtraction { get; init; }
}
