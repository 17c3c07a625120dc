using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SatDownload.Testing;

/// <summary>
/// An in-memory object store served by the emulator, with the HTTP semantics download clients rely on: single-range
/// <c>Range</c> requests (206/416), HEAD, strong ETags, <c>Last-Modified</c>, <c>If-Range</c>, <c>If-Match</c>,
/// <c>If-None-Match</c>, and HMAC-signed expiring URLs judged on the emulator's <see cref="VirtualClock"/>.
/// </summary>
/// <remarks>
/// <para>Routes: <c>GET|HEAD /blobs/{name}</c> (unsigned) and <c>GET|HEAD /signed/{name}?expires=&lt;unix seconds&gt;&amp;sig=&lt;base64url HMAC-SHA256&gt;</c>.
/// An expired URL answers 403 with an S3-style XML body (<c>AccessDenied</c>, "Request has expired"); a tampered one
/// answers 403 <c>SignatureDoesNotMatch</c>. Unknown names answer 404 <c>NoSuchKey</c>.</para>
/// <para>Bodies are streamed in 64 KiB chunks from a pooled buffer; generated blobs (<see cref="PutGenerated"/>) are
/// never materialised, so multi-gigabyte blobs cost no memory. Each test should use its own blob names (or its own
/// emulator) so parallel tests never share state.</para>
/// </remarks>
public sealed class EmulatorBlobStore
{
    /// <summary>The path prefix of unsigned blob URLs.</summary>
    public const string BlobsPathPrefix = "/blobs/";

    /// <summary>The path prefix of signed blob URLs.</summary>
    public const string SignedPathPrefix = "/signed/";

    /// <summary>The default content type of blobs.</summary>
    public const string DefaultContentType = "application/octet-stream";

    /// <summary>The response header carrying the SHA-256 (lowercase hex) when <see cref="IncludeChecksumHeaders"/> is on.</summary>
    public const string Sha256HeaderName = "x-amz-meta-sha256";

    private readonly ConcurrentDictionary<string, EmulatorBlob> _blobs = new(StringComparer.Ordinal);
    private readonly ProviderEmulator _emulator;
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly string _storeId = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
    private long _version;

    internal EmulatorBlobStore(ProviderEmulator emulator)
    {
        _emulator = emulator;
    }

    /// <summary>
    /// When true, responses carry <c>Content-MD5</c> (base64, on full 200 responses only, as it describes the body sent)
    /// and <see cref="Sha256HeaderName"/> (lowercase hex of the whole object, on every response), the way object stores
    /// expose checksums. Off by default: computing them reads the whole blob once.
    /// </summary>
    public bool IncludeChecksumHeaders { get; set; }

    /// <summary>The number of blobs stored.</summary>
    public int Count => _blobs.Count;

    /// <summary>The names of the blobs stored (a snapshot).</summary>
    public IReadOnlyCollection<string> Names => _blobs.Keys.ToArray();

