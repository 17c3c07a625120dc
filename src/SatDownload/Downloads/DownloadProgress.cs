namespace SatDownload;

/// <summary>
/// A progress report: for one asset (<see cref="Asset"/> set) or for the whole call (<see cref="IsAggregate"/>).
/// Reports arrive at most ten times a second per download, plus one on every state change.
/// </summary>
public sealed class DownloadProgress
{
    /// <summary>The asset this report is about; null for aggregate reports.</summary>
    public ImageryAsset? Asset { get; init; }

    /// <summary>Whether this report sums every asset of the call.</summary>
    public bool IsAggregate => Asset is null;

    /// <summary>The asset's state; for aggregate reports <see cref="DownloadState.Downloading"/> until all assets are finished.</summary>
    public DownloadState State { get; init; }

    /// <summary>Bytes on disk so far (including bytes resumed from an earlier run).</summary>
    public long BytesDownloaded { get; init; }

    /// <summary>The total bytes, when known.</summary>
    public long? TotalBytes { get; init; }

    /// <summary>Recent transfer rate in bytes per second.</summary>
    public double BytesPerSecond { get; init; }

    /// <summary>The estimated time left, when the total and a rate are known.</summary>
    public TimeSpan? EstimatedRemaining { get; init; }

    /// <summary>For aggregate reports: assets finished (done, skipped or failed).</summary>
    public int FilesCompleted { get; init; }

    /// <summary>For aggregate reports: assets in the call.</summary>
    public int FilesTotal { get; init; }

    /// <summary>The fraction done between 0 and 1, when the total is known.</summary>
    public double? Fraction => TotalBytes is > 0 and { } t ? Math.Min(1.0, (double)BytesDownloaded / t) : TotalBytes == 0 ? 1.0 : null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Asset is null ? "all" : Asset.Identity)} {State} {BytesDownloaded}/{TotalBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes";
}
