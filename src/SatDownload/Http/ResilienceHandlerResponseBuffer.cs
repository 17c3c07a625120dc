using System.Globalization;
using System.Net;

namespace SatDownload.Http;

/// <summary>
/// Reads a successful API response's body inside the <see cref="ResilienceHandler"/> attempt, so a connection dropped or
/// stalled mid-body is retried like one dropped before the headers. Why: provider clients read their JSON after the
/// handler chain has returned, where no retry can help; without this a reset after the first bytes of a listing page
/// failed the whole call. Bodies that are streams (binary media types, bodies larger than the cap, requests marked with
/// <see cref="ResilienceHandler.StreamResponseOption"/>) are left alone.
/// </summary>
internal static class ResilienceHandlerResponseBuffer
{
    /// <summary>Whether the response's body should be read into memory inside the attempt.</summary>
    public static bool ShouldBuffer(HttpRequestMessage request, HttpResponseMessage response, long maxBytes)
    {
        if (maxBytes <= 0 || !response.IsSuccessStatusCode || request.Method == HttpMethod.Head ||
            response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
        {
            return false;
        }

        if (request.Options.TryGetValue(ResilienceHandler.StreamResponseOption, out var stream) && stream)
        {
            return false;
        }

        var content = response.Content;
        if (content is null || content is ByteArrayContent or ReadOnlyMemoryContent or BufferedResponseContent)
        {
            return false;
        }

        if (content.Headers.ContentLength is { } length && length > maxBytes)
        {
            return false;
        }

        return IsDocumentMediaType(content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// JSON, XML, text, HTML, forms, or no media type at all: documents an API client parses whole. Anything else (imagery,
    /// archives, octet streams) is a file a caller may stream.
    /// </summary>
    public static bool IsDocumentMediaType(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType))
        {
            return true;
        }

        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
               mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) ||
               mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ||
               mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase) ||
               mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) ||
               mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ||
               mediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Replaces the response's content with its body read into memory (up to <paramref name="maxBytes"/>; a longer body of
    /// unknown length keeps streaming after the part already read). A failure while reading becomes an
    /// <see cref="HttpRequestException"/> with <see cref="HttpRequestError.ResponseEnded"/> (the response is disposed), which
    /// the retry policy treats like a connection dropped before the headers.
    /// </summary>
    public static async Task BufferAsync(HttpResponseMessage response, long maxBytes, TimeSpan? idleTimeout, TimeProvider timeoutTimeProvider, string description, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var buffer = new MemoryStream(original.Headers.ContentLength is { } known ? (int)Math.Min(known, maxBytes) : 0);
        Stream? body = null;
        var complete = false;
        try
        {
            body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            if (idleTimeout is { } idle)
            {
                body = new IdleTimeoutStream(body, idle, timeoutTimeProvider, description);
            }

            var chunk = new byte[16 * 1024];
            while (true)
            {
                var room = (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length);
                if (room <= 0)
                {
                    break;
                }

                var read = await body.ReadAsync(chunk.AsMemory(0, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    complete = true;
                    break;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException or ObjectDisposedException &&
                                   !cancellationToken.IsCancellationRequested)
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }

            response.Dispose();
            throw new HttpRequestException(
                HttpRequestError.ResponseEnded,
                $"{description}: the response body broke off after {buffer.Length.ToString(CultureInfo.InvariantCulture)} byte(s) ({ex.GetType().Name}: {Redactor.Redact(ex.Message)}).",
                ex);
        }
        catch
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }

            response.Dispose();
            throw;
        }

        if (complete)
        {
            await body.DisposeAsync().ConfigureAwait(false);
            response.Content = new BufferedResponseContent(original, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), rest: null);
            original.Dispose();
        }
        else
        {
            // Larger than the cap and of unknown length: hand back what was read followed by the rest of the stream.
            response.Content = new BufferedResponseContent(original, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), body);
        }
    }

    /// <summary>The body read into memory (and, past the cap, the rest of the original stream), with the original headers.</summary>
    internal sealed class BufferedResponseContent : HttpContent
    {
        private readonly ReadOnlyMemory<byte> _prefix;
        private readonly HttpContent? _owner;
        private Stream? _rest;

        public BufferedResponseContent(HttpContent original, ReadOnlyMemory<byte> prefix, Stream? rest)
        {
            _prefix = prefix;
            _rest = rest;
            _owner = rest is null ? null : original;
            foreach (var header in original.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (rest is null)
            {
                Headers.ContentLength = prefix.Length;
            }
        }

        /// <summary>True when the whole body is in memory.</summary>
        public bool IsComplete => _rest is null;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(_prefix, cancellationToken).ConfigureAwait(false);
            if (TakeRest() is { } rest)
            {
                await using (rest.ConfigureAwait(false))
                {
                    await rest.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        protected override Task<Stream> CreateContentReadStreamAsync() =>
            Task.FromResult<Stream>(TakeRest() is { } rest ? new PrefixedStream(_prefix, rest) : new ReadOnlyMemoryStream(_prefix));

        protected override bool TryComputeLength(out long length)
        {
            length = _prefix.Length;
            return _rest is null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Interlocked.Exchange(ref _rest, null)?.Dispose();
                _owner?.Dispose();
            }

            base.Dispose(disposing);
        }

        private Stream? TakeRest() => Interlocked.Exchange(ref _rest, null);
    }

    /// <summary>A read-only, seekable stream over memory.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => _position = (int)Math.Clamp(value, 0, data.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, data.Length - _position);
            data.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => data.Length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>What was buffered, then the rest of the body.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.Span.Slice(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < prefix.Length)
            {
                return Read(buffer.Span);
            }

            return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
