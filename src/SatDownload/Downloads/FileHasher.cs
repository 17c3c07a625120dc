using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace SatDownload.Downloads;

/// <summary>
/// Computes a file's SHA-256 (and MD5 when a provider checksum needs it) while it downloads, each byte exactly once and
/// in file order, off the connections' path where it can.
/// </summary>
/// <remarks>
/// <para>
/// Two frontiers: bytes below <c>HashedUpTo</c> are hashed; bytes below <c>claimed</c> are hashed or on their way (in
/// the queue of a background worker, or being hashed inline). A written buffer that starts exactly at the claimed
/// frontier is either hashed inline (<see cref="OnWritten"/>, small bodies) or handed over to the worker
/// (<see cref="TryHandOverAsync"/>, large bodies: receive, write and hash then run on different threads, so hashing,
/// the most expensive per-byte work of a download, no longer delays the next read). Anything written out of order
/// (other segments, bytes resumed from an earlier run) is read back from the file by the worker once the completed prefix
/// reaches it (<see cref="Kick"/>), or at the end by <see cref="CatchUpAsync"/>.
/// </para>
/// <para>
/// Memory is bounded: at most <c>maxQueuedBytes</c> of buffers wait for the worker; a producer that finds the queue full
/// waits (the hash is then the bottleneck, and reading faster would only grow memory).
/// </para>
/// </remarks>
internal sealed class FileHasher : IDisposable
{
    /// <summary>The size of one read when hashing back from the file.</summary>
    private const int DiskChunk = 1024 * 1024;

    private readonly object _gate = new();      // frontiers, generation, queue admission
    private readonly object _hashGate = new();  // the hash objects
    private readonly bool _sha256;
    private readonly bool _md5;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentQueue<WorkItem> _queue = new();
    private readonly SemaphoreSlim _queued = new(0); // one count per item, plus one when adding completes
    private bool _addingCompleted;
    private IncrementalHash? _sha256Hash;
    private IncrementalHash? _md5Hash;
    private bool _md5Enabled;
    private long _hashedUpTo;
    private long _claimedUpTo;
    private int _generation;
    private bool _abandoned;
    private bool _failed;
    private TaskCompletionSource? _worker;
    private SafeFileHandle? _handle;
    private Func<long>? _completedPrefix;

    public FileHasher(bool sha256, bool md5, int maxQueuedBuffers = 16)
    {
        _sha256 = sha256;
        _md5 = md5;
        _md5Enabled = md5;
        _slots = new SemaphoreSlim(Math.Max(1, maxQueuedBuffers));
        Reset();
    }

    public bool IsActive => _sha256 || _md5Enabled;

    public long HashedUpTo => Volatile.Read(ref _hashedUpTo);

    /// <summary>Lets the worker hash back from <paramref name="handle"/> whatever the completed prefix holds beyond the hashed bytes.</summary>
    public void Attach(SafeFileHandle handle, Func<long> completedPrefix)
    {
        _handle = handle;
        _completedPrefix = completedPrefix;
    }

    /// <summary>Hashes <paramref name="data"/> now if it continues the hashed prefix; otherwise leaves it for later.</summary>
    public void OnWritten(long offset, ReadOnlySpan<byte> data)
    {
        if (!IsActive || offset != Volatile.Read(ref _claimedUpTo))
        {
            return;
        }

        int generation;
        lock (_gate)
        {
            // Inline only when nothing is queued before it, so that order is kept.
            if (offset != _claimedUpTo || _claimedUpTo != _hashedUpTo)
            {
                return;
            }

            _claimedUpTo = offset + data.Length;
            generation = _generation;
        }

        Append(generation, offset, data);
    }

    /// <summary>
    /// Hands a written buffer to the background worker if it continues the claimed prefix. True: the worker owns the
    /// buffer now and returns it to <see cref="ArrayPool{T}.Shared"/>. False: the caller keeps it (the bytes are
    /// hashed later from the file).
    /// </summary>
    public async ValueTask<bool> TryHandOverAsync(long offset, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        if (!IsActive || offset != Volatile.Read(ref _claimedUpTo))
        {
            return false;
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (offset == _claimedUpTo && !_abandoned)
            {
                _claimedUpTo = offset + count;
                EnsureWorker();
                Enqueue(new WorkItem(_generation, offset, buffer, count));
                return true;
            }
        }

        _slots.Release();
        return false;
    }

