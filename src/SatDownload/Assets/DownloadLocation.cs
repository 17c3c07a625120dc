using SatDownload.Http;

namespace SatDownload;

/// <summary>
/// A concrete, authenticated request that returns an asset's bytes: an absolute URI, headers, an optional body for
/// assets produced by a POST, an optional expiry, and whether byte ranges may be requested.
/// Produced by an <see cref="ISignedUrlResolver"/> just before each attempt; never stored.
/// </summary>
public sealed class DownloadLocation
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, string> _headers = NoHeaders;

    /// <summary>Creates a GET location.</summary>
    /// <param name="uri">The absolute URI.</param>
    /// <exception cref="ArgumentException">The URI is not absolute.</exception>
    public DownloadLocation(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("A download location needs an absolute URI.", nameof(uri));
        }

        Uri = uri;
    }

    /// <summary>The absolute URI to request.</summary>
    public Uri Uri { get; }

    /// <summary>The HTTP method; GET unless the provider produces the file in answer to a POST.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>Headers to send (for example <c>Authorization</c>); never logged verbatim.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get => _headers;
        init => _headers = value is null ? NoHeaders : new Dictionary<string, string>(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The request body for POST-produced assets; replayed as is on every attempt.</summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>The body's content type (for example <c>application/json</c>).</summary>
    public string? BodyContentType { get; init; }

    /// <summary>When this location stops working; the downloader re-resolves shortly before.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether the server may be asked for byte ranges. Defaults to true for GET and false otherwise.</summary>
    public bool AllowRanges { get; init; } = true;

    /// <summary>
    /// Decodes the body of a failed storage response (a provider's JSON error, for example ClearSKY's or Sentinel Hub's
    /// for a POST-produced file) into the <see cref="ProviderRequestException"/> the download fails with: its error code,
    /// message, request id, Retry-After, and whether it is worth retrying (<see cref="DecodedProviderError.IsRetryable"/>
    /// true makes the downloader retry the attempt, within <see cref="DownloadOptions.MaxAttempts"/>). Null, or a decoder
    /// that returns null, falls back to <see cref="ProviderErrors.DecodeCommonJson"/>. At most
    /// <see cref="ProviderErrors.MaxBodyBytes"/> of the body are read; the decoder must not throw for unexpected shapes
    /// (JSON and format exceptions are caught and ignored).
    /// </summary>
    public Func<ProviderErrorBody, DecodedProviderError?>? ErrorDecoder { get; init; }

    /// <summary>
    /// Called with the status and headers of every storage response the downloader receives for this location (after
    /// redirects, including failed ones), before the body is read: for example to record Sentinel Hub's
    /// <c>x-processingunits-spent</c>. It runs on the download's thread and should be quick; an exception it throws is
    /// logged and ignored, so that accounting code cannot break a download.
    /// </summary>
    public Action<StorageResponse>? OnResponse { get; init; }

    /// <summary>Whether the location is produced by a request that is not a plain GET (no ranges, retried whole).</summary>
    public bool IsGeneratedByRequest => Method != HttpMethod.Get || Body is not null;

    /// <summary>Creates a POST location whose response body is the asset.</summary>
    /// <param name="uri">The endpoint.</param>
    /// <param name="body">The request body.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <param name="headers">Extra headers.</param>
    /// <returns>A location with ranges disabled.</returns>
    public static DownloadLocation ForPost(Uri uri, ReadOnlyMemory<byte> body, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null) =>
        new(uri)
        {
            Method = HttpMethod.Post,
            Body = body,
            BodyContentType = contentType,
            AllowRanges = false,
            Headers = headers ?? NoHeaders,
        };

    /// <summary>Whether the location has expired, or will within <paramref name="margin"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="margin">Safety margin before the stated expiry.</param>
    /// <returns><see langword="true"/> when the location should be re-resolved before use.</returns>
    public bool IsExpired(DateTimeOffset now, TimeSpan margin = default) => ExpiresAt is { } e && now + margin >= e;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Method} {Redactor.RedactUri(Uri)}{(Headers.Count == 0 ? string.Empty : " (" + string.Join(", ", Headers.Select(h => h.Key + ": " + Redactor.RedactHeader(h.Key, h.Value))) + ")")}{(ExpiresAt is { } e ? " expires " + e.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}";
}
