using Microsoft.Extensions.Logging;
using SatDownload.Http;
using SatDownload.Iceye.Validation;

namespace SatDownload.Iceye;

/// <summary>
/// Settings of an <see cref="IceyeClient"/>: where ICEYE lives, the customer's OAuth2 client credentials, paging,
/// polling and signed-URL handling. Set them before building the client; the client copies what it needs.
/// </summary>
public sealed class IceyeClientOptions
{
    /// <summary>The production API base address.</summary>
    public const string DefaultBaseAddress = "https://platform.iceye.com/";

    /// <summary>The environment variable holding the OAuth2 client id.</summary>
    public const string ClientIdVariable = "SATDOWNLOAD_ICEYE_CLIENT_ID";

    /// <summary>The environment variable holding the OAuth2 client secret.</summary>
    public const string ClientSecretVariable = "SATDOWNLOAD_ICEYE_CLIENT_SECRET";

    /// <summary>The environment variable holding the customer's token URL.</summary>
    public const string TokenUrlVariable = "SATDOWNLOAD_ICEYE_TOKEN_URL";

    /// <summary>The environment variable overriding the API base address.</summary>
    public const string BaseUrlVariable = "SATDOWNLOAD_ICEYE_BASE_URL";

    /// <summary>The API base address; paths such as <c>api/tasking/v2/tasks</c> are resolved against it. Default <see cref="DefaultBaseAddress"/>.</summary>
    public Uri BaseAddress { get; set; } = new(DefaultBaseAddress);

    /// <summary>The customer's OAuth2 token URL (ICEYE issues one per customer, of the form <c>&lt;oauth base&gt;/v1/token</c>).</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The OAuth2 client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth2 client secret; registered with <see cref="Redactor"/> so it never appears in logs.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long before expiry an access token is replaced. ICEYE recommends five minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The page size asked for when listing tasks (ICEYE's default is 10).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>How long ICEYE's pre-signed download URLs stay valid after a listing. ICEYE documents one hour.</summary>
    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long before a signed URL's expiry the resolver fetches a fresh one. Default two minutes.</summary>
    public TimeSpan SignedUrlRefreshMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Polling of tasks: minutes-scale, since the optimiser takes about 20 minutes and products hours.
    /// Default: first poll after 30 s, backing off to 10 minutes.
    /// </summary>
    public TaskPollingOptions Polling { get; set; } = new()
    {
        InitialInterval = TimeSpan.FromSeconds(30),
        MaxInterval = TimeSpan.FromMinutes(10),
        BackoffMultiplier = 2,
    };

    /// <summary>The clock for token expiry, signed-URL expiry, validation of acquisition windows and polling.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Retries of API calls (429, 5xx, transport errors) by the shared resilience handler, honouring Retry-After in seconds.</summary>
    public HttpRetryOptions Retry { get; set; } = new() { ProviderName = ProviderNames.Iceye };

    /// <summary>
    /// An optional client-side rate limit, shared by every client with the same client id (ICEYE publishes no limits,
    /// so none is applied by default).
    /// </summary>
    public RateLimitOptions? RateLimit { get; set; }

    /// <summary>
    /// Where access tokens are cached and shared; <see cref="OAuth2TokenProviderRegistry.Shared"/> when null and the
    /// clock is the system clock, otherwise a registry on <see cref="TimeProvider"/> for this client.
    /// </summary>
    public OAuth2TokenProviderRegistry? TokenProviders { get; set; }

    /// <summary>Where rate limiters are shared; <see cref="RateLimiterRegistry.Shared"/> when null.</summary>
    public RateLimiterRegistry? RateLimiters { get; set; }

    /// <summary>Whether credentials may be sent over plain http to a non-loopback host (never in production).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Logging for a client created without DI (<c>new IceyeClient(options)</c>): token fetches, retries and rate-limit
    /// waits. Ignored by <c>AddIceye</c>, which uses the container's logging. None when null.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Reads the credentials and addresses from the <c>SATDOWNLOAD_ICEYE_*</c> environment variables.</summary>
    /// <returns>Options with whatever the environment sets; the rest keep their defaults.</returns>
    public static IceyeClientOptions FromEnvironment()
    {
        var options = new IceyeClientOptions
        {
            ClientId = Environment.GetEnvironmentVariable(ClientIdVariable),
            ClientSecret = Environment.GetEnvironmentVariable(ClientSecretVariable),
        };
        if (Environment.GetEnvironmentVariable(TokenUrlVariable) is { Length: > 0 } token)
        {
            options.TokenEndpoint = new Uri(token, UriKind.Absolute);
        }

        if (Environment.GetEnvironmentVariable(BaseUrlVariable) is { Length: > 0 } baseUrl)
        {
            options.BaseAddress = new Uri(baseUrl, UriKind.Absolute);
        }

        return options;
    }

    /// <summary>Whether the environment holds complete ICEYE credentials.</summary>
    /// <returns><see langword="true"/> when the client id, secret and token URL variables are all set.</returns>
    public static bool EnvironmentHasCredentials() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ClientIdVariable)) &&
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ClientSecretVariable)) &&
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TokenUrlVariable));

    /// <summary>Checks the settings that do not involve credentials.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the fix.</exception>
    public void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"IceyeClientOptions.BaseAddress must be an absolute URL such as {DefaultBaseAddress}.", nameof(BaseAddress));
        }

        if (PageSize < 1 || PageSize > 1000)
        {
            throw new ArgumentException($"IceyeClientOptions.PageSize is {PageSize}: use 1 to 1000.", nameof(PageSize));
        }

        if (SignedUrlLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("IceyeClientOptions.SignedUrlLifetime must be positive (ICEYE documents one hour).", nameof(SignedUrlLifetime));
        }

        if (SignedUrlRefreshMargin < TimeSpan.Zero || SignedUrlRefreshMargin >= SignedUrlLifetime)
        {
            throw new ArgumentException("IceyeClientOptions.SignedUrlRefreshMargin must be between zero and SignedUrlLifetime.", nameof(SignedUrlRefreshMargin));
        }

        if (TokenRefreshMargin < TimeSpan.Zero)
        {
            throw new ArgumentException("IceyeClientOptions.TokenRefreshMargin must not be negative.", nameof(TokenRefreshMargin));
        }

        ArgumentNullException.ThrowIfNull(Polling, nameof(Polling));
        Polling.Validate();
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        RateLimit?.Validate();
    }

    /// <summary>Checks the credentials needed when the client authenticates by itself.</summary>
    /// <exception cref="ArgumentException">A credential is missing; the message names the option and its environment variable.</exception>
    public void ValidateCredentials()
    {
        if (TokenEndpoint is null || !TokenEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"IceyeClientOptions.TokenEndpoint is required: set it to the token URL ICEYE gave your company (or {TokenUrlVariable}).", nameof(TokenEndpoint));
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new ArgumentException($"IceyeClientOptions.ClientId is required: set it to your ICEYE API client id (or {ClientIdVariable}).", nameof(ClientId));
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            throw new ArgumentException($"IceyeClientOptions.ClientSecret is required: set it to your ICEYE API client secret (or {ClientSecretVariable}).", nameof(ClientSecret));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ICEYE at {Redactor.RedactUri(BaseAddress)}, client {ClientId ?? "(none)"}";
}
