using System.Net;

namespace SatDownload.Downloads;

/// <summary>
/// Follows storage redirects for the downloader itself, so that it decides what each hop carries: a location's own
/// headers (<c>Authorization</c>, <c>x-api-key</c>, cookies, ...) go only to the origin they were issued for, never to
/// another scheme, host or port (a presigned S3 URL behind a provider's redirect gets no provider credential), and an
/// <c>https</c> location is never followed to plain <c>http</c>.
/// </summary>
/// <remarks>
/// The downloader's own clients are created with <see cref="SocketsHttpHandler.AllowAutoRedirect"/> false, so every
/// 3xx reaches this code. A caller-supplied client that follows redirects itself keeps .NET's rules instead (it drops
/// <c>Authorization</c> but forwards custom headers such as <c>x-api-key</c>): see <see cref="AssetDownloader"/>.
/// </remarks>
internal static class DownloadRedirects
{
    /// <summary>Whether the status is a redirect the downloader follows (301, 302, 303, 307, 308).</summary>
    public static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The first hop: the location itself, with its method, body and headers.</summary>
    public static RedirectHop First(DownloadLocation location) => new(location.Uri, location.Method, KeepsBody: true, CarriesLocationHeaders: true, Number: 0);

    /// <summary>
    /// Works out the next hop from a redirect response, or throws <see cref="ProviderRequestException"/> (not
    /// retryable) for one that must not be followed: no <c>Location</c>, a non-http(s) target, an https→http downgrade,
    /// or more than <paramref name="maxRedirects"/> hops.
    /// </summary>
    public static RedirectHop Next(HttpResponseMessage response, RedirectHop current, int maxRedirects, ImageryAsset asset)
    {
        var status = (int)response.StatusCode;
        if (current.Number >= maxRedirects)
        {
            throw Refuse(asset, status, current.Uri, $"more than {maxRedirects} redirects (AssetDownloaderOptions.MaxRedirects)");
        }

        if (response.Headers.Location is not { } location)
        {
            throw Refuse(asset, status, current.Uri, $"a {status} redirect without a Location header");
        }

        var target = location.IsAbsoluteUri ? location : new Uri(current.Uri, location);
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            throw Refuse(asset, status, current.Uri, $"a redirect to a '{target.Scheme}' URL, which is not http(s)");
        }

        if (current.Uri.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            throw Refuse(asset, status, current.Uri, $"a redirect from https to plain http ({Redactor.RedactUri(target)}); a download is never downgraded to an unencrypted connection");
        }

        // 303 always turns into a GET; 301/302 turn a POST into a GET (what every client does); 307/308 keep the request.
        var method = current.Method;
        var keepsBody = current.KeepsBody;
        if ((response.StatusCode == HttpStatusCode.SeeOther && method != HttpMethod.Head) ||
            (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && method == HttpMethod.Post))
        {
            method = HttpMethod.Get;
            keepsBody = false;
        }

        // Credentials are scoped to the origin they were issued for; once dropped they stay dropped.
        var carries = current.CarriesLocationHeaders && IsSameOrigin(current.Uri, target);
        return new RedirectHop(target, method, keepsBody, carries, current.Number + 1);
    }

    /// <summary>Same scheme, host and port.</summary>
    public static bool IsSameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;

    /// <summary>
    /// Builds the request of one hop: method, URI, the body when the hop keeps it, the location's headers when the hop
    /// stays on their origin, and the User-Agent.
    /// </summary>
    public static HttpRequestMessage CreateRequest(DownloadLocation location, RedirectHop hop, string? userAgent)
    {
        var request = new HttpRequestMessage(hop.Method, hop.Uri);
        if (hop.KeepsBody && location.Body is { } body)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            if (location.BodyContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        if (hop.CarriesLocationHeaders)
        {
            foreach (var header in location.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        if (userAgent is { } ua && !(hop.CarriesLocationHeaders && location.Headers.ContainsKey("User-Agent")))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", ua);
        }

        return request;
    }

    private static ProviderRequestException Refuse(ImageryAsset asset, int status, Uri from, string what) =>
        new(new ProviderErrorDetails
        {
            Provider = asset.Provider,
            Operation = "download",
            Status = status,
            Message = $"{asset.Identity}: storage answered with {what} ({Redactor.RedactUri(from)}); the redirect was not followed.",
            IsRetryable = false,
        });
}
