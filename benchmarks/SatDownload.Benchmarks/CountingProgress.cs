namespace SatDownload.Benchmarks;

/// <summary>A progress sink that only counts reports (the cost of reporting is measured, not the cost of printing).</summary>
internal sealed class CountingProgress(Action<DownloadProgress> onReport) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value) => onReport(value);
}
