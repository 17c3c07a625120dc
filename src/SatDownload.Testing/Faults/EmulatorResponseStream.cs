namespace SatDownload.Testing;

/// <summary>
/// Wraps the real response body: counts bytes for the request log and applies body faults (cut after K bytes, pacing).
/// Why a stream wrapper: handlers (blob store, provider routes) stay fault-agnostic and every route gets the same faults.
/// </summary>
internal sealed class EmulatorResponseStream : Stream
{
    private readonly Stream _inner;
    private readonly CancellationToken _aborted;
    private readonly CancellationToken _stopping;
    private long _written;

    public EmulatorResponseStream(Stream inner, CancellationToken aborted, CancellationToken stopping)
    {
        _inner = inner;
        _aborted = aborted;
        _stopping = stopping;
    }

    /// <summary>Body bytes actually passed to the server.</summary>
    public long BytesWritten => Interlocked.Read(ref _written);

    /// <summary>When set, at most this many body bytes are sent, then <see cref="ResponseCutException"/> is thrown.</summary>
    public long? CutAfter { get; set; }

    /// <summary>When set, the body is sent in flushed chunks at about this rate (real time).</summary>
    public int? BytesPerSecond { get; set; }

    /// <summary>The response's declared length, read when a write might complete the body.</summary>
    public Func<long?>? DeclaredLength { get; set; }

    /// <summary>
    /// Called once, just before the write that completes a body of declared length, with the final byte count. Why: the
    /// client can see the response end as soon as that write is flushed, so the request log must be written first.
    /// </summary>
    public Action<long>? BeforeFinalWrite { get; set; }

    /// <summary>Whether the stream cut the body.</summary>
    public bool WasCut { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        var allowed = Allowed(count);
        if (allowed > 0)
        {
            NotifyIfFinal(allowed);
            _inner.Write(buffer, offset, allowed);
            Interlocked.Add(ref _written, allowed);
        }

        if (allowed < count)
        {
            _inner.Flush();
            Cut();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = Allowed(buffer.Length);
        if (allowed > 0)
        {
            NotifyIfFinal(allowed);
            await WritePacedAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        }

        if (allowed < buffer.Length)
        {
            // Flush first, so the client really receives the K bytes before the cut.
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            Cut();
        }
    }

    private void NotifyIfFinal(int count)
    {
        if (BeforeFinalWrite is { } callback && DeclaredLength?.Invoke() is { } declared && BytesWritten + count >= declared && (CutAfter is null || CutAfter >= declared))
        {
            BeforeFinalWrite = null;
            callback(BytesWritten + count);
        }
    }

    private int Allowed(int count)
    {
        if (CutAfter is not { } limit)
        {
            return count;
        }

        return (int)Math.Clamp(limit - BytesWritten, 0, count);
    }

    private void Cut()
    {
        WasCut = true;
        throw new ResponseCutException();
    }

    private async Task WritePacedAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (BytesPerSecond is not { } rate)
        {
            await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _written, buffer.Length);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _aborted, _stopping);

        // Send the headers at once; only the body is slow.
        await _inner.FlushAsync(linked.Token).ConfigureAwait(false);
        var chunk = Math.Max(1, rate / 10);
        for (var position = 0; position < buffer.Length; position += chunk)
        {
            var slice = buffer.Slice(position, Math.Min(chunk, buffer.Length - position));

            // Wait before each chunk, so N bytes take N / rate seconds to arrive. Real time on purpose: pacing exists
            // to trip the client's real read timeouts.
            await Task.Delay(TimeSpan.FromSeconds((double)slice.Length / rate), TimeProvider.System, linked.Token).ConfigureAwait(false);
            await _inner.WriteAsync(slice, linked.Token).ConfigureAwait(false);
            await _inner.FlushAsync(linked.Token).ConfigureAwait(false);
            Interlocked.Add(ref _written, slice.Length);
        }
    }
}
