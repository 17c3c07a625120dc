using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using SatDownload.Diagnostics;
using SatDownload.Http;

namespace SatDownload.Downloads;

/// <summary>
/// Downloads one asset: resolves its location, fetches missing byte ranges (in parallel segments when the server allows),
/// writes them at their offsets into <c>&lt;final&gt;.part</c>, keeps a sidecar of completed ranges, retries and resumes
/// faults, re-resolves refused or expired locations, verifies, and commits with an atomic rename.
/// </summary>
/// <remarks>
/// Invariants: a byte is recorded as complete only after it is written; the sidecar records only flushed bytes; every
/// ranged request after the first carries the pinned validator, so bytes of two versions of a file are never mixed.
/// </remarks>
internal sealed class AssetTransfer
{
    private readonly HttpClient _http;
    private readonly AssetDownloaderOptions _settings;
    private readonly DownloadOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly BudgetTracker _budget;
    private readonly AssetProgress _progress;
    private readonly ImageryAsset _asset;
    private readonly string _finalPath;
    private readonly string _partPath;
    private readonly string _sidecarPath;
    private readonly KeyValuePair<string, object?> _providerTag;

    // Guarded by _gate: what is on disk and what the server said the file is.
    private readonly object _gate = new();
    private readonly ByteRangeSet _completed = new();
    private long _completedCount;
    private long _maxCompleted;
    private long? _total;
    private EntityTagHeaderValue? _etag;
    private DateTimeOffset? _lastModified;
    private string? _s3Md5;
    private bool _segmentsStarted;

    private readonly SemaphoreSlim _resolveGate = new(1, 1);
    private DownloadLocation? _location;
    private int _resolutions;
    private bool _generated;

    private FileStream? _file;
    private SafeFileHandle? _handle;
    private FileHasher? _hasher;
    private Task _checkpointTask = Task.CompletedTask;
    private int _checkpointRunning;
    private long _lastCheckpoint;
    private long _lastCheckpointBytes;
    private long _releasedUpTo; // these two are only touched by Checkpoint, which never runs twice at once
    private long _advisedUpTo;

    private int _refreshes;
    private int _requests;
    private long _bytesReceived;
    private long _initialTrusted;
    private int _noProgressFailures;
    private bool _resumed;
    private long _reservedBytes;
    private long _diskReservedFor = -1; // the size whose blocks were reserved on disk (DiskSpace), -1 when none

    // Adaptive splitting: while one connection runs alone, opens the others once it proves slow (see MaybeAddConnections).
    private Action? _addConnections;
    private long _probeStartTicks;
    private int _aloneProvenFast; // 1 once a probe window measured the lone connection at or above the threshold
    private long _probeStartBytes;

    /// <summary>How many bytes of written buffers may wait for the hashing worker, per file.</summary>
    private const int MaxQueuedHashBytes = 8 * 1024 * 1024;

    /// <summary>The longest a connection gathers bytes into one buffer before writing what it has.</summary>
    private static readonly TimeSpan FillWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>Bodies at least this large hand their buffers to the hashing worker; smaller ones are hashed inline.</summary>
    private const long HandOverThreshold = 4 * 1024 * 1024;

    /// <summary>How long one connection is watched before its throughput decides whether more connections open.</summary>
    private static readonly long ProbeWindowTicks = Stopwatch.Frequency / 4;

    /// <summary>How soon a connection far slower than the threshold (under a quarter of it) is judged slow.</summary>
    private static readonly long EarlyProbeTicks = Stopwatch.Frequency / 20;

    /// <summary>Clients already warned that they follow redirects on their own (one warning per client).</summary>
    private static readonly ConditionalWeakTable<HttpClient, object> ClientsWarnedOfAutoRedirect = new();

    /// <summary>How many planned segments one connection running alone fetches per request (see DrainQueueAsync).</summary>
    private const int AloneSpanSegments = 4;

    public AssetTransfer(
        HttpClient http,
        AssetDownloaderOptions settings,
        DownloadOptions options,
        ILogger logger,
        BudgetTracker budget,
        AssetProgress progress,
        ImageryAsset asset,
        string finalPath)
    {
        _http = http;
        _settings = settings;
        _options = options;
        _logger = logger;
        _time = settings.TimeProvider ?? TimeProvider.System;
        _budget = budget;
        _progress = progress;
        _asset = asset;
        _finalPath = finalPath;
        _partPath = PartSidecarStore.PartPathFor(finalPath);
        _sidecarPath = PartSidecarStore.SidecarPathFor(finalPath);
        _providerTag = new KeyValuePair<string, object?>("provider", asset.Provider);
    }

    private bool Segmenting => _options.MaxConnectionsPerFile > 1;

    /// <summary>Whether a complete file already sits at the final path and the policy keeps it.</summary>
    /// <exception cref="IOException">The file exists and the policy is <see cref="ExistingFilePolicy.Fail"/>.</exception>
    public static bool ShouldKeepExisting(ImageryAsset asset, string finalPath, ExistingFilePolicy policy)
    {
        if (!File.Exists(finalPath))
        {
            return false;
        }

        switch (policy)
        {
            case ExistingFilePolicy.Fail:
                throw new IOException(
                    $"'{finalPath}' already exists and DownloadOptions.ExistingFilePolicy is Fail. Remove the file or choose Resume, SkipIfComplete or Overwrite.");
            case ExistingFilePolicy.Overwrite:
                return false;
            default:
                // Files reach their final name only complete and verified, so a size match (or no size to compare) means done.
                return asset.Size is not { } size || new FileInfo(finalPath).Length == size;
        }
    }

    public async Task<DownloadResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = SatDownloadDiagnostics.ActivitySource.StartActivity("SatDownload.Download");
        activity?.SetTag("satdownload.provider", _asset.Provider);
        activity?.SetTag("satdownload.asset", _asset.Identity);
        _progress.Start();
        try
        {
            if (ShouldKeepExisting(_asset, _finalPath, _options.ExistingFilePolicy))
            {
                var length = new FileInfo(_finalPath).Length;
                _progress.SetTotal(length);
                _progress.SetDone(length);
                _progress.SetState(DownloadState.Skipped);
                DownloadLog.Skipped(_logger, _asset.Identity, _finalPath);
                SatDownloadDiagnostics.FilesCompleted.Add(1, _providerTag, new KeyValuePair<string, object?>("outcome", "skipped"));
                activity?.SetTag("satdownload.outcome", "skipped");
                return new DownloadResult
                {
                    Asset = _asset,
                    Succeeded = true,
                    Skipped = true,
                    FilePath = _finalPath,
                    BytesWritten = length,
                    Attribution = _asset.Attribution,
                    Duration = Stopwatch.GetElapsedTime(started),
                };
            }

            _budget.ReserveFile(_asset.Cost);
            if (_asset.Size is { } listed)
            {
                _budget.EnsureBytes(ref _reservedBytes, listed);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_finalPath)!);
            OpenPartFile();
            _progress.SetState(_resumed ? DownloadState.Resuming : DownloadState.Downloading);
            await TransferAsync(cancellationToken).ConfigureAwait(false);

