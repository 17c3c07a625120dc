namespace SatDownload.Http;

/// <summary>Settings of an OAuth2 client-credentials grant, as used by <see cref="OAuth2TokenProvider"/>.</summary>
public sealed class OAuth2ClientCredentialsOptions
{
    /// <summary>The token endpoint, for example <c>https://services.sentinel-hub.com/auth/realms/main/protocol/openid-connect/token</c>.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The OAuth2 client id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The OAuth2 client secret. Registered with <see cref="Redactor.RegisterSecret"/>; never logged.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Optional space-separated scopes (<c>scope</c> form parameter).</summary>
    public string? Scope { get; set; }

    /// <summary>Client authentication: form body (default) or HTTP Basic.</summary>
    public OAuth2ClientAuthentication ClientAuthentication { get; set; } = OAuth2ClientAuthentication.FormBody;

    /// <summary>
    /// How long before expiry a token is replaced. Default 60 s; for short-lived tokens at most half their lifetime is used,
    /// so a 10-minute CDSE token is refreshed after 9 minutes and a 60-second token after 30 seconds.
    /// </summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Lifetime assumed when the token response has neither <c>expires_in</c> nor a JWT <c>exp</c>. Default 5 minutes.</summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra form parameters sent with every token request (for example <c>audience</c>).</summary>
    public IDictionary<string, string> AdditionalParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The provider name used in error messages and logs (see <see cref="ProviderNames"/>).</summary>
    public string ProviderName { get; set; } = "oauth2";

    /// <summary>Attempts per token request when the endpoint answers 429, 5xx or the connection fails. Default 3.</summary>
    public int MaxTokenRequestAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff between token request attempts. Default 1 s.</summary>
    public TimeSpan TokenRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between token request attempts, including a server's Retry-After. Default 30 s.</summary>
    public TimeSpan TokenRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one token request attempt. Default 30 s.</summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The unit of a numeric Retry-After from the token endpoint. Default seconds.</summary>
    public RetryAfterUnit RetryAfterUnit { get; set; } = RetryAfterUnit.Seconds;

    /// <summary>
    /// Allows the token endpoint and the API to use plain <c>http://</c> on non-loopback hosts. Off by default
    /// (<see cref="InsecureTransportException"/>); when on, a warning is logged.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Builds the token request instead of the standard client-credentials form, for token endpoints that are not OAuth2
    /// but issue bearer tokens the same way (for example Capella's <c>POST /token</c> with raw Basic <c>user:password</c>
    /// and no <c>grant_type</c>). Called for every attempt with this (copied) options instance; the request must be new
    /// each time. Register any secret the request carries (for example a Basic value) with <see cref="Redactor.RegisterSecret"/>.
    /// The response is still read by the provider: <c>access_token</c>/<c>accessToken</c>, <c>expires_in</c>/<c>expiresIn</c>
    /// (or a JWT <c>exp</c>, else <see cref="DefaultTokenLifetime"/>) and <c>token_type</c>/<c>tokenType</c>. Null (the
    /// default) sends <c>grant_type=client_credentials</c> with <see cref="ClientAuthentication"/>.
    /// </summary>
    public Func<OAuth2ClientCredentialsOptions, HttpRequestMessage>? TokenRequestFactory { get; set; }

    /// <summary>
    /// The provider's error-body decoder for failed token requests (for example to map its own error codes); the common
    /// JSON shapes are decoded when it is null or returns null.
    /// </summary>
    public Func<ProviderErrorBody, DecodedProviderError?>? ErrorDecoder { get; set; }

    /// <summary>
    /// How the token call is named in errors and logs (<see cref="ProviderRequestException.Operation"/>); by default
    /// <c>POST &lt;token path&gt; (token request)</c>.
    /// </summary>
    public string? OperationName { get; set; }

    /// <summary>Validates the options and throws an <see cref="ArgumentException"/> naming the field and the fix.</summary>
    /// <exception cref="ArgumentException">A required value is missing or out of range.</exception>
    public void Validate()
    {
        var who = ProviderName + ": ";
        if (TokenEndpoint is null || !TokenEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException(who + "OAuth2ClientCredentialsOptions.TokenEndpoint must be an absolute URL of the provider's token endpoint.", nameof(TokenEndpoint));
        }

        if (TokenEndpoint.Scheme != Uri.UriSchemeHttps && TokenEndpoint.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException(who + "OAuth2ClientCredentialsOptions.TokenEndpoint must be an https:// URL.", nameof(TokenEndpoint));
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new ArgumentException(who + "OAuth2ClientCredentialsOptions.ClientId is empty. Set it to the OAuth client id from the provider's dashboard.", nameof(ClientId));
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            throw new ArgumentException(who + "OAuth2ClientCredentialsOptions.ClientSecret is empty. Set it to the OAuth client secret from the provider's dashboard.", nameof(ClientSecret));
        }

        if (RefreshMargin < TimeSpan.Zero)
        {
            throw new ArgumentException(who + "OAuth2ClientCredentialsOptions.RefreshMargin must not be negative.", nameof(RefreshMargin));
        }

        if (MaxTokenRequestAttempts < 1)
        {
            throw new ArgumentException(who + "OAuth2ClientCredentialsOptions.MaxTokenRequestAttempts must be at least 1.", nameof(MaxTokenRequestAttempts));
        }

        if (TokenRequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(who + "OAuth2ClientCredentialsOptions.TokenRequestTimeout must be positive.", nameof(TokenRequestTimeout));
        }
    }

    /// <summary>Copies the options (so a provider keeps its own snapshot even if the caller mutates theirs).</summary>
    /// <returns>The copy.</returns>
    public OAuth2ClientCredentialsOptions Clone()
    {
        var copy = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = TokenEndpoint,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            Scope = Scope,
            ClientAuthentication = ClientAuthentication,
            RefreshMargin = RefreshMargin,
            DefaultTokenLifetime = DefaultTokenLifetime,
            ProviderName = ProviderName,
            MaxTokenRequestAttempts = MaxTokenRequestAttempts,
            TokenRetryBaseDelay = TokenRetryBaseDelay,
            TokenRetryMaxDelay = TokenRetryMaxDelay,
            TokenRequestTimeout = TokenRequestTimeout,
            RetryAfterUnit = RetryAfterUnit,
            AllowInsecureHttp = AllowInsecureHttp,
            TokenRequestFactory = TokenRequestFactory,
            ErrorDecoder = ErrorDecoder,
            OperationName = OperationName,
        };
        foreach (var pair in AdditionalParameters)
        {
            copy.AdditionalParameters[pair.Key] = pair.Value;
        }

        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"OAuth2 client credentials for {ProviderName}: client {ClientId} at {Redactor.RedactUri(TokenEndpoint)}";
}
