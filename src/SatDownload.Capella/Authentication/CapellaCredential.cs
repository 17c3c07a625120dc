using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using SatDownload.Http;

namespace SatDownload.Capella;

/// <summary>
/// Produces the <c>Authorization</c> header of API calls: the API key as is, or a bearer token from the deprecated
/// <c>POST /token</c> flow, fetched and cached by the shared <see cref="OAuth2TokenProvider"/> (one cache per credential
/// across clients, single flight, renewed <see cref="CapellaClientOptions.TokenRefreshMargin"/> before expiry, retries of
/// 429/5xx/transport failures, redaction) with Capella's request shape plugged in through
/// <see cref="OAuth2ClientCredentialsOptions.TokenRequestFactory"/>.
/// </summary>
/// <remarks>
/// Capella's token request is not OAuth2 client credentials: raw Basic <c>username:password</c> (not form-encoded first)
/// and an empty form body without <c>grant_type</c>. Its answer (<c>accessToken</c>, <c>expiresIn</c>, <c>tokenType</c>)
/// is read by the shared parser.
/// </remarks>
internal sealed class CapellaCredential
{
    /// <summary>Clients on the same non-system clock (tests, emulators) share one registry, so they share tokens too.</summary>
    private static readonly ConditionalWeakTable<TimeProvider, OAuth2TokenProviderRegistry> RegistriesByClock = new();

    /// <summary>The longest a token request may take (the shared provider's default).</summary>
    private static readonly TimeSpan TokenTimeout = TimeSpan.FromSeconds(30);

    private readonly CapellaClientOptions _options;
    private readonly OAuth2TokenProvider? _tokens;

    public CapellaCredential(CapellaClientOptions options)
    {
        _options = options;
        Method = options.AuthenticationMethod;
        if (Method == CapellaAuthenticationMethod.ApiKey)
        {
            Redactor.RegisterSecret(options.ApiKey);
        }
        else
        {
            Redactor.RegisterSecret(options.Password);
            var registry = options.TokenProviders ??
                (ReferenceEquals(options.TimeProvider, TimeProvider.System)
                    ? OAuth2TokenProviderRegistry.Shared
                    : RegistriesByClock.GetValue(options.TimeProvider, static clock => new OAuth2TokenProviderRegistry(null, clock)));
            _tokens = registry.GetOrCreate(TokenOptions(options));
        }
    }

    public CapellaAuthenticationMethod Method { get; }

    /// <summary>The shared token cache of the token flow; null with an API key.</summary>
    public OAuth2TokenProvider? Tokens => _tokens;

    /// <summary>The provider code a bare 401 means for this credential.</summary>
    public string UnauthorizedCode => Method == CapellaAuthenticationMethod.ApiKey ? CapellaErrorCodes.InvalidApiKey : CapellaErrorCodes.InvalidToken;

    /// <summary>The settings of Capella's token call for the shared provider.</summary>
    public static OAuth2ClientCredentialsOptions TokenOptions(CapellaClientOptions options) => new()
    {
        TokenEndpoint = new Uri(options.Endpoint, "token"),
        ClientId = options.Username ?? string.Empty,
        ClientSecret = options.Password ?? string.Empty,
        ProviderName = ProviderNames.Capella,
        RefreshMargin = options.TokenRefreshMargin,

        // Capella documents expiresIn = 3600; an answer without it is assumed to last as long.
        DefaultTokenLifetime = TimeSpan.FromHours(1),
        AllowInsecureHttp = options.AllowInsecureHttp,

        // A hung token endpoint is given up on like any other call: within the per-attempt timeout (at most the default 30 s).
        TokenRequestTimeout = options.Retry.PerAttemptTimeout is { } perAttempt && perAttempt < TokenTimeout ? perAttempt : TokenTimeout,
        TokenRequestFactory = CreateTokenRequest,
        ErrorDecoder = CapellaErrorDecoder.For(CapellaErrorCodes.InvalidToken),
        OperationName = "POST /token",
    };

    public async ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        if (_tokens is null)
        {
            return new AuthenticationHeaderValue("ApiKey", _options.ApiKey);
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        return new AuthenticationHeaderValue("Bearer", token.Value);
    }

    /// <summary>Forgets a bearer token the API refused (revoked, clock skew), so the next call fetches a new one; only that token, once for all callers.</summary>
    /// <param name="refused">The header the refused request carried.</param>
    public void Reject(AuthenticationHeaderValue refused)
    {
        if (_tokens is not null && string.Equals(refused.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(refused.Parameter))
        {
            _tokens.Invalidate(refused.Parameter);
        }
    }

    /// <summary>Capella's <c>POST /token</c>: Basic over the raw <c>username:password</c>, an empty form body.</summary>
    private static HttpRequestMessage CreateTokenRequest(OAuth2ClientCredentialsOptions options)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ClientId + ":" + options.ClientSecret));
        Redactor.RegisterSecret(basic);
        var request = new HttpRequestMessage(HttpMethod.Post, options.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(Array.Empty<KeyValuePair<string, string>>()),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        return request;
    }
}
