using SatDownload.Http;

namespace SatDownload.ClearSky;

/// <summary>
/// Settings of a <see cref="ClearSkyClient"/>. The client copies them, so changing an instance afterwards has no effect.
/// Bindable from configuration (<c>AddSatDownload().AddClearSky(configuration.GetSection("ClearSky"))</c>).
/// </summary>
public sealed class ClearSkyClientOptions
{
    /// <summary>The production API.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.clearsky.vision/");

    /// <summary>Environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "SATDOWNLOAD_CLEARSKY_API_KEY";

    /// <summary>Environment variable holding an alternative endpoint (optional).</summary>
    public const string EndpointVariable = "SATDOWNLOAD_CLEARSKY_ENDPOINT";

    /// <summary>The API base address; <see cref="DefaultEndpoint"/> by default.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The API key (from dashboard.clearsky.vision), sent as the <c>x-api-key</c> header; never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// Retry and timeout settings. ClearSKY processes composites synchronously, so the per-attempt timeout is long
    /// (10 minutes); POSTs are retried on 429, 5xx and error 1003 because ClearSKY's processing calls are queries that
    /// are charged only when a file is delivered.
    /// </summary>
    public HttpRetryOptions Retry { get; set; } = DefaultRetry();

    /// <summary>How an <see cref="Aoi"/> is sent (default <see cref="ClearSkyGeometryEncoding.Wkt"/>).</summary>
    public ClearSkyGeometryEncoding GeometryEncoding { get; set; } = ClearSkyGeometryEncoding.Wkt;

    /// <summary>
    /// Before a composite download, read the account limits (<c>GET /api/account/info</c>) and refuse AOIs larger than
    /// <c>MaxCompositeAreaKm2</c> or band lists longer than <c>MaxTotalBands</c> without sending them. Default true.
    /// </summary>
    public bool CheckAccountLimits { get; set; } = true;

    /// <summary>
    /// Before a composite download, read the models (<c>GET /api/tasking/models</c>) and refuse constellations the model does
    /// not support. Skipped when the endpoint is unavailable. Default true.
    /// </summary>
    public bool CheckModelConstellations { get; set; } = true;

    /// <summary>How long account limits and models are cached by a client. Default 10 minutes.</summary>
    public TimeSpan MetadataCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Optional client-side request rate shared by every client with the same key (ClearSKY publishes no fixed numbers;
    /// its limit is on concurrent requests, answered with 429 or error 1003). Null (default) for no client-side limiter.
    /// </summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>The registry the shared limiter comes from; <see cref="RateLimiterRegistry.Shared"/> when null.</summary>
    public RateLimiterRegistry? RateLimiterRegistry { get; set; }

    /// <summary>Allow the key over plain <c>http://</c> to non-loopback hosts (trusted test networks only).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The clock for retry delays and caches; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Settings of the downloader the client creates when none is given (headers timeout raised to the per-attempt timeout).</summary>
    public AssetDownloaderOptions? DownloaderOptions { get; set; }

    /// <summary>Options from <c>SATDOWNLOAD_CLEARSKY_API_KEY</c> and (optionally) <c>SATDOWNLOAD_CLEARSKY_ENDPOINT</c>.</summary>
    /// <returns>The options, or null when the key variable is not set.</returns>
    public static ClearSkyClientOptions? FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var options = new ClearSkyClientOptions { ApiKey = key.Trim() };
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint)
        {
            options.Endpoint = new Uri(endpoint, UriKind.Absolute);
        }

        return options;
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException(
                $"ClearSkyClientOptions.ApiKey is required: create a key in dashboard.clearsky.vision and set it (or the {ApiKeyVariable} environment variable).",
                nameof(ApiKey));
        }

        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("ClearSkyClientOptions.Endpoint must be an absolute http(s) URI such as https://api.clearsky.vision/.", nameof(Endpoint));
        }

        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        if (RequestsPerMinute is <= 0)
        {
            throw new ArgumentException("ClearSkyClientOptions.RequestsPerMinute must be positive, or null for no client-side limiter.", nameof(RequestsPerMinute));
        }

        if (MetadataCacheDuration < TimeSpan.Zero)
        {
            throw new ArgumentException("ClearSkyClientOptions.MetadataCacheDuration cannot be negative.", nameof(MetadataCacheDuration));
        }
    }

    /// <summary>A copy (the retry options are copied too).</summary>
    /// <returns>The copy.</returns>
    public ClearSkyClientOptions Clone()
    {
        var copy = (ClearSkyClientOptions)MemberwiseClone();
        copy.Retry = Retry.Clone();
        return copy;
    }

    /// <summary>The default retry settings for ClearSKY.</summary>
    /// <returns>New settings.</returns>
    public static HttpRetryOptions DefaultRetry() => new()
    {
        ProviderName = ProviderNames.ClearSky,
        MaxAttempts = 5,
        RetryNonIdempotentMethods = true,
        PerAttemptTimeout = TimeSpan.FromMinutes(10),
        TotalTimeout = TimeSpan.FromMinutes(30),
    };
}
