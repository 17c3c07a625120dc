using System.Diagnostics;

namespace SatDownload.Downloads;

/// <summary>
/// Collects byte counts and states of every asset of a call and reports them, per asset and in aggregate, at most ten
/// times a second each (state changes are always reported). Reports are serialised so the caller's
/// <see cref="IProgress{T}"/> never runs concurrently with itself.
/// </summary>
internal sealed class ProgressTracker
{
    internal static readonly long MinIntervalTicks = Stopwatch.Frequency / 10;

    private readonly IProgress<DownloadProgress>? _progress;
    private readonly object _reportGate = new();
    private readonly List<AssetProgress> _assets = new();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private long _lastAggregateReport;

    public ProgressTracker(IProgress<DownloadProgress>? progress)
    {
        _progress = progress;
    }

    public AssetProgress Track(ImageryAsset asset)
    {
        var p = new AssetProgress(this, asset);
        lock (_assets)
        {
            _assets.Add(p);
        }

        return p;
    }

    internal void Publish(AssetProgress source, bool force)
    {
        if (_progress is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var report = source.Snapshot(now);
        DownloadProgress? aggregate = null;
        var last = Volatile.Read(ref _lastAggregateReport);
        if (force || now - last >= MinIntervalTicks)
        {
            if (Interlocked.CompareExchange(ref _lastAggregateReport, now, last) == last)
            {
                aggregate = Aggregate(now);
            }
        }

        lock (_reportGate)
        {
            _progress.Report(report);
            if (aggregate is not null)
            {
                _progress.Report(aggregate);
            }
        }
    }

    private DownloadProgress Aggregate(long now)
    {
        AssetProgress[] all;
        lock (_assets)
        {
            all = _assets.ToArray();
        }

        long done = 0, total = 0, sessionBytes = 0;
        var totalKnown = true;
        var finished = 0;
        foreach (var a in all)
        {
            done += a.BytesDone;
            sessionBytes += a.SessionBytes;
            if (a.Total is { } t)
            {
                total += t;
            }
            else
            {
                totalKnown = false;
            }

            if (a.State is DownloadState.Done or DownloadState.Failed or DownloadState.Skipped)
            {
                finished++;
            }
        }

        var seconds = Stopwatch.GetElapsedTime(_startTimestamp, now).TotalSeconds;
        var rate = seconds > 0 ? sessionBytes / seconds : 0;
        return new DownloadProgress
        {
            Asset = null,
            State = finished == all.Length ? DownloadState.Done : DownloadState.Downloading,
            BytesDownloaded = done,
            TotalBytes = totalKnown ? total : null,
            BytesPerSecond = rate,
            EstimatedRemaining = totalKnown && rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - done) / rate) : null,
            FilesCompleted = finished,
            FilesTotal = all.Length,
        };
    }
}
