using System.Globalization;

namespace SatDownload.Http;

/// <summary>
/// A read-only wrapper over a response body that fails a read with a clear <see cref="TimeoutException"/> when no bytes
/// arrive for <see cref="IdleTimeout"/>. Why: with <see cref="HttpCompletionOption.ResponseHeadersRead"/>,
/// <see cref="HttpClient.Timeout"/> and per-attempt timeouts stop at the headers, so a server that stalls mid-body would
/// otherwise hang the download forever. Slow but steady bodies are fine: the timeout restarts with every read.
/// </summary>
public class IdleTimeoutStream : Stream
{
    private readonly Stream _inner;
    private readonly TimeProvider _timeProvider;
    private readonly string _description;
    private readonly bool _leaveOpen;
    private volatile bool _timedOut;

    /// <summary>Wraps a stream.</summary>
    /// <param name="inner">The body stream.</param>
    /// <param name="idleTimeout">The longest wait for the next bytes.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="description">What is being read, for the message (for example the redacted URL); keep secrets out.</param>
    /// <param name="leaveOpen">Keep <paramref name="inner"/> open when this stream is disposed.</param>
    public IdleTimeoutStream(Stream inner, TimeSpan idleTimeout, TimeProvider? timeProvider = null, string? description = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (idleTimeout <= TimeSpan.Zero && idleTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(idleTimeout), idleTimeout, "The idle timeout must be positive (or infinite).");
        }

        if (!inner.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(inner));
        }

        _inner = inner;
        IdleTimeout = idleTimeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _description = string.IsNullOrEmpty(description) ? "the response body" : Redactor.Redact(description);
        _leaveOpen = leaveOpen;
    }

    /// <summary>The longest wait for the next bytes.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException("IdleTimeoutStream does not support Length.");

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException("IdleTimeoutStream does not support Position.");
        set => throw new NotSupportedException("IdleTimeoutStream does not support seeking.");
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (IdleTimeout == Timeout.InfiniteTimeSpan)
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        using var idle = new CancellationTokenSource(IdleTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            throw CreateTimeout(ex);
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (IdleTimeout == Timeout.InfiniteTimeSpan)
        {
            return _inner.Read(buffer);
        }

        // Synchronous reads cannot be cancelled, so a stalled read is broken by closing the inner stream.
        using var timer = _timeProvider.CreateTimer(
            static s =>
            {
                var self = (IdleTimeoutStream)s!;
                self._timedOut = true;
                self._inner.Dispose();
            },
            this,
            IdleTimeout,
            Timeout.InfiniteTimeSpan);
        try
        {
            return _inner.Read(buffer);
        }
        catch (Exception ex) when (_timedOut && ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            throw CreateTimeout(ex);
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("IdleTimeoutStream does not support seeking.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("IdleTimeoutStream is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("IdleTimeoutStream is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (!_leaveOpen)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private TimeoutException CreateTimeout(Exception inner) =>
        new($"No data received for {IdleTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s while reading {_description}; the server stalled. The read was abandoned.", inner);
}