            _progress.SetState(DownloadState.Verifying);
            var (size, sha256) = await CommitAsync(cancellationToken).ConfigureAwait(false);
            var duration = Stopwatch.GetElapsedTime(started);
            _progress.SetDone(size);
            _progress.SetTotal(size);
            _progress.SetState(DownloadState.Done);
            DownloadLog.Completed(_logger, _asset.Identity, size, duration, sha256);
            SatDownloadDiagnostics.BytesDownloaded.Add(Interlocked.Read(ref _bytesReceived), _providerTag);
            SatDownloadDiagnostics.FilesCompleted.Add(1, _providerTag, new KeyValuePair<string, object?>("outcome", "succeeded"));
            activity?.SetTag("satdownload.outcome", "succeeded");
            activity?.SetTag("satdownload.bytes", size);
            return new DownloadResult
            {
                Asset = _asset,
                Succeeded = true,
                FilePath = _finalPath,
                BytesWritten = size,
                Sha256 = sha256,
                Duration = duration,
                Attempts = _requests,
                BytesRetransmitted = Math.Max(0, Interlocked.Read(ref _bytesReceived) - (size - _initialTrusted)),
                Resumed = _resumed,
                Attribution = _asset.Attribution,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CloseForResumeAsync().ConfigureAwait(false);
            SatDownloadDiagnostics.BytesDownloaded.Add(Interlocked.Read(ref _bytesReceived), _providerTag);
            activity?.SetTag("satdownload.outcome", "canceled");
            throw;
        }
        catch (Exception caught) when (caught is not OutOfMemoryException)
        {
            // Internal fault types never reach callers: they become the documented public exceptions.
            var ex = caught switch
            {
                TransientFaultException or TransferRestartException => new DownloadFailedException($"{_asset.Identity}: {Redactor.Redact(caught.Message)}", caught),
                _ => caught,
            };
            await CloseForResumeAsync().ConfigureAwait(false);
            _budget.ReleaseBytes(Math.Max(0, Volatile.Read(ref _reservedBytes) - Volatile.Read(ref _completedCount)));
            _progress.SetState(DownloadState.Failed);
            DownloadLog.Failed(_logger, _asset.Identity, Redactor.Redact(ex.Message));
            SatDownloadDiagnostics.BytesDownloaded.Add(Interlocked.Read(ref _bytesReceived), _providerTag);
            SatDownloadDiagnostics.Failures.Add(1, _providerTag);
            SatDownloadDiagnostics.FilesCompleted.Add(1, _providerTag, new KeyValuePair<string, object?>("outcome", "failed"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity?.SetTag("satdownload.outcome", "failed");
            long onDisk;
            lock (_gate)
            {
                onDisk = _completedCount;
            }

            return new DownloadResult
            {
                Asset = _asset,
                Succeeded = false,
                FilePath = _finalPath,
                BytesWritten = onDisk,
                Duration = Stopwatch.GetElapsedTime(started),
                Attempts = _requests,
                BytesRetransmitted = Math.Max(0, Interlocked.Read(ref _bytesReceived) - (onDisk - _initialTrusted)),
                Resumed = _resumed,
                Attribution = _asset.Attribution,
                Exception = ex,
            };
        }
    }

    private void OpenPartFile()
    {
        var keepPartial = _options.ExistingFilePolicy is ExistingFilePolicy.Resume or ExistingFilePolicy.Fail;
        var sidecar = keepPartial && File.Exists(_partPath) ? PartSidecarStore.TryLoad(_sidecarPath, _asset.Identity) : null;

        // No buffering: writes go straight to the OS at their offsets through the handle; the stream only serves Flush(true).
        _file = new FileStream(_partPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
        _handle = _file.SafeFileHandle;
        _hasher = new FileHasher(
            sha256: _options.ComputeSha256 || (_options.VerifyChecksums && ChecksumVerifier.NeedsSha256(_asset)),
            md5: _options.VerifyChecksums && ChecksumVerifier.NeedsMd5(_asset),
            maxQueuedBuffers: Math.Max(4, MaxQueuedHashBytes / _options.BufferSize));
        _hasher.Attach(_handle, () =>
        {
            lock (_gate)
            {
                return _completed.ContiguousPrefix;
            }
        });

        // Trust a partial file only with a validator to check it against: without one, a changed file could not be detected.
        if (sidecar is null || (sidecar.ETag is null && sidecar.LastModified is null))
        {
            RandomAccess.SetLength(_handle, 0);
            PartSidecarStore.Delete(_sidecarPath);
            return;
        }

        var length = RandomAccess.GetLength(_handle);
        lock (_gate)
        {
            foreach (var r in sidecar.Ranges)
            {
                _completed.Add(r[0], r[1]);
            }

            _completed.TrimTo(length);
            if (sidecar.TotalSize is { } total)
            {
                _completed.TrimTo(total);
                _total = total;
            }

            _completedCount = _completed.Count;
            _maxCompleted = _completedCount;
            _initialTrusted = _completedCount;
            _etag = sidecar.ETag is null ? null : EntityTagHeaderValue.TryParse(sidecar.ETag, out var e) ? e : null;
            _lastModified = sidecar.LastModified;
        }

        if (_initialTrusted > 0)
        {
            _resumed = true;
            _progress.SetDone(_initialTrusted);
            _progress.SetTotal(_total);
            SatDownloadDiagnostics.Resumes.Add(1, _providerTag);
            DownloadLog.Resuming(_logger, _asset.Identity, _initialTrusted);
        }
    }

    private async Task TransferAsync(CancellationToken cancellationToken)
    {
        DownloadLocation location;
        while (true)
        {
            try
            {
                location = await GetLocationAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (TransientFaultException fault)
            {
                await OnFaultAsync(fault, progressMark: long.MaxValue, offset: 0, cancellationToken).ConfigureAwait(false);
            }
        }

        DownloadLog.Starting(_logger, _asset.Identity, location.ToString(), _finalPath);
        if (location.IsGeneratedByRequest || !location.AllowRanges)
        {
            // Produced by a request (POST) or not rangeable: streamed whole and retried whole; nothing to resume from.
            _generated = location.IsGeneratedByRequest;
            _resumed = false;
            while (true)
            {
                ResetForRewrite(log: false);
                try
                {
                    await FetchWithRetriesAsync(new ChunkCursor(0, null), sendRange: false, primary: true, onConfirmed: null, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (TransferRestartException restart)
                {
                    await OnFaultAsync(new TransientFaultException(restart.Message, restart), progressMark: long.MaxValue, offset: 0, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        while (true)
        {
            ChunkCursor first;
            lock (_gate)
            {
                if (_total is { } total)
                {
                    if (_completed.Covers(total))
                    {
                        return;
                    }

                    var gap = _completed.Missing(total)[0];
                    first = new ChunkCursor(gap.Start, Segmenting ? Math.Min(gap.End, gap.Start + _options.SegmentSizeBytes) : gap.End);
                }
                else
                {
                    var start = _completed.ContiguousPrefix;
                    first = new ChunkCursor(start, Segmenting ? start + _options.SegmentSizeBytes : null);
                }

                _segmentsStarted = false;
            }

            using var pass = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var queue = new ConcurrentQueue<ByteRange>();
            var workers = new List<Task>();
            Exception? failure = null;

            async Task RunWorkerAsync(Func<Task> body)
            {
                try
                {
                    await body().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    if (!(ex is OperationCanceledException && pass.IsCancellationRequested))
                    {
                        Interlocked.CompareExchange(ref failure, ex, null);
                    }

                    await pass.CancelAsync().ConfigureAwait(false);
                }
            }

            async Task DrainQueueAsync()
            {
                while (TakeNext(out var chunk))
                {
                    await FetchWithRetriesAsync(new ChunkCursor(chunk.Start, chunk.End), sendRange: true, primary: false, onConfirmed: null, pass.Token).ConfigureAwait(false);
                    _hasher!.Kick();
                }
            }

            // One connection alone (adaptive splitting, no other connection opened yet) that a probe window has measured
            // fast takes up to AloneSpanSegments contiguous planned segments per request: a new request every segment
            // costs a fast link a pipeline bubble each time (~0.8 ms on loopback, docs/performance.md), and the other
            // connections, if they open later, still find the rest of the plan in the queue. Before that measurement,
            // and with all connections open, one segment per request: a slow link leaves the plan to the connections
            // the probe is about to open.
            bool TakeNext(out ByteRange chunk)
            {
                lock (queue)
                {
                    if (!queue.TryDequeue(out chunk))
                    {
                        return false;
                    }

                    if (Volatile.Read(ref _addConnections) is null || Volatile.Read(ref _aloneProvenFast) == 0)
                    {
                        return true;
                    }

                    var limit = AloneSpanSegments * _options.SegmentSizeBytes;
                    while (chunk.Length < limit && queue.TryPeek(out var next) && next.Start == chunk.End && next.End - chunk.Start <= limit)
                    {
                        queue.TryDequeue(out _);
                        chunk = new ByteRange(chunk.Start, next.End);
                    }

                    return true;
                }
            }

            void StartSegments()
            {
                List<ByteRange> plan;
                long total;
                lock (_gate)
                {
                    if (_total is not { } t)
                    {
                        return;
                    }

                    total = t;
                    var firstEnd = Math.Min(first.End ?? t, t);
                    var segmentSize = Segmenting ? _options.SegmentSizeBytes : long.MaxValue;
                    plan = SegmentPlanner.Plan(t, _completed, segmentSize, tailSegments: Segmenting ? _options.MaxConnectionsPerFile : 0)
                        .Where(r => r.End <= first.Offset || r.Start >= firstEnd)
                        .ToList();
                    _segmentsStarted = plan.Count > 0 && Segmenting;
                }

                lock (queue)
                {
                    foreach (var r in plan)
                    {
                        queue.Enqueue(r);
                    }
                }

                var extra = Math.Min(_options.MaxConnectionsPerFile - 1, plan.Count);
                if (extra <= 0)
                {
                    return;
                }

                void AddConnections()
                {
                    DownloadLog.Segmenting(_logger, _asset.Identity, total, plan.Count + 1, extra + 1);
                    lock (workers)
                    {
                        if (pass.IsCancellationRequested)
                        {
                            return;
                        }

                        for (var i = 0; i < extra; i++)
                        {
                            workers.Add(Task.Run(() => RunWorkerAsync(DrainQueueAsync), CancellationToken.None));
                        }
                    }
                }

                if (_options.AddConnectionsBelowBytesPerSecond is null)
                {
                    AddConnections();
                    return;
                }

                // One connection first, draining the planned segments in file order; the probe adds the others if it is slow.
                Volatile.Write(ref _aloneProvenFast, 0);
                Volatile.Write(ref _probeStartBytes, Interlocked.Read(ref _bytesReceived));
                Volatile.Write(ref _probeStartTicks, Stopwatch.GetTimestamp());
                Volatile.Write(ref _addConnections, AddConnections);
            }

            var primary = RunWorkerAsync(async () =>
            {
                await FetchWithRetriesAsync(first, sendRange: true, primary: true, StartSegments, pass.Token).ConfigureAwait(false);
                _hasher!.Kick();
                await DrainQueueAsync().ConfigureAwait(false);
            });
            await primary.ConfigureAwait(false);

            // The queue is drained: a late probe must not open connections for this pass.
            Volatile.Write(ref _addConnections, null);
            Task[] all;
            lock (workers)
            {
                all = workers.ToArray();
            }

            await Task.WhenAll(all).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (failure is TransferRestartException restart)
            {
                DownloadLog.Restarting(_logger, _asset.Identity, restart.Message);
                ResetForRewrite(log: false);
                await OnFaultAsync(new TransientFaultException(restart.Message, restart), progressMark: long.MaxValue, offset: 0, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
    }

    /// <summary>Fetches [cursor.Offset, cursor.End) (or to the end of the file), retrying and resuming until done.</summary>
    private async Task FetchWithRetriesAsync(ChunkCursor cursor, bool sendRange, bool primary, Action? onConfirmed, CancellationToken cancellationToken)
    {
        var confirmed = false;
        while (true)
        {
            long? limit;
            lock (_gate)
            {
                limit = cursor.End is { } e ? (_total is { } t ? Math.Min(e, t) : e) : _total;
            }

            if (limit is { } l && cursor.Offset >= l && (confirmed || !primary || l > 0))
            {
                return;
            }

            long progressMark;
            lock (_gate)
            {
                progressMark = _maxCompleted;
            }

            HttpResponseMessage? response = null;
            try
            {
                var location = await GetLocationAsync(cancellationToken).ConfigureAwait(false);
                response = await SendFollowingRedirectsAsync(location, sendRange ? cursor.Offset : null, cursor.End, primary, cancellationToken).ConfigureAwait(false);
                ObserveResponse(location, response);
                var status = (int)response.StatusCode;
                if (status == (int)HttpStatusCode.PartialContent)
                {
                    var from = ContentRangeHeader.StartOf(response);
                    if (from != cursor.Offset)
                    {
                        throw new TransientFaultException($"Asked for bytes from {cursor.Offset} but the server sent a range starting at {from?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown byte"}.");
                    }

                    CheckValidators(response);
                    var total = ContentRangeHeader.TotalOf(response);
                    LearnTotal(total);
                    if (!confirmed)
                    {
                        confirmed = true;
                        onConfirmed?.Invoke();
                    }

                    long? expected = ContentRangeHeader.LastOf(response) is { } last ? last - cursor.Offset + 1 : response.Content.Headers.ContentLength;
                    if (cursor.End is { } end && expected is { } x && x > end - cursor.Offset)
                    {
                        expected = end - cursor.Offset;
                    }

                    await CopyBodyAsync(response, cursor, expected, cancellationToken).ConfigureAwait(false);
                }
                else if (status == (int)HttpStatusCode.OK)
                {
                    bool segmentsRunning;
                    lock (_gate)
                    {
                        segmentsRunning = _segmentsStarted;
                    }

                    if (!primary || segmentsRunning)
                    {
                        throw new TransferRestartException("the server answered a ranged request with the whole file (200)");
                    }

                    // 200 to a ranged request: the server ignores ranges or the file changed (If-Range): rewrite from zero.
                    ResetForRewrite(log: sendRange && cursor.Offset > 0);
                    cursor.Offset = 0;
                    cursor.End = null;
                    PinValidators(response);
                    var length = response.Content.Headers.ContentLength;
                    LearnTotal(length);
                    confirmed = true;
                    await CopyBodyAsync(response, cursor, length, cancellationToken).ConfigureAwait(false);
                    if (length is null)
                    {
                        LearnTotal(cursor.Offset);
                    }

                    return;
                }
                else if (status == (int)HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    var size = ContentRangeHeader.TotalOf(response);
                    lock (_gate)
                    {
                        if (size is { } s)
                        {
                            if (_total is { } known && known != s)
                            {
                                throw new TransferRestartException($"the file's size changed from {known} to {s} bytes");
                            }

                            _total = s;
                            _progress.SetTotal(s);
                            if (_completed.Covers(s))
                            {
                                return;
                            }

                            if (cursor.Offset >= s)
                            {
                                throw new TransferRestartException($"the file is {s} bytes, shorter than the bytes already on disk");
                            }
                        }
                        else if (_total is { } known && _completed.Covers(known))
                        {
                            return;
                        }
                    }

                    // Unsatisfiable without a size to check against: fall back to a plain request for the whole file.
                    sendRange = false;
                    throw new TransientFaultException("The server refused the byte range (416) without stating the size; retrying without a range.", status: status);
                }
                else if (status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden)
                {
                    await RefreshAfterRefusalAsync(location, status, response, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                else if (status == (int)HttpStatusCode.PreconditionFailed)
                {
                    throw new TransferRestartException("the server reports the file changed (412 Precondition Failed)");
                }
                else if (ProviderRequestException.IsRetryableStatus(status))
                {
                    var retryAfter = RetryAfterParser.Parse(response.Headers.RetryAfter, _time.GetUtcNow());
                    if (location.ErrorDecoder is null)
                    {
                        throw new TransientFaultException($"HTTP {status} {response.ReasonPhrase}", retryAfter: retryAfter, status: status);
                    }

                    // A provider decoder knows its own Retry-After unit (Sentinel Hub: milliseconds) and which 429/5xx
                    // bodies are not worth repeating (an evalscript error answered with 500).
                    throw await CreateHttpErrorAsync(location, response, $"the server answered {status} {response.ReasonPhrase}", cancellationToken, retryableStatusRetryAfter: retryAfter).ConfigureAwait(false);
                }
                else
                {
                    throw await CreateHttpErrorAsync(location, response, $"the server answered {status} {response.ReasonPhrase}", cancellationToken).ConfigureAwait(false);
                }

                if (cursor.End is null && ContentRangeHeader.TotalOf(response) is null)
                {
                    // An open-ended range of unknown total: the end of the body is the end of the file.
                    LearnTotal(cursor.Offset);
                }
            }
            catch (TransientFaultException fault) when (!cancellationToken.IsCancellationRequested)
            {
                await OnFaultAsync(fault, progressMark, cursor.Offset, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                response?.Dispose();
            }
        }
    }

    /// <summary>
    /// Sends the request of a location and follows redirects itself (see <see cref="DownloadRedirects"/>): the range and
    /// validators go to every hop, the location's headers only to their own origin.
    /// </summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(DownloadLocation location, long? rangeStart, long? rangeEnd, bool primary, CancellationToken cancellationToken)
    {
        var hop = DownloadRedirects.First(location);
        while (true)
        {
            HttpResponseMessage response;
            using (var request = BuildRequest(location, hop, rangeStart, rangeEnd, primary))
            {
                Interlocked.Increment(ref _requests);
                response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            WarnIfTheClientFollowedARedirect(location, hop, response);

            if (!DownloadRedirects.IsRedirect(response.StatusCode))
            {
                return response;
            }

            try
            {
                hop = DownloadRedirects.Next(response, hop, _settings.MaxRedirects, _asset);
            }
            finally
            {
                response.Dispose();
            }

            DownloadLog.Redirected(_logger, _asset.Identity, hop.Number, Redactor.RedactUri(hop.Uri), hop.CarriesLocationHeaders);
        }
    }

    /// <summary>
    /// A client that follows redirects on its own (<see cref="SocketsHttpHandler.AllowAutoRedirect"/> true, the default of
    /// a plain <c>new HttpClient()</c>) has already sent the location's headers to wherever the server pointed; the
    /// downloader cannot undo that, but it says so, once per client, so that the credentials can be rotated and the client
    /// fixed. Only the origins are logged.
    /// </summary>
    private void WarnIfTheClientFollowedARedirect(DownloadLocation location, RedirectHop hop, HttpResponseMessage response)
    {
        if (!hop.CarriesLocationHeaders || location.Headers.Count == 0 ||
            response.RequestMessage?.RequestUri is not { } reached || DownloadRedirects.IsSameOrigin(reached, hop.Uri) ||
            !ClientsWarnedOfAutoRedirect.TryAdd(_http, ClientsWarnedOfAutoRedirect))
        {
            return;
        }

        DownloadLog.ClientFollowedRedirect(_logger, _asset.Identity, hop.Uri.GetLeftPart(UriPartial.Authority), reached.GetLeftPart(UriPartial.Authority), string.Join(", ", location.Headers.Keys));
    }

    private HttpRequestMessage BuildRequest(DownloadLocation location, RedirectHop hop, long? rangeStart, long? rangeEnd, bool primary)
    {
        var request = DownloadRedirects.CreateRequest(location, hop, _settings.UserAgent);
        if (rangeStart is { } start)
        {
            request.Headers.Range = ContentRangeHeader.Build(start, rangeEnd);
            lock (_gate)
            {
                if (ChecksumVerifier.IsStrong(_etag))
                {
                    // The first request of a pass may meet a changed file: If-Range turns that into a 200 (rewrite).
                    // Further segments must never mix versions: If-Match turns a change into a 412 (restart).
                    if (primary)
                    {
                        request.Headers.IfRange = new RangeConditionHeaderValue(_etag!);
                    }
                    else
                    {
                        request.Headers.IfMatch.Add(_etag!);
                    }
                }
                else if (_lastModified is { } lm)
                {
                    request.Headers.IfRange = new RangeConditionHeaderValue(lm);
                }
            }
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ResponseHeadersTimeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientFaultException($"The request failed: {Redactor.Redact(ex.Message)}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFaultException($"No response headers within {_settings.ResponseHeadersTimeout.TotalSeconds:0.###} s.", ex);
        }
    }

    private async Task CopyBodyAsync(HttpResponseMessage response, ChunkCursor cursor, long? expected, CancellationToken cancellationToken)
    {
        // A body known to be small needs no full-size buffers (many small files at once stay light).
        var bufferSize = expected is { } small && small > 0 && small < _options.BufferSize ? (int)small : _options.BufferSize;

        // Large bodies: receive, write and hash run as a pipeline on different threads. While one buffer is written,
        // the next is read from the socket; a written buffer that continues the hashed prefix is handed to the hashing
        // worker (which returns it to the pool), so the connection never waits for the hash unless the worker's bounded
        // queue is full. Small bodies hash inline: a worker would cost more than it saves.
        var handOver = _hasher!.IsActive && (expected is null || expected >= HandOverThreshold);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        byte[]? spare = null;
        Task<byte[]?> pending = Task.FromResult<byte[]?>(null);
        long received = 0;
        try
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Stream body;
            try
            {
                body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new TransientFaultException($"The response body could not be opened: {Redactor.Redact(ex.Message)}", ex);
            }

            await using (body.ConfigureAwait(false))
            {
                var ended = false;
                while (!ended && (expected is null || received < expected))
                {
                    // Fill the buffer before writing it: a socket read returns whatever has arrived (often a few KiB), and
                    // one write, one hand-over and one hash call per full buffer cost far less than one per read. What a
                    // fault interrupts is still written (below), so a break loses nothing that arrived.
                    var want = expected is { } x ? (int)Math.Min(bufferSize, x - received) : bufferSize;
                    if (_budget.LimitsBytes && !TotalKnown())
                    {
                        // Size unknown: never gather more than the byte budget still allows, so that everything up to the
                        // limit is written before the check below refuses the rest (at least one byte is read to find out).
                        want = (int)Math.Clamp(_budget.RoomAfter(Volatile.Read(ref _reservedBytes), cursor.Offset), 1, want);
                    }

                    var filled = 0;
                    Exception? fault = null;
                    var fillStarted = Stopwatch.GetTimestamp();
                    while (filled < want)
                    {
                        if (filled > 0 && Stopwatch.GetElapsedTime(fillStarted) > FillWindow)
                        {
                            // A slow link: write what arrived rather than hold it while the buffer fills, so that a crash
                            // or a cut loses little and progress and checkpoints keep moving.
                            break;
                        }

                        idle.CancelAfter(_settings.ReadIdleTimeout);
                        int n;
                        try
                        {
                            n = await body.ReadAsync(buffer.AsMemory(filled, want - filled), idle.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                        {
                            fault = new TransientFaultException(
                                $"No byte arrived for {_settings.ReadIdleTimeout.TotalSeconds:0.###} s after {received + filled} bytes of the body; the connection was cut.", ex);
                            break;
                        }
                        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
                        {
                            fault = new TransientFaultException($"The connection broke after {received + filled} bytes of the body: {Redactor.Redact(ex.Message)}", ex);
                            break;
                        }
                        catch (OperationCanceledException ex) when (filled > 0)
                        {
                            // The caller cancelled: what already arrived is still written, so a later run resumes after it.
                            fault = ex;
                            break;
                        }

                        if (n == 0)
                        {
                            ended = true;
                            break;
                        }

                        filled += n;
                        Interlocked.Add(ref _bytesReceived, n);
                    }

                    if (filled > 0)
                    {
                        // The previous buffer must be on disk (and the cursor past it) before this one is handed over.
                        var returned = await pending.ConfigureAwait(false);
                        spare ??= returned;
                        pending = Task.FromResult<byte[]?>(null);
                        var position = cursor.Offset;
                        if (!TotalKnown())
                        {
                            // Size unknown until the end: enforce the byte budget before writing what would pass it.
                            _budget.EnsureBytes(ref _reservedBytes, position + filled);
                        }

                        received += filled;
                        pending = WriteAndHashAsync(buffer, filled, cursor, handOver, fault is OperationCanceledException ? CancellationToken.None : cancellationToken);
                        buffer = spare ?? ArrayPool<byte>.Shared.Rent(bufferSize);
                        spare = null;
                        MaybeAddConnections();
                        MaybeCheckpoint();
                    }

                    if (fault is not null)
                    {
                        // Bytes that arrived before the fault are written (the finally below waits for that write): the
                        // resume starts exactly where the body broke.
                        ExceptionDispatchInfo.Throw(fault);
                    }
                }

                spare ??= await pending.ConfigureAwait(false);
                pending = Task.FromResult<byte[]?>(null);
            }
        }
        finally
        {
            // A fault while reading: let the write in flight finish (or fail) before its buffer goes back to the pool,
            // so that the cursor, the completed ranges and the hash all describe what is on disk.
            try
            {
                spare ??= await pending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Surfaced by the await in the loop, or superseded by the fault that ended the loop.
            }

            ArrayPool<byte>.Shared.Return(buffer);
            if (spare is not null)
            {
                ArrayPool<byte>.Shared.Return(spare);
            }
        }

        if (expected is { } exp && received < exp)
        {
            throw new TransientFaultException($"The body ended after {received} of {exp} bytes (truncated).");
        }
    }

    private bool TotalKnown()
    {
        lock (_gate)
        {
            return _total is not null;
        }
    }

    /// <summary>
    /// Writes one received buffer at the cursor, gets it hashed if it continues the hashed prefix, then records it.
    /// Returns the buffer when the caller keeps it, or null when the hashing worker took it over.
    /// </summary>
    private async Task<byte[]?> WriteAndHashAsync(byte[] buffer, int count, ChunkCursor cursor, bool handOver, CancellationToken cancellationToken)
    {
        var position = cursor.Offset;
        await RandomAccess.WriteAsync(_handle!, buffer.AsMemory(0, count), position, cancellationToken).ConfigureAwait(false);
        byte[]? kept = buffer;
        if (!handOver)
        {
            _hasher!.OnWritten(position, buffer.AsSpan(0, count));
        }
        else if (await _hasher!.TryHandOverAsync(position, buffer, count, cancellationToken).ConfigureAwait(false))
        {
            kept = null;
        }

        RecordWritten(position, count);
        cursor.Offset = position + count;
        return kept;
    }

    private void RecordWritten(long position, int count)
    {
        lock (_gate)
        {
            _completed.Add(position, position + count);
            _completedCount += count;
            if (_completedCount > _maxCompleted)
            {
                _maxCompleted = _completedCount;
            }
        }

        _progress.AddBytes(count);
    }

    private void CheckValidators(HttpResponseMessage response)
    {
        var etag = response.Headers.ETag;
        var lastModified = response.Content.Headers.LastModified;
        lock (_gate)
        {
            if (_etag is { } pinned && etag is not null && !string.Equals(pinned.Tag, etag.Tag, StringComparison.Ordinal))
            {
                throw new TransferRestartException($"the ETag changed from {pinned.Tag} to {etag.Tag}");
            }

            if (_etag is null && _lastModified is { } pinnedDate && lastModified is { } lm && lm != pinnedDate)
            {
                throw new TransferRestartException("the Last-Modified date changed");
            }
        }

        PinValidators(response);
    }

    private void PinValidators(HttpResponseMessage response)
    {
        lock (_gate)
        {
            if (_etag is null && _lastModified is null)
            {
                _etag = response.Headers.ETag;
                _lastModified = response.Content.Headers.LastModified;
            }

            if (_options.VerifyChecksums && _s3Md5 is null && ChecksumVerifier.S3SinglePartMd5(response) is { } md5 &&
                _etag is { } pinned && string.Equals(pinned.Tag.Trim('"'), md5, StringComparison.OrdinalIgnoreCase) &&
                _hasher!.EnableMd5())
            {
                _s3Md5 = md5;
            }
        }
    }

    private void LearnTotal(long? total)
    {
        if (total is not { } t)
        {
            return;
        }

        lock (_gate)
        {
            if (_total is { } known && known != t)
            {
                throw new TransferRestartException($"the file's size changed from {known} to {t} bytes");
            }

            _total = t;
        }

        _progress.SetTotal(t);

        // The server's size is the truth (a listing may be wrong): the budget must cover it before the body is read.
        _budget.EnsureBytes(ref _reservedBytes, t);

        // Then the disk: a full disk fails here, before the body is read (once per size; a rewrite from zero frees it).
        if (_settings.ReserveDiskSpace && Interlocked.Exchange(ref _diskReservedFor, t) != t)
        {
            DiskSpace.Reserve(_handle!, t, Path.GetDirectoryName(_partPath)!, _finalPath);
        }
    }

    private void ResetForRewrite(bool log)
    {
        lock (_gate)
        {
            if (log && _completedCount > 0)
            {
                DownloadLog.Restarting(_logger, _asset.Identity, "the server sent the whole file");
            }

            _completed.Clear();
            _completedCount = 0;
            _initialTrusted = 0;
            _resumed = false; // nothing is continued any more: every byte comes again
            _total = null;
            _etag = null;
            _lastModified = null;
            _s3Md5 = null;
            _segmentsStarted = false;
            RandomAccess.SetLength(_handle!, 0);
            Volatile.Write(ref _diskReservedFor, -1);
            _hasher!.Reset();
        }

        _progress.SetDone(0);
    }

    private async Task OnFaultAsync(TransientFaultException fault, long progressMark, long offset, CancellationToken cancellationToken)
    {
        // A connection running alone that breaks gets help at once: while it waits for its retry, the other connections
        // (adaptive splitting) take the rest of the plan, so one broken link no longer pauses the whole file.
        Interlocked.Exchange(ref _addConnections, null)?.Invoke();

        bool progressed;
        lock (_gate)
        {
            progressed = _maxCompleted > progressMark;
        }

        var failures = progressed ? Volatile.Read(ref _noProgressFailures) : Interlocked.Increment(ref _noProgressFailures);
        long onDisk;
        lock (_gate)
        {
            onDisk = _completedCount;
        }

        if (failures >= _options.MaxAttempts)
        {
            throw new DownloadFailedException(
                $"{_asset.Identity}: gave up after {failures} attempts without progress; {onDisk} bytes are on disk and a later run resumes them. Last error: {Redactor.Redact(fault.Message)}",
                fault.InnerException ?? fault);
        }

        if (fault.RetryAfter is { } ra && ra > _options.MaxRetryAfter)
        {
            throw new DownloadFailedException(
                $"{_asset.Identity}: the server asked to retry after {ra}, longer than DownloadOptions.MaxRetryAfter ({_options.MaxRetryAfter}); {onDisk} bytes are kept for a later run.",
                fault);
        }

        var delay = BackoffCalculator.Compute(progressed ? 1 : failures, _options.RetryBaseDelay, _options.RetryMaxDelay, jitter: true, fault.RetryAfter);
        SatDownloadDiagnostics.Retries.Add(1, _providerTag, new KeyValuePair<string, object?>("reason", fault.Reason));
        DownloadLog.Retrying(_logger, _asset.Identity, offset, Redactor.Redact(fault.Message), delay, failures);
        _progress.SetState(DownloadState.Retrying);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }

        if (onDisk > 0 && !_generated)
        {
            _resumed = true;
            SatDownloadDiagnostics.Resumes.Add(1, _providerTag);
            _progress.SetState(DownloadState.Resuming);
        }
        else
        {
            _progress.SetState(DownloadState.Downloading);
        }
    }

    private async ValueTask<DownloadLocation> GetLocationAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _location);
        if (current is not null && !NeedsRefreshForExpiry(current))
        {
            return current;
        }

        await _resolveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _location;
            if (current is null)
            {
                current = await ResolveAsync(SignedUrlResolveContext.Initial, cancellationToken).ConfigureAwait(false);
            }
            else if (NeedsRefreshForExpiry(current))
            {
                if (!CountRefresh(ResolveReason.Expired))
                {
                    throw new DownloadFailedException(
                        $"{_asset.Identity}: its location expired again after {_settings.MaxResolverRefreshes} fresh locations; the provider signs URLs with a lifetime too short to use.");
                }

                current = await ResolveAsync(
                    new SignedUrlResolveContext { Reason = ResolveReason.Expired, PreviousLocation = current, PreviousResolutions = _resolutions },
                    cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _location, current);
            return current;
        }
        finally
        {
            _resolveGate.Release();
        }
    }

    private bool NeedsRefreshForExpiry(DownloadLocation location) =>
        _asset.Resolver is not null && location.IsExpired(_time.GetUtcNow(), _settings.ExpiryMargin);

    private async Task RefreshAfterRefusalAsync(DownloadLocation location, int status, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (_asset.Resolver is null)
        {
            throw await CreateHttpErrorAsync(
                location,
                response,
                $"storage refused the request ({status}) and the asset has no resolver to sign a fresh location; check the URL and its credentials",
                cancellationToken).ConfigureAwait(false);
        }

        await _resolveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(_location, location))
            {
                return; // Another segment already signed a fresh location.
            }

            if (!CountRefresh(ResolveReason.Refused))
            {
                throw await CreateHttpErrorAsync(
                    location,
                    response,
                    $"storage still refused the request ({status}) after {_settings.MaxResolverRefreshes} fresh locations; the provider may have revoked access",
                    cancellationToken).ConfigureAwait(false);
            }

            var fresh = await ResolveAsync(
                new SignedUrlResolveContext { Reason = ResolveReason.Refused, PreviousLocation = location, PreviousResolutions = _resolutions, RefusedStatusCode = status },
                cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _location, fresh);
        }
        finally
        {
            _resolveGate.Release();
        }
    }

    /// <summary>Counts a fresh location against <see cref="AssetDownloaderOptions.MaxResolverRefreshes"/>; false when none is left.</summary>
    private bool CountRefresh(ResolveReason reason)
    {
        if (_refreshes >= _settings.MaxResolverRefreshes)
        {
            return false;
        }

        _refreshes++;
        DownloadLog.Refreshing(_logger, _asset.Identity, reason);
        return true;
    }

    private async ValueTask<DownloadLocation> ResolveAsync(SignedUrlResolveContext context, CancellationToken cancellationToken)
    {
        _resolutions++;
        if (_asset.Resolver is { } resolver)
        {
            DownloadLocation? location;
            try
            {
                location = await resolver.ResolveAsync(_asset, context, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new TransientFaultException($"The resolver could not reach the provider: {Redactor.Redact(ex.Message)}", ex);
            }
            catch (ProviderRequestException ex) when (ex.IsRetryable)
            {
                throw new TransientFaultException($"The resolver failed: {Redactor.Redact(ex.Message)}", ex, ex.RetryAfter, ex.Status);
            }

            if (location is null)
            {
                throw new InvalidOperationException($"The resolver of {_asset.Identity} returned no location.");
            }

            // Credentials a location carries must be masked wherever they might surface (logs, exception messages).
            foreach (var header in location.Headers)
            {
                if (Redactor.IsSensitiveHeader(header.Key))
                {
                    var value = header.Value;
                    var space = value.IndexOf(' ', StringComparison.Ordinal);
                    Redactor.RegisterSecret(space > 0 && space < 16 ? value[(space + 1)..] : value);
                }
            }

            return location;
        }

        return new DownloadLocation(_asset.Href!) { ExpiresAt = _asset.ExpiresAt };
    }

    /// <summary>Hands the response's status and headers to the location's <see cref="DownloadLocation.OnResponse"/>, if any.</summary>
    private void ObserveResponse(DownloadLocation location, HttpResponseMessage response)
    {
        if (location.OnResponse is not { } observer)
        {
            return;
        }

        try
        {
            observer(new StorageResponse(_asset, (int)response.StatusCode, response.Headers, response.Content?.Headers));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DownloadLog.ObserverFailed(_logger, _asset.Identity, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Turns a failed storage response into the exception the download fails with; the location's
    /// <see cref="DownloadLocation.ErrorDecoder"/> (or the common JSON shapes) supplies the provider's code and message.
    /// A decoder that calls the error retryable turns it into a fault the retry loop handles.
    /// </summary>
    /// <param name="location">The location that was requested.</param>
    /// <param name="response">The failed response.</param>
    /// <param name="what">What happened, for the message.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="retryableStatusRetryAfter">
    /// For a status that is retried by default (429, 5xx): the header's Retry-After. The error stays retryable unless the
    /// decoder says it is not, and the decoder's Retry-After wins over this one.
    /// </param>
    private async Task<Exception> CreateHttpErrorAsync(DownloadLocation location, HttpResponseMessage response, string what, CancellationToken cancellationToken, TimeSpan? retryableStatusRetryAfter = null)
    {
        var status = (int)response.StatusCode;
        var text = string.Empty;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(5));
            var limit = location.ErrorDecoder is null ? 2048 : ProviderErrors.MaxBodyBytes;
            var buffer = ArrayPool<byte>.Shared.Rent(limit);
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var n = await stream.ReadAtLeastAsync(buffer.AsMemory(0, limit), limit, throwOnEndOfStream: false, cts.Token).ConfigureAwait(false);
                    text = System.Text.Encoding.UTF8.GetString(buffer, 0, n);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            text = string.Empty;
        }

        var body = new ProviderErrorBody(status, response.Content?.Headers.ContentType?.MediaType, text, response.Headers);
        DecodedProviderError? decoded = null;
        try
        {
            decoded = location.ErrorDecoder?.Invoke(body);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // A decoder that trips over an unexpected shape must not hide the real error.
            decoded = null;
        }

        decoded ??= body.IsJson ? ProviderErrors.DecodeCommonJson(body) : null;
        var providerMessage = decoded?.Message is { Length: > 0 } m ? ": " + Redactor.Redact(m) : string.Empty;
        if (decoded?.IsRetryable == true)
        {
            return new TransientFaultException($"HTTP {status}{providerMessage}", retryAfter: decoded.RetryAfter ?? retryableStatusRetryAfter, status: status);
        }

        if (ProviderRequestException.IsRetryableStatus(status) && decoded?.IsRetryable is null)
        {
            return new TransientFaultException($"HTTP {status} {response.ReasonPhrase}{providerMessage}", retryAfter: decoded?.RetryAfter ?? retryableStatusRetryAfter, status: status);
        }

        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var excerpt = collapsed.Length == 0 ? null : Redactor.Redact(collapsed.Length > 500 ? collapsed[..500] : collapsed);
        return new ProviderRequestException(new ProviderErrorDetails
        {
            Provider = _asset.Provider,
            Operation = "download",
            Status = status,
            ErrorCode = decoded?.ErrorCode,
            Message = $"{_asset.Identity}: {what} ({Redactor.RedactUri(response.RequestMessage?.RequestUri)}){providerMessage}.",
            RequestId = decoded?.RequestId ?? ProviderErrors.GetRequestId(response.Headers),
            RetryAfter = decoded?.RetryAfter,
            BodyExcerpt = excerpt,
            IsRetryable = false,
        });
    }

    /// <summary>
    /// While one connection runs alone, measures the file's throughput window by window and opens the other connections
    /// as soon as a window delivers less than <see cref="DownloadOptions.AddConnectionsBelowBytesPerSecond"/>; a link
    /// slower than a quarter of that is recognised after the first 50 ms of a window instead of waiting for its end.
    /// </summary>
    private void MaybeAddConnections()
    {
        if (Volatile.Read(ref _addConnections) is null || _options.AddConnectionsBelowBytesPerSecond is not { } threshold)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var elapsed = now - Volatile.Read(ref _probeStartTicks);
        if (elapsed < EarlyProbeTicks)
        {
            return;
        }

        var bytes = Interlocked.Read(ref _bytesReceived);
        var rate = (bytes - Volatile.Read(ref _probeStartBytes)) * (double)Stopwatch.Frequency / elapsed;
        if (rate < threshold && (elapsed >= ProbeWindowTicks || rate < threshold / 4.0))
        {
            Interlocked.Exchange(ref _addConnections, null)?.Invoke();
            return;
        }

        if (elapsed < ProbeWindowTicks)
        {
            return;
        }

        // Fast enough: start a new window, so that a connection that slows down later still gets help.
        Volatile.Write(ref _aloneProvenFast, 1);
        Volatile.Write(ref _probeStartBytes, bytes);
        Volatile.Write(ref _probeStartTicks, now);
    }

    private void MaybeCheckpoint()
    {
        // Every interval, and every CheckpointBytes on a fast link: each checkpoint's fsync then starts the write-back
        // of a bounded amount of data in the background, so the fsync before the rename has little left to wait for.
        var now = Stopwatch.GetTimestamp();
        var interval = (long)(_settings.CheckpointInterval.TotalSeconds * Stopwatch.Frequency);
        var bytes = Interlocked.Read(ref _bytesReceived);
        if ((now - Volatile.Read(ref _lastCheckpoint) < interval && bytes - Volatile.Read(ref _lastCheckpointBytes) < _settings.CheckpointBytes) || _generated)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _checkpointRunning, 1, 0) != 0)
        {
            return;
        }

        Volatile.Write(ref _lastCheckpoint, now);
        Volatile.Write(ref _lastCheckpointBytes, bytes);
        _checkpointTask = Task.Run(() =>
        {
            try
            {
                Checkpoint();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // A failed checkpoint only means a later resume re-fetches more; the download itself goes on.
            }
            finally
            {
                Volatile.Write(ref _checkpointRunning, 0);
            }
        });
    }

    /// <summary>Flushes the data to disk, then records what is on disk: the sidecar never claims bytes a crash could lose.</summary>
    private void Checkpoint()
    {
        PartSidecar snapshot;
        long prefix;
        lock (_gate)
        {
            prefix = _completed.ContiguousPrefix;
            snapshot = new PartSidecar
            {
                Identity = _asset.Identity,
                TotalSize = _total,
                ETag = _etag?.ToString(),
                LastModified = _lastModified,
                Ranges = _completed.Ranges.Select(r => new[] { r.Start, r.End }).ToList(),
            };
        }

        _file!.Flush(flushToDisk: _settings.FlushToDisk);
        PartSidecarStore.Save(_sidecarPath, snapshot);
        ReleaseWrittenPages(prefix);
    }

    /// <summary>
    /// After an fsync: lets the OS reuse the cached pages of the prefix that is on disk and hashed (nothing reads it again),
    /// so a long download recycles a bounded set of pages instead of filling the page cache.
    /// </summary>
    private void ReleaseWrittenPages(long flushedPrefix)
    {
        if (!_settings.ReleaseWrittenPages || _handle is not { } handle)
        {
            return;
        }

        var upTo = _hasher is { IsActive: true } hasher ? Math.Min(flushedPrefix, hasher.HashedUpTo) : flushedPrefix;
        if (upTo < _releasedUpTo)
        {
            _releasedUpTo = _advisedUpTo = 0; // rewritten from zero since the last release
        }

        // Only clean pages can be dropped. After an fsync the whole prefix is clean. Without one, the first advice on a
        // range starts its write-back and the next checkpoint advises it again, by then written: the release trails by
        // one checkpoint.
        PageCache.Release(handle, _releasedUpTo, upTo - _releasedUpTo);
        _releasedUpTo = _settings.FlushToDisk ? upTo : Math.Max(_releasedUpTo, _advisedUpTo);
        _advisedUpTo = upTo;
    }

    private async Task<(long Size, string? Sha256)> CommitAsync(CancellationToken cancellationToken)
    {
        await _checkpointTask.ConfigureAwait(false);
        await _hasher!.DrainAsync().ConfigureAwait(false);
        long total;
        lock (_gate)
        {
            total = _total ?? _completedCount;
            if (!_completed.Covers(total))
            {
                throw new DownloadIntegrityException($"{_asset.Identity}: {total - _completed.Count} bytes are missing after the transfer; the partial file is kept.");
            }
        }

        var handle = _handle!;
        var length = RandomAccess.GetLength(handle);
        if (length < total)
        {
            throw new DownloadIntegrityException($"{_asset.Identity}: the partial file holds {length} bytes but the server announced {total}.");
        }

        if (length > total)
        {
            RandomAccess.SetLength(handle, total);
        }

        // Every byte is written: the fsync (mostly waiting for the disk) runs while the hash catches up (CPU), instead of
        // after it; both finish before the rename.
        var file = _file!;
        var flush = _settings.FlushToDisk ? Task.Run(() => file.Flush(flushToDisk: true), CancellationToken.None) : Task.CompletedTask;
        string? sha256, md5;
        try
        {
            await _hasher!.CatchUpAsync(handle, total, _options.BufferSize, cancellationToken).ConfigureAwait(false);
            (sha256, md5) = _hasher.Finish();
        }
        catch
        {
            await flush.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        await flush.ConfigureAwait(false);
        if (_options.VerifyChecksums)
        {
            try
            {
                ChecksumVerifier.Verify(_asset, sha256, md5, _s3Md5);
            }
            catch (DownloadIntegrityException)
            {
                // Bytes that fail a checksum must not be resumed: drop them.
                await _file!.DisposeAsync().ConfigureAwait(false);
                _file = null;
                File.Delete(_partPath);
                PartSidecarStore.Delete(_sidecarPath);
                throw;
            }
        }

        await _file!.DisposeAsync().ConfigureAwait(false);
        _file = null;
        File.Move(_partPath, _finalPath, overwrite: true);
        PartSidecarStore.Delete(_sidecarPath);
        _hasher.Dispose();
        return (total, sha256);
    }

    private async Task CloseForResumeAsync()
    {
        try
        {
            if (_hasher is not null)
            {
                await _hasher.DrainAsync().ConfigureAwait(false);
            }

            await _checkpointTask.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Already handled inside the checkpoint.
        }

        if (_file is null)
        {
            return;
        }

        long onDisk;
        lock (_gate)
        {
            onDisk = _completedCount;
        }

        try
        {
            if (onDisk == 0 || _generated)
            {
                await _file.DisposeAsync().ConfigureAwait(false);
                File.Delete(_partPath);
                PartSidecarStore.Delete(_sidecarPath);
            }
            else
            {
                Checkpoint();
                await _file.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure is what the caller needs to see.
        }
        finally
        {
            _file = null;
            _hasher?.Dispose();
        }
    }
}
