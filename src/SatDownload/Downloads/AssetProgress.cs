using System.Diagnostics;

namespace SatDownload.Downloads;

/// <summary>One asset's progress state, updated by its transfer and published through its <see cref="ProgressTracker"/>.</summary>
internal sealed class AssetProgress
{
    private readonly ProgressTracker _tracker;
    private readonly ImageryAsset _asset;
    private long _bytesDone;
    private long _sessionBytes;
    private long _total = -1;
    private int _state = (int)DownloadState.Queued;
    private long _lastReport;
    private long _startTimestamp = Stopwatch.GetTimestamp();

    public AssetProgress(ProgressTracker tracker, ImageryAsset asset)
    {
        _tracker = tracker;
        _asset = asset;
    }

    public long BytesDone => Volatile.Read(ref _bytesDone);

    public long SessionBytes => Volatile.Read(ref _sessionBytes);

    public long? Total => Volatile.Read(ref _total) is var t && t >= 0 ? t : null;

    public DownloadState State => (DownloadState)Volatile.Read(ref _state);

    /// <summary>Reports the initial <see cref="DownloadState.Queued"/> state.</summary>
    public void AnnounceQueued() => _tracker.Publish(this, force: false);

    public void Start() => _startTimestamp = Stopwatch.GetTimestamp();

    public void SetTotal(long? total) => Volatile.Write(ref _total, total ?? -1);

    /// <summary>Sets the bytes on disk without counting them as transferred now (resumed bytes, or a reset to zero).</summary>
    public void SetDone(long bytes) => Volatile.Write(ref _bytesDone, bytes);

    public void SetState(DownloadState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) != (int)state)
        {
            Volatile.Write(ref _lastReport, Stopwatch.GetTimestamp());
            _tracker.Publish(this, force: true);
        }
    }

    /// <summary>Counts newly written bytes; publishes at most ten times a second.</summary>
    public void AddBytes(long n)
    {
        Interlocked.Add(ref _bytesDone, n);
        Interlocked.Add(ref _sessionBytes, n);
        var now = Stopwatch.GetTimestamp();
        var last = Volatile.Read(ref _lastReport);
        if (now - last >= ProgressTracker.MinIntervalTicks && Interlocked.CompareExchange(ref _lastReport, now, last) == last)
        {
            _tracker.Publish(this, force: false);
        }
    }

    public DownloadProgress Snapshot(long now)
    {
        var seconds = Stopwatch.GetElapsedTime(_startTimestamp, now).TotalSeconds;
        var rate = seconds > 0 ? SessionBytes / seconds : 0;
        var total = Total;
        var done = BytesDone;
        return new DownloadProgress
        {
            Asset = _asset,
            State = State,
            BytesDownloaded = done,
            TotalBytes = total,
            BytesPerSecond = rate,
            EstimatedRemaining = total is { } t && rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, t - done) / rate) : null,
            FilesCompleted = State is DownloadState.Done or DownloadState.Skipped or DownloadState.Failed ? 1 : 0,
            FilesTotal = 1,
        };
    }
}
