using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;token&gt;</c> to every request, from a static token or from an asynchronous token
/// source called once per request (the source is responsible for caching). For OAuth2 client credentials use
/// <see cref="OAuth2ClientCredentialsHandler"/>, which also refreshes on 401.
/// </summary>
public class BearerTokenHandler : DelegatingHandler
{
    private readonly Func<CancellationToken, ValueTask<string>> _tokenSource;
    private readonly string? _provider;
    private readonly bool _allowInsecureHttp;
    private readonly ILogger? _logger;

    /// <summary>Creates a handler that sends a fixed token.</summary>
    /// <param name="token">The bearer token (without the <c>Bearer </c> prefix).</param>
    /// <param name="provider">The provider name for error messages.</param>
    /// <param name="allowInsecureHttp">Allow sending the token over plain HTTP to non-loopback hosts (logs a warning).</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    public BearerTokenHandler(string token, string? provider = null, bool allowInsecureHttp = false, ILogger? logger = null)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("The bearer token is empty. Pass the access token issued by the provider.", nameof(token));
        }

        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        Redactor.RegisterSecret(token);
        _tokenSource = _ => ValueTask.FromResult(token);
        _provider = provider;
        _allowInsecureHttp = allowInsecureHttp;
        _logger = logger;
    }

    /// <summary>Creates a handler that asks <paramref name="tokenSource"/> for a token before every request.</summary>
    /// <param name="tokenSource">Returns the current token; should cache and refresh on its own.</param>
    /// <param name="provider">The provider name for error messages.</param>
    /// <param name="allowInsecureHttp">Allow sending the token over plain HTTP to non-loopback hosts (logs a warning).</param>
    /// <param name="logger">Optional logger.</param>
    public BearerTokenHandler(Func<CancellationToken, ValueTask<string>> tokenSource, string? provider = null, bool allowInsecureHttp = false, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tokenSource);
        _tokenSource = tokenSource;
        _provider = provider;
        _allowInsecureHttp = allowInsecureHttp;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TransportSecurity.EnsureCredentialTransport(request.RequestUri, _allowInsecureHttp, "bearer token", _provider, _logger);
        var token = await _tokenSource(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new SatDownloadException(
                $"{(_provider is null ? string.Empty : _provider + ": ")}the bearer token source returned an empty token.");
        }

        Redactor.RegisterSecret(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
