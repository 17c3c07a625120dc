using SatDownload.Http;

namespace SatDownload.SentinelHub;

/// <summary>Settings of a <see cref="SentinelHubClient"/>. Immutable once the client is built.</summary>
public sealed class SentinelHubClientOptions
{
    /// <summary>Environment variable with the OAuth client id.</summary>
    public const string ClientIdVariable = "SATDOWNLOAD_SENTINELHUB_CLIENT_ID";

    /// <summary>Environment variable with the OAuth client secret.</summary>
    public const string ClientSecretVariable = "SATDOWNLOAD_SENTINELHUB_CLIENT_SECRET";

    /// <summary>Environment variable with the deployment name (<c>EU</c>, <c>US-West</c>, <c>CDSE</c>).</summary>
    public const string DeploymentVariable = "SATDOWNLOAD_SENTINELHUB_DEPLOYMENT";

    /// <summary>Environment variable overriding the API base URL.</summary>
    public const string BaseUrlVariable = "SATDOWNLOAD_SENTINELHUB_BASE_URL";

    /// <summary>Environment variable overriding the token URL.</summary>
    public const string TokenUrlVariable = "SATDOWNLOAD_SENTINELHUB_TOKEN_URL";

    /// <summary>The largest width or height the Process API accepts.</summary>
    public const int ProcessMaxPixels = 2500;

    /// <summary>The largest width or height the Async Process API accepts.</summary>
    public const int AsyncMaxPixels = 10000;

    private readonly string? _clientSecret;

    /// <summary>The deployment (default <see cref="SentinelHubDeployment.Eu"/>).</summary>
    public SentinelHubDeployment Deployment { get; init; } = SentinelHubDeployment.Eu;

    /// <summary>The OAuth client id.</summary>
    public string? ClientId { get; init; }

    /// <summary>The OAuth client secret (registered with the redactor; never printed).</summary>
    public string? ClientSecret
    {
        get => _clientSecret;
        init
        {
            Redactor.RegisterSecret(value);
            _clientSecret = value;
        }
    }

    /// <summary>Use the legacy <c>/oauth/token</c> endpoint instead of Keycloak (old accounts).</summary>
    public bool UseLegacyTokenEndpoint { get; init; }