    /// <summary>Asks the worker to hash back from the file whatever the completed prefix now holds beyond the hashed bytes.</summary>
    public void Kick()
    {
        if (!IsActive || _handle is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_abandoned)
            {
                return;
            }

            EnsureWorker();
            Enqueue(new WorkItem(_generation, -1, null, 0));
        }
    }

    /// <summary>Starts computing MD5 too (an S3 ETag turned out to be one); only possible before any byte is hashed.</summary>
    public bool EnableMd5()
    {
        lock (_gate)
        {
            lock (_hashGate)
            {
                if (_md5Hash is not null)
                {
                    return true;
                }

                if (_claimedUpTo != 0)
                {
                    return false;
                }

#pragma warning disable CA5351 // MD5 verifies a storage-published checksum; it is not used for security.
                _md5Hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
                _md5Enabled = true;
                return true;
            }
        }
    }

    /// <summary>Forgets everything hashed or queued (the file is being rewritten from zero).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            lock (_hashGate)
            {
                _generation++;
                _sha256Hash?.Dispose();
                _md5Hash?.Dispose();
                _sha256Hash = _sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
#pragma warning disable CA5351 // MD5 verifies a provider-published checksum; it is not used for security.
                _md5Enabled = _md5;
                _md5Hash = _md5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
#pragma warning restore CA5351
                Volatile.Write(ref _hashedUpTo, 0);
                Volatile.Write(ref _claimedUpTo, 0);
                _failed = false;
            }
        }
    }

    /// <summary>Waits until the worker has hashed every buffer handed to it; no buffer can be handed over afterwards.</summary>
    public async Task DrainAsync()
    {
        Task? worker;
        lock (_gate)
        {
            _abandoned = true;
            CompleteAdding();
            worker = _worker?.Task;
        }

        if (worker is not null)
        {
            await worker.ConfigureAwait(false);
        }
    }

    /// <summary>Reads [hashed prefix, <paramref name="length"/>) from the file and hashes it. Call after <see cref="DrainAsync"/>.</summary>
    public async Task CatchUpAsync(SafeFileHandle handle, long length, int bufferSize, CancellationToken cancellationToken)
    {
        if (!IsActive || HashedUpTo >= length)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, DiskChunk));
        try
        {
            while (true)
            {
                long position;
                int generation;
                lock (_gate)
                {
                    position = _hashedUpTo;
                    if (position >= length)
                    {
                        break;
                    }

                    // Nothing else may be in flight: the caller drained the worker first.
                    _claimedUpTo = Math.Max(_claimedUpTo, position);
                    generation = _generation;
                }

                var want = (int)Math.Min(buffer.Length, length - position);
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, want), position, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new DownloadIntegrityException($"The partial file ended at byte {position} while {length} bytes were expected.");
                }

                lock (_gate)
                {
                    _claimedUpTo = Math.Max(_claimedUpTo, position + read);
                }

                Append(generation, position, buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The lower-case hex digests (null for an algorithm not computed).</summary>
    /// <exception cref="DownloadIntegrityException">The file could not be read back while hashing.</exception>
    public (string? Sha256, string? Md5) Finish()
    {
        if (Volatile.Read(ref _failed))
        {
            throw new DownloadIntegrityException("The partial file could not be read back to compute its checksum; it is kept and a later run resumes it.");
        }

        lock (_hashGate)
        {
            var sha = _sha256Hash is null ? null : Convert.ToHexString(_sha256Hash.GetHashAndReset()).ToLowerInvariant();
            var md5 = _md5Hash is null ? null : Convert.ToHexString(_md5Hash.GetHashAndReset()).ToLowerInvariant();
            return (sha, md5);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _abandoned = true;
            CompleteAdding();
        }

        // Buffers still queued (a cancelled download whose worker was never drained) go back to the pool.
        if (_worker is null || _worker.Task.IsCompleted)
        {
            while (_queue.TryDequeue(out var item))
            {
                if (item.Buffer is { } b)
                {
                    ArrayPool<byte>.Shared.Return(b);
                }
            }
        }

        lock (_hashGate)
        {
            _sha256Hash?.Dispose();
            _md5Hash?.Dispose();
            _sha256Hash = null;
            _md5Hash = null;
        }
    }

    /// <summary>Appends bytes at <paramref name="offset"/> unless a reset happened since they were claimed; moves the hashed frontier.</summary>
    private void Append(int generation, long offset, ReadOnlySpan<byte> data)
    {
        lock (_hashGate)
        {
            if (generation != _generation)
            {
                return;
            }

            _sha256Hash?.AppendData(data);
            _md5Hash?.AppendData(data);
            Volatile.Write(ref _hashedUpTo, offset + data.Length);
        }
    }

    private void Enqueue(WorkItem item)
    {
        // Called under _gate, never after CompleteAdding.
        _queue.Enqueue(item);
        _queued.Release();
    }

    private void CompleteAdding()
    {
        // Called under _gate.
        if (!_addingCompleted)
        {
            _addingCompleted = true;
            _queued.Release();
        }
    }

    private void EnsureWorker()
    {
        // Called under _gate. Why a thread of its own rather than a thread-pool task: hashing is the longest-running
        // per-byte work of a large download; on its own thread it runs without waiting for a pool thread between
        // buffers (measured a few per cent faster on 2 cores, docs/performance.md). It blocks only on its own queue.
        if (_worker is not null)
        {
            return;
        }

        _worker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(RunWorker) { IsBackground = true, Name = "SatDownload file hash" };
        thread.Start();
    }

    private void RunWorker()
    {
        try
        {
            Consume();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never leave producers waiting for a slot. Items are hashed strictly in order, so the hashed prefix stays
            // right: whatever was queued is hashed back from the file at commit.
            lock (_gate)
            {
                _abandoned = true;
                CompleteAdding();
            }

            while (_queue.TryDequeue(out var item))
            {
                if (item.Buffer is { } b)
                {
                    ArrayPool<byte>.Shared.Return(b);
                }
            }

            _slots.Release(1 << 20);
        }
        finally
        {
            _worker!.TrySetResult();
        }
    }

    private void Consume()
    {
        while (true)
        {
            // This thread exists only to hash: a blocking wait for the next item stalls no async caller (not sync-over-async).
            _queued.Wait();
            if (!_queue.TryDequeue(out var item))
            {
                // The extra count CompleteAdding added: nothing is left and nothing more comes.
                if (Volatile.Read(ref _addingCompleted))
                {
                    return;
                }

                continue;
            }

            if (item.Buffer is { } buffer)
            {
                try
                {
                    Append(item.Generation, item.Offset, buffer.AsSpan(0, item.Count));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    _slots.Release();
                }
            }

            if (_queue.IsEmpty)
            {
                HashBackFromFile();
            }
        }
    }

    /// <summary>Hashes, from the file, the completed prefix beyond the hashed bytes, as long as nothing is queued before it.</summary>
    private void HashBackFromFile()
    {
        if (_handle is not { } handle || _completedPrefix is not { } prefixOf)
        {
            return;
        }

        byte[]? buffer = null;
        try
        {
            while (true)
            {
                // The generation is read before the prefix: a reset in between (which clears the prefix) is then seen below.
                var generationBefore = Volatile.Read(ref _generation);
                var prefix = prefixOf();
                long position;
                int count;
                int generation;
                lock (_gate)
                {
                    position = _hashedUpTo;
                    if (_generation != generationBefore || _claimedUpTo != position || prefix <= position || _abandoned)
                    {
                        return;
                    }

                    count = (int)Math.Min(DiskChunk, prefix - position);
                    _claimedUpTo = position + count;
                    generation = _generation;
                }

                buffer ??= ArrayPool<byte>.Shared.Rent(DiskChunk);
                var read = 0;
                try
                {
                    while (read < count)
                    {
                        var n = RandomAccess.Read(handle, buffer.AsSpan(read, count - read), position + read);
                        if (n <= 0)
                        {
                            break;
                        }

                        read += n;
                    }
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
                {
                    // Handled below like a short read.
                }

                if (read < count)
                {
                    lock (_gate)
                    {
                        if (generation == _generation)
                        {
                            if (_claimedUpTo == position + count)
                            {
                                _claimedUpTo = position; // give the claim back: hashed (or reported) at commit
                            }
                            else
                            {
                                _failed = true; // a buffer was queued behind the claim: the hash can no longer be trusted
                            }
                        }
                    }

                    return;
                }

                Append(generation, position, buffer.AsSpan(0, read));
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private readonly record struct WorkItem(int Generation, long Offset, byte[]? Buffer, int Count);
}
