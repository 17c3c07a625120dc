namespace SatDownload;

/// <summary>Where an asset download stands, as reported in <see cref="DownloadProgress"/>.</summary>
public enum DownloadState
{
    /// <summary>Waiting for a free download slot.</summary>
    Queued,

    /// <summary>Bytes are flowing.</summary>
    Downloading,

    /// <summary>A fault occurred; waiting before the next attempt.</summary>
    Retrying,

    /// <summary>Continuing from bytes already on disk (after a fault in this run, or from a previous run).</summary>
    Resuming,

    /// <summary>All bytes are on disk; checking length and checksums before the atomic rename.</summary>
    Verifying,

    /// <summary>The file is complete, verified and at its final name.</summary>
    Done,

    /// <summary>The asset could not be downloaded; see <see cref="DownloadResult.Exception"/>.</summary>
    Failed,

    /// <summary>A complete file already existed and was kept.</summary>
    Skipped,
}