    /// <summary>Refresh a token this long before it expires (sentinelhub-py uses 120 s).</summary>
    public TimeSpan TokenRefreshMargin { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Client-side limit of requests per minute for this credential (null: no client-side pacing).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Client-side limit of processing units per minute for this credential (null: none).</summary>
    public double? ProcessingUnitsPerMinute { get; init; }

    /// <summary>How many times one call is retried on 429/5xx/transport errors.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The wait after a 429 without <c>Retry-After</c> (sentinelhub-py: 30 s).</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First backoff delay for 5xx and transport errors.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest one attempt of an API call may take before it is abandoned and retried (default 5 minutes: large Process renderings are slow).</summary>
    public TimeSpan PerAttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest a response body may go silent before the read fails (default 60 s).</summary>
    public TimeSpan ResponseIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest one API call may take with all its retries and waits (default 10 minutes).</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A processing-unit budget checked before any Process, Async or Batch request is sent.</summary>
    public DownloadBudget? Budget { get; init; }

    /// <summary>How many grid tiles of a large-area request run at once.</summary>
    public int MaxParallelTiles { get; init; } = 4;

    /// <summary>How many times a Statistical interval that failed with <c>EXECUTION_ERROR</c>/<c>TIMEOUT</c> is re-requested alone.</summary>
    public int StatisticalIntervalRetries { get; init; } = 1;

    /// <summary>Allow plain <c>http://</c> endpoints (a local emulator or a trusted proxy). Credentials then travel unencrypted.</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>Token cache shared per (token URL, client id); <see cref="OAuth2TokenProviderRegistry.Shared"/> when null.</summary>
    public OAuth2TokenProviderRegistry? TokenProviders { get; init; }

    /// <summary>Rate limiters shared per credential; <see cref="RateLimiterRegistry.Shared"/> when null.</summary>
    public RateLimiterRegistry? RateLimiters { get; init; }

    /// <summary>The innermost HTTP handler (the default socket handler when null).</summary>
    public HttpMessageHandler? Transport { get; init; }

    /// <summary>Logging (none when null).</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock (inject a virtual one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The token endpoint in use.</summary>
    public Uri EffectiveTokenUri =>
        UseLegacyTokenEndpoint
            ? Deployment.LegacyTokenUri ?? throw new InvalidOperationException($"The {Deployment.Name} deployment has no legacy /oauth/token endpoint; set UseLegacyTokenEndpoint = false.")
            : Deployment.TokenUri;

    /// <summary>Options from <c>SATDOWNLOAD_SENTINELHUB_*</c> environment variables.</summary>
    /// <returns>The options, or null when no client id/secret is set.</returns>
    public static SentinelHubClientOptions? FromEnvironment()
    {
        var id = Environment.GetEnvironmentVariable(ClientIdVariable);
        var secret = Environment.GetEnvironmentVariable(ClientSecretVariable);
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var deployment = Environment.GetEnvironmentVariable(DeploymentVariable) is { Length: > 0 } d ? SentinelHubDeployment.Parse(d) : SentinelHubDeployment.Eu;
        var baseUrl = Environment.GetEnvironmentVariable(BaseUrlVariable);
        var tokenUrl = Environment.GetEnvironmentVariable(TokenUrlVariable);
        if (!string.IsNullOrWhiteSpace(baseUrl) || !string.IsNullOrWhiteSpace(tokenUrl))
        {
            deployment = SentinelHubDeployment.Custom(
                deployment.Name,
                new Uri(string.IsNullOrWhiteSpace(baseUrl) ? deployment.BaseUri.AbsoluteUri : baseUrl),
                new Uri(string.IsNullOrWhiteSpace(tokenUrl) ? deployment.TokenUri.AbsoluteUri : tokenUrl),
                deployment.IdentityProvider,
                deployment.LegacyTokenUri);
        }

        return new SentinelHubClientOptions { ClientId = id, ClientSecret = secret, Deployment = deployment };
    }

    /// <summary>Checks the options; throws an <see cref="ArgumentException"/> naming the setting and the fix.</summary>
    public void Validate()
    {
        if (Deployment is null)
        {
            throw new ArgumentException("SentinelHubClientOptions.Deployment is required (EU, US-West or CDSE).", nameof(Deployment));
        }

        if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
        {
            throw new ArgumentException(
                $"SentinelHubClientOptions.ClientId and ClientSecret are required: create an OAuth client in the {(Deployment.IdentityProvider == SentinelHubIdentityProvider.CopernicusDataSpace ? "Copernicus Data Space" : "Sentinel Hub")} dashboard, or set {ClientIdVariable} and {ClientSecretVariable}.",
                nameof(ClientId));
        }

        var tokenHost = EffectiveTokenUri.Host;
        var looksCdse = tokenHost.Contains("dataspace.copernicus.eu", StringComparison.OrdinalIgnoreCase) || EffectiveTokenUri.AbsolutePath.Contains("/realms/CDSE/", StringComparison.Ordinal);
        var looksSh = tokenHost.Contains("sentinel-hub.com", StringComparison.OrdinalIgnoreCase) || EffectiveTokenUri.AbsolutePath.Contains("/realms/main/", StringComparison.Ordinal);
        if ((looksCdse && Deployment.IdentityProvider == SentinelHubIdentityProvider.SentinelHub) ||
            (looksSh && Deployment.IdentityProvider == SentinelHubIdentityProvider.CopernicusDataSpace))
        {
            throw new ArgumentException(
                $"The token URL {EffectiveTokenUri} belongs to {(looksCdse ? "Copernicus Data Space" : "Sentinel Hub")} but the deployment {Deployment.Name} uses {Deployment.IdentityProvider} tokens; a token of one is refused by the other. Use SentinelHubDeployment.{(looksCdse ? "Cdse" : "Eu")} with matching credentials.",
                nameof(Deployment));
        }

        if (MaxParallelTiles < 1)
        {
            throw new ArgumentException("SentinelHubClientOptions.MaxParallelTiles must be at least 1.", nameof(MaxParallelTiles));
        }

        if (RequestsPerMinute is <= 0)
        {
            throw new ArgumentException("SentinelHubClientOptions.RequestsPerMinute must be positive, or null for no client-side pacing.", nameof(RequestsPerMinute));
        }

        if (ProcessingUnitsPerMinute is <= 0)
        {
            throw new ArgumentException("SentinelHubClientOptions.ProcessingUnitsPerMinute must be positive, or null.", nameof(ProcessingUnitsPerMinute));
        }

        if (MaxRetryAttempts < 0)
        {
            throw new ArgumentException("SentinelHubClientOptions.MaxRetryAttempts cannot be negative.", nameof(MaxRetryAttempts));
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"SentinelHubClientOptions(Deployment={Deployment}, ClientId={ClientId ?? "none"}, ClientSecret={(ClientSecret is null ? "none" : Redactor.Mask)})";
}
