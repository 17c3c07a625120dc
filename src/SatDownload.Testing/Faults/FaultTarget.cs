using Microsoft.AspNetCore.Http;

namespace SatDownload.Testing;

/// <summary>
/// Which requests a fault applies to: an exact path, a path prefix or a blob (both its <c>/blobs/</c> and
/// <c>/signed/</c> routes), optionally one HTTP method, optionally only after some matched requests. Immutable: the
/// <c>With…</c> methods return a new target. The fault methods (<see cref="RespondWithStatus"/>, …) register a
/// <see cref="FaultRule"/> on the emulator and return it.
/// </summary>
/// <example>
/// <code>
/// emulator.Faults.OnBlob("scene.tif").RespondWithStatus(503, times: 2, retryAfter: "1");
/// emulator.Faults.OnPrefix("/iceye/api/").WithMethod("POST").RespondWithStatus(429, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT");
/// emulator.Faults.OnBlob("scene.tif").AfterRequests(1).ChangeBlobContent();
/// </code>
/// </example>
public sealed class FaultTarget
{
    private readonly FaultInjector _owner;

    internal FaultTarget(FaultInjector owner, string path, bool isPrefix, string? blobName, string? method, int skippedRequests)
    {
        _owner = owner;
        Path = path;
        IsPrefix = isPrefix;
        BlobName = blobName;
        Method = method;
        SkippedRequests = skippedRequests;
    }

    /// <summary>The path (exact or prefix) matched, for example <c>/iceye/api/v1/orders</c>; empty for a blob target.</summary>
    public string Path { get; }

    /// <summary>Whether <see cref="Path"/> is a prefix (ordinal) rather than an exact path.</summary>
    public bool IsPrefix { get; }

    /// <summary>The blob whose <c>/blobs/</c> and <c>/signed/</c> routes are matched, for blob targets.</summary>
    public string? BlobName { get; }

    /// <summary>The HTTP method matched (case-insensitive); null for any.</summary>
    public string? Method { get; }

    /// <summary>How many matched requests pass untouched before the fault starts applying.</summary>
    public int SkippedRequests { get; }

    /// <summary>Restricts the target to one HTTP method.</summary>
    /// <param name="method">For example <c>GET</c>, <c>HEAD</c>, <c>POST</c>.</param>
    /// <returns>A new target.</returns>
    public FaultTarget WithMethod(string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return new FaultTarget(_owner, Path, IsPrefix, BlobName, method, SkippedRequests);
    }

    /// <summary>Lets the first <paramref name="requests"/> matched requests through before the fault applies.</summary>
    /// <param name="requests">Zero or positive.</param>
    /// <returns>A new target.</returns>
    public FaultTarget AfterRequests(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        return new FaultTarget(_owner, Path, IsPrefix, BlobName, Method, requests);
    }

    /// <summary>Answers <paramref name="statusCode"/> instead of the real handler. Client: that status, with the given <c>Retry-After</c> verbatim.</summary>
    /// <param name="statusCode">The status, for example 429, 500, 503.</param>
    /// <param name="times">How many matched requests get the fault.</param>
    /// <param name="retryAfter">A raw <c>Retry-After</c> value (seconds, an HTTP date, or a provider's milliseconds), or null.</param>
    /// <param name="body">A response body, or null for none.</param>
    /// <param name="contentType">The body's content type; <c>application/json</c> when a body is given without one.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule RespondWithStatus(int statusCode, int times = 1, string? retryAfter = null, string? body = null, string? contentType = null)
    {
        if (statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Use an HTTP status between 100 and 599.");
        }

        return _owner.Add(new FaultRule(_owner, this, FaultKind.Status, times)
        {
            StatusCode = statusCode,
            RetryAfter = retryAfter,
            Body = body,
            ContentType = body is null ? contentType : contentType ?? "application/json",
        });
    }

