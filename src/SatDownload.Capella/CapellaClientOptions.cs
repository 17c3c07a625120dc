namespace SatDownload.Capella;

/// <summary>
/// Settings of a <see cref="CapellaClient"/>. The client copies and validates them when it is created; changing the
/// options afterwards has no effect on existing clients.
/// </summary>
public sealed class CapellaClientOptions
{
    /// <summary>The production API root.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.capellaspace.com/");

    /// <summary>The configuration section and environment-variable prefix (<c>SATDOWNLOAD_CAPELLA_</c>).</summary>
    public const string EnvironmentPrefix = "SATDOWNLOAD_CAPELLA_";

    /// <summary>The API root; <see cref="DefaultEndpoint"/> unless pointed at an emulator or a proxy.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>An API key, sent as <c>Authorization: ApiKey &lt;key&gt;</c> (the current method; preferred when set).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The Console user name for the deprecated token flow (<c>POST /token</c> with Basic credentials).</summary>
    public string? Username { get; set; }

    /// <summary>The Console password for the deprecated token flow.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The path of the change-map products call of an AOI, relative to <see cref="Endpoint"/>; <c>{aoi_id}</c> is
    /// replaced by the escaped AOI id. The article writes <c>/products{{aoi_id}}</c>; its exact spelling is unconfirmed,
    /// so it is a setting.
    /// </summary>
    public string ProductsPathTemplate { get; set; } = "products/{aoi_id}";

    /// <summary>
    /// How long a signed URL is assumed to last when it does not state its own expiry (Capella publishes no figure;
    /// tokens last an hour). The downloader re-resolves after this, and always on a 403.
    /// </summary>
    public TimeSpan AssumedSignedUrlLifetime { get; set; } = TimeSpan.FromMinutes(55);

    /// <summary>How long before a bearer token's expiry it is renewed.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Retries and timeouts of API calls (429 with Retry-After in seconds, 408, 5xx, transport errors), applied by the shared
    /// <see cref="SatDownload.Http.ResilienceHandler"/>. Its delays run on the system clock.
    /// </summary>
    public SatDownload.Http.HttpRetryOptions Retry { get; set; } = new() { ProviderName = ProviderNames.Capella };

    /// <summary>
    /// A client-side request budget shared by every client of the same credential (Capella publishes no limits, so none by
    /// default; its SDK caps concurrency to avoid 429s). Set it to smooth bursts, for example 120 requests per minute.
    /// </summary>
    public SatDownload.Http.RateLimitOptions? RateLimit { get; set; }

    /// <summary>Allows credentials over plain HTTP to a non-loopback host (never needed for the real service).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// How <see cref="ProviderTask.WaitForCompletionAsync"/> polls an order when no options are passed: orders usually complete
    /// within minutes, so every 10 s at first, backing off to 1 min, for at most 2 hours.
    /// </summary>
    public TaskPollingOptions OrderPolling { get; set; } = new()
    {
        InitialInterval = TimeSpan.FromSeconds(10),
        MaxInterval = TimeSpan.FromMinutes(1),
        Timeout = TimeSpan.FromHours(2),
    };

    /// <summary>The most pages a listing follows before stopping with an error (protects against a paging loop).</summary>
    public int MaxPages { get; set; } = 1000;

    /// <summary>
    /// Hosts, besides <see cref="Endpoint"/>'s, to which credentials may be sent when an href points there (a host and its
    /// subdomains). Credentials never go to any other host, and never to a signed URL.
    /// </summary>
    public IList<string> TrustedHosts { get; } = new List<string> { "capellaspace.com" };

    /// <summary>
    /// Where bearer tokens of the deprecated token flow are cached and shared: clients with the same endpoint and user share
    /// one token and one in-flight token request. When null: <see cref="SatDownload.Http.OAuth2TokenProviderRegistry.Shared"/>
    /// on the system clock, else one registry per <see cref="TimeProvider"/>; under <c>AddSatDownload()</c> the container's.
    /// </summary>
    public SatDownload.Http.OAuth2TokenProviderRegistry? TokenProviders { get; set; }

    /// <summary>
    /// Logs one Debug line per HTTP attempt and the retries (category <c>SatDownload.Http</c>, URLs redacted) for clients
    /// created without DI; under <c>AddSatDownload()</c> the container's logger factory is used. None when null.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock (tests inject the emulator's virtual clock).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Which credential will be used.</summary>
    public CapellaAuthenticationMethod AuthenticationMethod =>
        !string.IsNullOrWhiteSpace(ApiKey) ? CapellaAuthenticationMethod.ApiKey
        : !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrEmpty(Password) ? CapellaAuthenticationMethod.Token
        : CapellaAuthenticationMethod.None;

