using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Adds an OAuth2 client-credentials bearer token to every request. When the API answers 401 (token revoked, clock skew,
/// provider restart), it invalidates that token and retries the call once with a fresh one, provided the request body can
/// be replayed (bodies up to 1 MiB are buffered for that).
/// </summary>
public class OAuth2ClientCredentialsHandler : DelegatingHandler
{
    private readonly OAuth2TokenProvider _tokenProvider;
    private readonly ILogger? _logger;

    /// <summary>Creates a handler over a (shared) token provider.</summary>
    /// <param name="tokenProvider">The token provider, normally from <see cref="OAuth2TokenProviderRegistry"/>.</param>
    /// <param name="logger">Optional logger.</param>
    public OAuth2ClientCredentialsHandler(OAuth2TokenProvider tokenProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _tokenProvider = tokenProvider;
        _logger = logger;
    }

    /// <summary>Creates a handler whose token provider comes from <paramref name="registry"/> (default <see cref="OAuth2TokenProviderRegistry.Shared"/>).</summary>
    /// <param name="options">Grant settings.</param>
    /// <param name="registry">The registry that shares providers per credentials.</param>
    /// <param name="logger">Optional logger.</param>
    public OAuth2ClientCredentialsHandler(OAuth2ClientCredentialsOptions options, OAuth2TokenProviderRegistry? registry = null, ILogger? logger = null)
        : this((registry ?? OAuth2TokenProviderRegistry.Shared).GetOrCreate(options), logger)
    {
    }

    /// <summary>The token provider in use.</summary>
    public OAuth2TokenProvider TokenProvider => _tokenProvider;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TransportSecurity.EnsureCredentialTransport(request.RequestUri, _tokenProvider.AllowInsecureHttp, "OAuth2 access token", _tokenProvider.ProviderName, _logger);
        var replayable = await RequestReplay.PrepareAsync(request, RequestReplay.DefaultMaxBufferBytes, cancellationToken).ConfigureAwait(false);

        var token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !replayable)
        {
            return response;
        }

        if (_logger is not null)
        {
            HttpLog.UnauthorizedRetry(_logger, _tokenProvider.ProviderName, request.Method.Method, Redactor.RedactUri(request.RequestUri));
        }

        response.Dispose();
        _tokenProvider.Invalidate(token.Value);
        var fresh = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