    /// <summary>
    /// Lets the real handler answer, sends its headers and the first <paramref name="bytes"/> body bytes, flushes, then
    /// aborts the connection (TCP reset). Client: <see cref="IOException"/> while reading the body; how many bytes
    /// arrive before the reset is not guaranteed.
    /// </summary>
    /// <param name="bytes">Body bytes sent before the abort.</param>
    /// <param name="times">How many matched requests get the fault.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule AbortAfterBytes(long bytes, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return _owner.Add(new FaultRule(_owner, this, FaultKind.AbortAfterBytes, times) { ByteCount = bytes });
    }

    /// <summary>
    /// Lets the real handler answer with its full <c>Content-Length</c> but sends exactly <paramref name="bytes"/> body
    /// bytes, then ends the response. Client: exactly those bytes, then <see cref="HttpIOException"/> with
    /// <see cref="HttpRequestError.ResponseEnded"/>. A response without <c>Content-Length</c> is aborted instead.
    /// </summary>
    /// <param name="bytes">Body bytes sent.</param>
    /// <param name="times">How many matched requests get the fault.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule TruncateBody(long bytes, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return _owner.Add(new FaultRule(_owner, this, FaultKind.TruncateBody, times) { ByteCount = bytes });
    }

    /// <summary>Waits <paramref name="delay"/> of real time (honouring client disconnects) before the real handler runs.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="times">How many matched requests get the fault.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule DelayHeaders(TimeSpan delay, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return _owner.Add(new FaultRule(_owner, this, FaultKind.DelayHeaders, times) { Delay = delay });
    }

    /// <summary>Sends the real body at about <paramref name="bytesPerSecond"/> (real time, in flushed chunks of a tenth of a second).</summary>
    /// <param name="bytesPerSecond">The rate; positive.</param>
    /// <param name="times">How many matched requests get the fault; all by default.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule PaceBody(int bytesPerSecond, int times = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        return _owner.Add(new FaultRule(_owner, this, FaultKind.PaceBody, times) { BytesPerSecond = bytesPerSecond });
    }

    /// <summary>Never answers (no headers): the request ends when the client cancels or the emulator is disposed.</summary>
    /// <param name="times">How many matched requests get the fault.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule Hang(int times = 1) => _owner.Add(new FaultRule(_owner, this, FaultKind.Hang, times));

    /// <summary>
    /// Changes the blob's bytes (same length, new ETag, see <see cref="EmulatorBlobStore.ChangeContent"/>) just before the
    /// request is served. Combine with <see cref="AfterRequests"/> to change it between a first and a resumed request.
    /// </summary>
    /// <param name="times">How many matched requests change the content.</param>
    /// <returns>The registered rule.</returns>
    /// <exception cref="InvalidOperationException">The target is not a blob target (<see cref="FaultInjector.OnBlob"/>).</exception>
    public FaultRule ChangeBlobContent(int times = 1)
    {
        if (BlobName is null)
        {
            throw new InvalidOperationException("ChangeBlobContent needs a blob target: use emulator.Faults.OnBlob(name).");
        }

        return _owner.Add(new FaultRule(_owner, this, FaultKind.ChangeBlobContent, times));
    }

    /// <summary>Runs <paramref name="handler"/>; when it returns true it has answered the request and the real handler is skipped.</summary>
    /// <param name="handler">The callback.</param>
    /// <param name="times">How many matched requests run it; all by default.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule OnRequest(Func<HttpContext, Task<bool>> handler, int times = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _owner.Add(new FaultRule(_owner, this, FaultKind.Custom, times) { Handler = handler });
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var what = BlobName is not null ? $"blob '{BlobName}'" : IsPrefix ? $"prefix '{Path}'" : $"path '{Path}'";
        return (Method is null ? string.Empty : Method + " ") + what + (SkippedRequests > 0 ? $" after {SkippedRequests} requests" : string.Empty);
    }

    internal bool Matches(HttpRequest request)
    {
        if (Method is not null && !string.Equals(Method, request.Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = request.Path.Value ?? string.Empty;
        if (BlobName is not null)
        {
            // The server hands over the decoded path, so compare against the plain blob name.
            return string.Equals(path, EmulatorBlobStore.BlobsPathPrefix + BlobName, StringComparison.Ordinal) ||
                   string.Equals(path, EmulatorBlobStore.SignedPathPrefix + BlobName, StringComparison.Ordinal);
        }

        return IsPrefix ? path.StartsWith(Path, StringComparison.Ordinal) : string.Equals(path, Path, StringComparison.Ordinal);
    }
}
