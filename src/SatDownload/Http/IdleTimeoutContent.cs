using System.Net;

namespace SatDownload.Http;

/// <summary>
/// Wraps a response's content so every read of its body goes through an <see cref="IdleTimeoutStream"/>, including the
/// buffering HttpClient does for <see cref="HttpCompletionOption.ResponseContentRead"/>. Headers are carried over unchanged.
/// </summary>
internal sealed class IdleTimeoutContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly string _description;

    public IdleTimeoutContent(HttpContent inner, TimeSpan idleTimeout, TimeProvider timeProvider, string description)
    {
        _inner = inner;
        _idleTimeout = idleTimeout;
        _timeProvider = timeProvider;
        _description = description;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        var inner = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new IdleTimeoutStream(inner, _idleTimeout, _timeProvider, _description);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