    /// <summary>
    /// Reads options from environment variables: <c>SATDOWNLOAD_CAPELLA_API_KEY</c> (or the official SDK's
    /// <c>CAPELLA_API_KEY</c>), <c>SATDOWNLOAD_CAPELLA_USERNAME</c>, <c>SATDOWNLOAD_CAPELLA_PASSWORD</c> and
    /// <c>SATDOWNLOAD_CAPELLA_ENDPOINT</c>.
    /// </summary>
    /// <returns>The options; <see cref="AuthenticationMethod"/> is <see cref="CapellaAuthenticationMethod.None"/> when nothing is set.</returns>
    public static CapellaClientOptions FromEnvironment()
    {
        var options = new CapellaClientOptions
        {
            ApiKey = Env("API_KEY") ?? Environment.GetEnvironmentVariable("CAPELLA_API_KEY"),
            Username = Env("USERNAME"),
            Password = Env("PASSWORD"),
        };
        if (Env("ENDPOINT") is { } endpoint)
        {
            options.Endpoint = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/", UriKind.Absolute);
        }

        return options;
    }

    /// <summary>Checks the options and names the setting to fix.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("CapellaClientOptions.Endpoint must be an absolute http(s) URI such as https://api.capellaspace.com/.", nameof(Endpoint));
        }

        if (Endpoint.Scheme == Uri.UriSchemeHttp && !Endpoint.IsLoopback && !AllowInsecureHttp)
        {
            throw new ArgumentException(
                $"CapellaClientOptions.Endpoint {Endpoint.GetLeftPart(UriPartial.Authority)} is plain HTTP: credentials are only sent over HTTPS (or to loopback). Use https:// or set AllowInsecureHttp on a trusted network.",
                nameof(Endpoint));
        }

        if (AuthenticationMethod == CapellaAuthenticationMethod.None)
        {
            throw new ArgumentException(
                "CapellaClientOptions needs credentials: set ApiKey (Authorization: ApiKey) or Username and Password (deprecated token flow), or the SATDOWNLOAD_CAPELLA_API_KEY environment variable.",
                nameof(ApiKey));
        }

        if (string.IsNullOrWhiteSpace(ProductsPathTemplate) || !ProductsPathTemplate.Contains("{aoi_id}", StringComparison.Ordinal))
        {
            throw new ArgumentException("CapellaClientOptions.ProductsPathTemplate must contain the {aoi_id} placeholder, for example 'products/{aoi_id}'.", nameof(ProductsPathTemplate));
        }

        if (AssumedSignedUrlLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("CapellaClientOptions.AssumedSignedUrlLifetime must be positive.", nameof(AssumedSignedUrlLifetime));
        }

        if (TokenRefreshMargin < TimeSpan.Zero)
        {
            throw new ArgumentException("CapellaClientOptions.TokenRefreshMargin must not be negative; the default renews tokens 5 minutes before they expire.", nameof(TokenRefreshMargin));
        }

        ArgumentNullException.ThrowIfNull(OrderPolling, nameof(OrderPolling));
        OrderPolling.Validate();
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        RateLimit?.Validate();

        if (MaxPages < 1)
        {
            throw new ArgumentException("CapellaClientOptions.MaxPages must be at least 1.", nameof(MaxPages));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }

    internal CapellaClientOptions Clone()
    {
        var copy = new CapellaClientOptions
        {
            Endpoint = Endpoint.AbsoluteUri.EndsWith('/') ? Endpoint : new Uri(Endpoint.AbsoluteUri + "/"),
            ApiKey = ApiKey,
            Username = Username,
            Password = Password,
            ProductsPathTemplate = ProductsPathTemplate,
            AssumedSignedUrlLifetime = AssumedSignedUrlLifetime,
            TokenRefreshMargin = TokenRefreshMargin,
            Retry = CloneRetry(Retry),
            RateLimit = RateLimit?.Clone(),
            AllowInsecureHttp = AllowInsecureHttp,
            OrderPolling = OrderPolling,
            MaxPages = MaxPages,
            TimeProvider = TimeProvider,
            TokenProviders = TokenProviders,
            LoggerFactory = LoggerFactory,
        };
        copy.TrustedHosts.Clear();
        foreach (var h in TrustedHosts)
        {
            copy.TrustedHosts.Add(h);
        }

        return copy;
    }

    private static SatDownload.Http.HttpRetryOptions CloneRetry(SatDownload.Http.HttpRetryOptions retry)
    {
        var copy = retry.Clone();
        copy.ProviderName = ProviderNames.Capella;
        return copy;
    }

    private static string? Env(string name)
    {
        var v = Environment.GetEnvironmentVariable(EnvironmentPrefix + name);
        return string.IsNullOrWhiteSpace(v) ? null : v;
    }
}
