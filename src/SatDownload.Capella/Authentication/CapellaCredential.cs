using System.Net.Http.Headers;
using System.Text;
using SatDownload.Capella.Models;
using SatDownload.Capella.Serialization;
using SatDownload.Http;

namespace SatDownload.Capella;

/// <summary>
/// Produces the <c>Authorization</c> header of API calls: the API key as is, or a bearer token from the deprecated
/// <c>POST /token</c> flow, cached until shortly before it expires, fetched once for all concurrent callers, and renewed
/// after a 401.
/// </summary>
/// <remarks>
/// Capella's token answer (<c>accessToken</c>, <c>expiresIn</c>, <c>tokenType</c>) and request (Basic credentials, an empty
/// form body, no <c>grant_type</c>) are not OAuth2 client credentials, which is why this is not the shared OAuth2 provider.
/// </remarks>
internal sealed class CapellaCredential
{
    private readonly CapellaClientOptions _options;
    private readonly HttpClient _httpClient;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuthenticationHeaderValue? _bearer;
    private DateTimeOffset _bearerExpiresAt;

    public CapellaCredential(CapellaClientOptions options, HttpClient httpClient)
    {
        _options = options;
        _httpClient = httpClient;
        Method = options.AuthenticationMethod;
        if (Method == CapellaAuthenticationMethod.ApiKey)
        {
            Redactor.RegisterSecret(options.ApiKey);
        }
        else
        {
            Redactor.RegisterSecret(options.Password);
        }
    }

    public CapellaAuthenticationMethod Method { get; }

    /// <summary>The provider code a bare 401 means for this credential.</summary>
    public string UnauthorizedCode => Method == CapellaAuthenticationMethod.ApiKey ? CapellaErrorCodes.InvalidApiKey : CapellaErrorCodes.InvalidToken;

    public async ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (Method == CapellaAuthenticationMethod.ApiKey)
        {
            return new AuthenticationHeaderValue("ApiKey", _options.ApiKey);
        }

        var now = _options.TimeProvider.GetUtcNow();
        var current = _bearer;
        if (!forceRefresh && current is not null && now + _options.TokenRefreshMargin < _bearerExpiresAt)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            now = _options.TimeProvider.GetUtcNow();
            if (_bearer is not null && !ReferenceEquals(_bearer, forceRefresh ? current : null) && now + _options.TokenRefreshMargin < _bearerExpiresAt)
            {
                return _bearer;
            }

            var (token, lifetime) = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            _bearer = new AuthenticationHeaderValue("Bearer", token);
            _bearerExpiresAt = _options.TimeProvider.GetUtcNow() + lifetime;
            return _bearer;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        const string operation = "POST /token";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Endpoint, "token"));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.Username + ":" + _options.Password));
        Redactor.RegisterSecret(basic);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Content = new FormUrlEncodedContent(Array.Empty<KeyValuePair<string, string>>());
        request.WithOperation(operation);
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            throw ProviderErrors.FromTransportFailure(ex, ProviderNames.Capella, operation);
        }

        using var owned = response;
        var token = await ProviderJson.ReadAsync(response, CapellaJsonContext.Default.CapellaAccessToken, ProviderNames.Capella, operation, CapellaErrorDecoder.For(CapellaErrorCodes.InvalidToken), cancellationToken).ConfigureAwait(false);

        if (string.IsNullOrWhiteSpace(token?.AccessToken))
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = operation,
                Status = (int)response.StatusCode,
                Message = "The token answer has no accessToken.",
            });
        }

        Redactor.RegisterSecret(token.AccessToken);
        Redactor.RegisterSecret(token.RefreshToken);
        var seconds = token.ExpiresIn is > 0 ? token.ExpiresIn.Value : 3600;
        return (token.AccessToken, TimeSpan.FromSeconds(seconds));
    }
}
