using System.Net;
using System.Text;
using System.Text.Json;
using SatDownload.Http;

namespace SatDownload.Capella;

/// <summary>
/// Exchanges a Capella asset href for the file's signed URL. Calling the href (authenticated) answers in one of the forms
/// the article leaves open, and all are handled: a JSON body carrying the URL (<c>{"url":…}</c>, <c>{"signedUrl":…}</c>,
/// or a JSON string), a plain-text URL, or a 30x redirect, whose target is returned without the <c>Authorization</c>
/// header. An href that turns out to be the file itself is returned as is, with credentials. The signed URL is never
/// logged or persisted; it is re-resolved when it expires or storage refuses it.
/// </summary>
internal sealed class CapellaAnalyticsHrefResolver : CachingSignedUrlResolver
{
    private const int MaxAnswerBytes = 64 * 1024;
    private static readonly string[] UrlMembers = { "url", "signedUrl", "signed_url", "signedURL", "href", "downloadUrl", "download_url", "location", "link" };

    private readonly CapellaClient _client;

    public CapellaAnalyticsHrefResolver(CapellaClient client, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _client = client;
    }

    protected override async Task<DownloadLocation> ResolveFreshAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await ExchangeAsync(asset, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderRequestException ex) when (!ex.IsRetryable)
        {
            // A refusal the downloader will not retry ends the asset's download: say which asset, like the downloader's own errors.
            throw new ProviderRequestException(
                new ProviderErrorDetails
                {
                    Provider = ex.Provider,
                    Operation = ex.Operation,
                    Status = ex.Status,
                    ErrorCode = ex.ErrorCode,
                    Message = $"{asset.Identity}: the signed-URL exchange failed: {ex.ProviderMessage ?? ex.Message}",
                    RequestId = ex.RequestId,
                    RetryAfter = ex.RetryAfter,
                    BodyExcerpt = ex.BodyExcerpt,
                    IsRetryable = false,
                },
                ex);
        }
    }

    private async Task<DownloadLocation> ExchangeAsync(ImageryAsset asset, CancellationToken cancellationToken)
    {
        var href = asset.Href ?? throw new ArgumentException($"Asset {asset.Identity} has no href to resolve.", nameof(asset));
        const string operation = "GET {asset href}";
        using var response = await _client.SendAsync(
            () =>
            {
                // The answer may be JSON, text or the file itself; say so, so that content negotiation cannot refuse it.
                var request = new HttpRequestMessage(HttpMethod.Get, href);
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.Accept.ParseAdd("text/plain; q=0.9");
                request.Headers.Accept.ParseAdd("*/*; q=0.8");
                return request;
            },
            true,
            operation,
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);

        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location ?? throw Unreadable(status, "a redirect without a Location header");
            return Signed(location.IsAbsoluteUri ? location : new Uri(href, location));
        }

        await _client.EnsureSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);

        // A transport that follows redirects by itself has already reached the file: take its final URL, read nothing.
        var final = response.RequestMessage?.RequestUri;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        var isText = mediaType.Length == 0 || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
        if (final is not null && final != href && !isText)
        {
            return Signed(final);
        }

        if (!isText || response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            // The href is the file itself (for example a catalog asset served directly): download it with credentials.
            return await DirectAsync(href, cancellationToken).ConfigureAwait(false);
        }

        string body;
        try
        {
            body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            // The connection dropped after the headers: retryable, so the downloader asks again instead of failing the file.
            throw ProviderErrors.FromTransportFailure(ex, ProviderNames.Capella, operation);
        }

        var url = ExtractUrl(body) ?? throw Unreadable(status, $"a {(mediaType.Length == 0 ? "typeless" : mediaType)} body that holds no URL");
        url = url.Trim();
        if (url.Length == 0 || url.Any(char.IsWhiteSpace))
        {
            // An empty URL would resolve to the href itself (downloading this JSON answer as the file); words are not a URL.
            throw Unreadable(status, url.Length == 0 ? "an empty URL" : "a URL with spaces in it");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var signed))
        {
            // Only a path on the same host (for example "/signed/…?Signature=…") is taken as a relative signed URL.
            if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && Uri.TryCreate(href, url, out var relative))
            {
                signed = relative;
            }
            else
            {
                throw Unreadable(status, "a URL that is not absolute");
            }
        }

        if (signed.Scheme != Uri.UriSchemeHttps && signed.Scheme != Uri.UriSchemeHttp)
        {
            throw Unreadable(status, $"a {signed.Scheme} URL, which cannot be downloaded over HTTP");
        }

        return Signed(signed);
    }

    /// <summary>Reads the URL from a JSON object, a JSON string or a plain-text answer.</summary>
    internal static string? ExtractUrl(string body)
    {
        var text = body.Trim().TrimStart('\uFEFF');
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] is '{' or '"' or '[')
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                return FromJson(doc.RootElement, 0);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var firstLine = text.Split('\n', 2)[0].Trim();
        return firstLine.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || firstLine.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? firstLine
            : null;
    }

    private static string? FromJson(JsonElement e, int depth)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Object when depth < 3:
                foreach (var name in UrlMembers)
                {
                    foreach (var p in e.EnumerateObject())
                    {
                        if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                        {
                            return p.Value.GetString();
                        }
                    }
                }

                // A wrapper such as {"data":{"url":…}}.
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Object && FromJson(p.Value, depth + 1) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array when depth < 3 && e.GetArrayLength() == 1:
                return FromJson(e[0], depth + 1);
            default:
                return null;
        }
    }

    private DownloadLocation Signed(Uri signed)
    {
        SignedUrlInspector.RegisterSecrets(signed);
        var expires = SignedUrlInspector.ReadExpiry(signed) ?? _client.Options.TimeProvider.GetUtcNow() + _client.Options.AssumedSignedUrlLifetime;

        // No headers: a signed URL carries its own authorization, and the API credential must not reach storage.
        return new DownloadLocation(signed) { ExpiresAt = expires };
    }

    private async Task<DownloadLocation> DirectAsync(Uri href, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (_client.IsTrusted(href))
        {
            var authorization = await _client.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
            headers["Authorization"] = authorization.ToString();
        }

        // A bearer token expires within the hour: the location expires with the assumed lifetime and is then re-resolved.
        return new DownloadLocation(href) { Headers = headers, ExpiresAt = _client.Options.TimeProvider.GetUtcNow() + _client.Options.AssumedSignedUrlLifetime };
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxAnswerBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    private static ProviderRequestException Unreadable(int status, string what) =>
        new(new ProviderErrorDetails
        {
            Provider = ProviderNames.Capella,
            Operation = "GET {asset href}",
            Status = status,
            Message = $"The asset link answered with {what}; expected a signed URL as JSON {{\"url\": …}}, plain text, or a redirect.",
        });
}
