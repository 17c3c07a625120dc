using System.Net.Http.Headers;

namespace SatDownload;

/// <summary>
/// What <see cref="DownloadLocation.OnResponse"/> sees of one storage response: the asset, the status and the headers,
/// before the downloader reads the body. The body itself is not exposed: the downloader streams it to disk (or, for a
/// failure, hands it to <see cref="DownloadLocation.ErrorDecoder"/>).
/// </summary>
public sealed class StorageResponse
{
    /// <summary>Creates a view of a response.</summary>
    /// <param name="asset">The asset being downloaded.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="contentHeaders">The content headers (Content-Length, Content-Type, ...), when there is content.</param>
    public StorageResponse(ImageryAsset asset, int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(headers);
        Asset = asset;
        StatusCode = statusCode;
        Headers = headers;
        ContentHeaders = contentHeaders;
    }

    /// <summary>The asset being downloaded.</summary>
    public ImageryAsset Asset { get; }

    /// <summary>The HTTP status (after redirects: redirect hops are not reported).</summary>
    public int StatusCode { get; }

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccessStatusCode => StatusCode is >= 200 and <= 299;

    /// <summary>The response headers (for example Sentinel Hub's <c>x-processingunits-spent</c>).</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The content headers, when the response has content.</summary>
    public HttpContentHeaders? ContentHeaders { get; }

    /// <summary>The first value of a response or content header, or null.</summary>
    /// <param name="name">The header name, case-insensitive.</param>
    /// <returns>The value, or null when the header is absent.</returns>
    public string? GetHeader(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Headers.TryGetValues(name, out var values) || (ContentHeaders is not null && ContentHeaders.TryGetValues(name, out values)))
        {
            return values.FirstOrDefault();
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Asset.Identity} {StatusCode}";
}