    /// <summary>Stores (or overwrites) a blob holding <paramref name="content"/>.</summary>
    /// <param name="name">The blob name, for example <c>iceye/order-1/image.tif</c>; no leading slash.</param>
    /// <param name="content">The bytes; the array is copied.</param>
    /// <param name="contentType">The <c>Content-Type</c> to serve.</param>
    /// <param name="contentDisposition">An optional <c>Content-Disposition</c> (for example <c>attachment; filename="a.tif"</c>).</param>
    /// <returns>The stored version.</returns>
    public EmulatorBlob Put(string name, byte[] content, string contentType = DefaultContentType, string? contentDisposition = null)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var blob = Create(name, (byte[])content.Clone(), null, content.LongLength, contentType, contentDisposition);
        _blobs[name] = blob;
        return blob;
    }

    /// <summary>Stores (or overwrites) a blob holding UTF-8 <paramref name="text"/>.</summary>
    /// <param name="name">The blob name.</param>
    /// <param name="text">The text.</param>
    /// <param name="contentType">The <c>Content-Type</c> to serve.</param>
    /// <returns>The stored version.</returns>
    public EmulatorBlob PutText(string name, string text, string contentType = "text/plain; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(text);
        return Put(name, Encoding.UTF8.GetBytes(text), contentType);
    }

    /// <summary>
    /// Stores (or overwrites) a blob of <paramref name="length"/> deterministic pseudo-random bytes produced on the fly
    /// from <paramref name="seed"/> (see <see cref="GeneratedContent"/>); no memory is used for the content.
    /// </summary>
    /// <param name="name">The blob name.</param>
    /// <param name="length">The length in bytes; zero or positive.</param>
    /// <param name="seed">The seed; <see cref="GeneratedContent.ComputeSha256(int, long)"/> gives the expected hash.</param>
    /// <param name="contentType">The <c>Content-Type</c> to serve.</param>
    /// <param name="contentDisposition">An optional <c>Content-Disposition</c>.</param>
    /// <returns>The stored version.</returns>
    public EmulatorBlob PutGenerated(string name, long length, int seed, string contentType = DefaultContentType, string? contentDisposition = null)
    {
        ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var blob = Create(name, null, seed, length, contentType, contentDisposition);
        _blobs[name] = blob;
        return blob;
    }

    /// <summary>Replaces the content of an existing blob (same content type and disposition, new ETag and Last-Modified).</summary>
    /// <param name="name">The blob name.</param>
    /// <param name="content">The new bytes.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="KeyNotFoundException">No blob has that name.</exception>
    public EmulatorBlob Replace(string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var current = Get(name);
        return Put(name, content, current.ContentType, current.ContentDisposition);
    }

    /// <summary>Replaces the content of an existing blob with generated content (new ETag and Last-Modified).</summary>
    /// <param name="name">The blob name.</param>
    /// <param name="length">The new length.</param>
    /// <param name="seed">The new seed.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="KeyNotFoundException">No blob has that name.</exception>
    public EmulatorBlob ReplaceGenerated(string name, long length, int seed)
    {
        var current = Get(name);
        return PutGenerated(name, length, seed, current.ContentType, current.ContentDisposition);
    }

    /// <summary>
    /// Changes the bytes of an existing blob while keeping its length (generated blobs get the next seed; explicit bytes
    /// are inverted), with a new ETag: what a client sees when the object changes between two range requests.
    /// </summary>
    /// <param name="name">The blob name.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="KeyNotFoundException">No blob has that name.</exception>
    public EmulatorBlob ChangeContent(string name)
    {
        var current = Get(name);
        if (current.Seed is { } seed)
        {
            return ReplaceGenerated(name, current.Length, unchecked(seed + 1));
        }

        var bytes = current.ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)~bytes[i];
        }

        return Replace(name, bytes);
    }

    /// <summary>Removes a blob; later requests for it answer 404.</summary>
    /// <param name="name">The blob name.</param>
    /// <returns>Whether a blob was removed.</returns>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _blobs.TryRemove(name, out _);
    }

    /// <summary>Gets the current version of a blob.</summary>
    /// <param name="name">The blob name.</param>
    /// <param name="blob">The blob, when found.</param>
    /// <returns>Whether the blob exists.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out EmulatorBlob? blob)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _blobs.TryGetValue(name, out blob);
    }

    /// <summary>Gets the current version of a blob.</summary>
    /// <param name="name">The blob name.</param>
    /// <returns>The blob.</returns>
    /// <exception cref="KeyNotFoundException">No blob has that name.</exception>
    public EmulatorBlob Get(string name) =>
        TryGet(name, out var blob) ? blob : throw new KeyNotFoundException($"The emulator blob store has no blob named '{name}'. Put it first.");

    /// <summary>The unsigned URL of a blob: <c>{BaseUri}blobs/{name}</c> (the blob need not exist yet).</summary>
    /// <param name="name">The blob name.</param>
    /// <returns>The absolute URL.</returns>
    public Uri GetUrl(string name)
    {
        ValidateName(name);
        return new Uri(_emulator.BaseUri, "blobs/" + EscapeName(name));
    }

    /// <summary>A signed URL that stays valid for <paramref name="timeToLive"/> of the emulator's clock.</summary>
    /// <param name="name">The blob name (the blob need not exist yet).</param>
    /// <param name="timeToLive">How long the URL is valid, from <c>Clock.GetUtcNow()</c>; positive.</param>
    /// <returns>The absolute URL with <c>expires</c> and <c>sig</c> query parameters.</returns>
    public Uri GetSignedUrl(string name, TimeSpan timeToLive)
    {
        if (timeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "A signed URL needs a positive time to live.");
        }

        return GetSignedUrl(name, _emulator.Clock.GetUtcNow() + timeToLive);
    }

    /// <summary>A signed URL that is valid until <paramref name="expiresAt"/> (rounded down to whole seconds) on the emulator's clock.</summary>
    /// <param name="name">The blob name.</param>
    /// <param name="expiresAt">The expiry instant.</param>
    /// <returns>The absolute URL with <c>expires</c> and <c>sig</c> query parameters.</returns>
    public Uri GetSignedUrl(string name, DateTimeOffset expiresAt)
    {
        ValidateName(name);
        var expires = expiresAt.ToUnixTimeSeconds();
        var sig = Sign(name, expires);
        return new Uri(_emulator.BaseUri, $"signed/{EscapeName(name)}?expires={expires.ToString(CultureInfo.InvariantCulture)}&sig={sig}");
    }

    internal static string EscapeName(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// Answers <paramref name="context"/> with blob <paramref name="name"/> and the full download semantics (HEAD,
    /// Range/206/416, ETag, If-Range, If-Match, If-None-Match; 404 <c>NoSuchKey</c> when missing). Provider emulators
    /// call it to serve files from their own routes (for example <c>GET /capella/assets/{id}</c>).
    /// </summary>
    /// <param name="context">The request to answer.</param>
    /// <param name="name">The blob name.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public Task ServeAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(name);
        return ServeCoreAsync(context, name, signed: false);
    }

    /// <summary>Like <see cref="ServeAsync"/>, but first checks the <c>expires</c> and <c>sig</c> query parameters of a <see cref="GetSignedUrl(string, TimeSpan)"/> URL (403 when expired or tampered).</summary>
    /// <param name="context">The request to answer.</param>
    /// <param name="name">The blob name the URL was signed for.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public Task ServeSignedAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(name);
        return ServeCoreAsync(context, name, signed: true);
    }

    private async Task ServeCoreAsync(HttpContext context, string name, bool signed)
    {
        var request = context.Request;
        var response = context.Response;
        if (signed && !await CheckSignatureAsync(context, name).ConfigureAwait(false))
        {
            return;
        }

        if (!_blobs.TryGetValue(name, out var blob))
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.").ConfigureAwait(false);
            return;
        }

        var headers = response.Headers;
        headers.AcceptRanges = "bytes";
        headers.ETag = blob.ETag;
        headers.LastModified = blob.LastModified.ToString("r", CultureInfo.InvariantCulture);
        if (IncludeChecksumHeaders)
        {
            headers[Sha256HeaderName] = blob.Sha256Hex;
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && !MatchesAny(ifMatch, blob.ETag))
        {
            response.StatusCode = StatusCodes.Status412PreconditionFailed;
            response.ContentLength = 0;
            return;
        }

        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && MatchesAny(ifNoneMatch, blob.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var outcome = ByteRangeRequest.Parse(request.Headers.Range.ToString(), blob.Length, out var start, out var end);
        var ifRange = request.Headers.IfRange.ToString();
        if (outcome != ByteRangeRequest.Outcome.Full && ifRange.Length > 0 && !IfRangeMatches(ifRange, blob))
        {
            // The client's copy is stale: RFC 9110 says send the whole current representation.
            outcome = ByteRangeRequest.Outcome.Full;
            start = 0;
            end = blob.Length - 1;
        }

        response.ContentType = blob.ContentType;
        if (blob.ContentDisposition is not null)
        {
            headers.ContentDisposition = blob.ContentDisposition;
        }

        if (outcome == ByteRangeRequest.Outcome.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            headers.ContentRange = $"bytes */{blob.Length.ToString(CultureInfo.InvariantCulture)}";
            response.ContentLength = 0;
            return;
        }

        long offset = 0;
        var count = blob.Length;
        if (outcome == ByteRangeRequest.Outcome.Partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{end}/{blob.Length}");
            offset = start;
            count = end - start + 1;
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
            if (IncludeChecksumHeaders)
            {
                headers["Content-MD5"] = Convert.ToBase64String(blob.Md5.Span);
            }
        }

        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Method) || count == 0)
        {
            return;
        }

        await blob.WriteToAsync(response.Body, offset, count, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool MatchesAny(string headerValue, string etag)
    {
        foreach (var part in headerValue.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "*" || string.Equals(part, etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IfRangeMatches(string ifRange, EmulatorBlob blob)
    {
        var value = ifRange.Trim();
        if (value.StartsWith('"') || value.StartsWith("W/", StringComparison.Ordinal))
        {
            // Only a strong, identical validator keeps the range (weak tags never match for If-Range).
            return string.Equals(value, blob.ETag, StringComparison.Ordinal);
        }

        return HeaderUtilities.TryParseDate(value, out var date) && date == blob.LastModified;
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message + "</Message><RequestId>" +
                  context.TraceIdentifier + "</RequestId></Error>";
        return context.Response.WriteAsync(xml, context.RequestAborted);
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith('/') || name.Contains('?', StringComparison.Ordinal) || name.Contains('#', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob name '{name}' is invalid: use a relative path such as 'provider/order/file.tif' without a leading '/', '?', '#' or '\\'.", nameof(name));
        }
    }

    private async Task<bool> CheckSignatureAsync(HttpContext context, string name)
    {
        var query = context.Request.Query;
        var expiresText = query["expires"].ToString();
        var sig = query["sig"].ToString();
        if (expiresText.Length == 0 || sig.Length == 0 ||
            !long.TryParse(expiresText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires))
        {
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "AccessDenied", "Query-string authentication requires the expires and sig parameters").ConfigureAwait(false);
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(name, expires));
        var actual = Encoding.ASCII.GetBytes(sig);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.").ConfigureAwait(false);
            return false;
        }

        if (_emulator.Clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired").ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private string Sign(string name, long expires)
    {
        var payload = Encoding.UTF8.GetBytes(name + "\n" + expires.ToString(CultureInfo.InvariantCulture));
        var mac = HMACSHA256.HashData(_signingKey, payload);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private EmulatorBlob Create(string name, byte[]? bytes, int? seed, long length, string contentType, string? contentDisposition)
    {
        var version = Interlocked.Increment(ref _version);
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{_storeId}-{version:x8}\"");
        var now = _emulator.Clock.GetUtcNow();
        var lastModified = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return new EmulatorBlob(name, bytes, seed, length, contentType, contentDisposition, etag, lastModified);
    }
}
