using System.Globalization;

namespace SatDownload.Eos;

/// <summary>
/// Settings of an <see cref="EosClient"/>. The client copies them when it is created, so changing an options object
/// afterwards has no effect on existing clients.
/// </summary>
/// <remarks>
/// Environment variables read by <see cref="FromEnvironment"/>: <c>SATDOWNLOAD_EOS_API_KEY</c>,
/// <c>SATDOWNLOAD_EOS_ENDPOINT</c>, <c>SATDOWNLOAD_EOS_API_KEY_LOCATION</c> (<c>header</c> or <c>query</c>).
/// </remarks>
public sealed class EosClientOptions
{
    /// <summary>The production base address, <c>https://api-connect.eos.com/</c>.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api-connect.eos.com/");

    /// <summary>The environment variable holding the API key.</summary>
    public const string ApiKeyEnvironmentVariable = "SATDOWNLOAD_EOS_API_KEY";

    /// <summary>The environment variable holding the base address.</summary>
    public const string EndpointEnvironmentVariable = "SATDOWNLOAD_EOS_ENDPOINT";

    /// <summary>The environment variable choosing where the key travels (<c>header</c> or <c>query</c>).</summary>
    public const string ApiKeyLocationEnvironmentVariable = "SATDOWNLOAD_EOS_API_KEY_LOCATION";

    /// <summary>The documented limit: requests per minute for each endpoint and API key.</summary>
    public const int DocumentedRequestsPerMinute = 10;

    /// <summary>The base address of API Connect. Default <see cref="DefaultEndpoint"/>.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The API key from the EOS developer portal (looks like <c>apk.…</c>). Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where the key is sent. Default <see cref="EosApiKeyLocation.Header"/>.</summary>
    public EosApiKeyLocation ApiKeyLocation { get; set; } = EosApiKeyLocation.Header;

    /// <summary>
    /// Requests per minute allowed for each endpoint and key by the client-side limiter shared by every client that uses
    /// the same key. Default 10 (EOS's published limit). Set 0 to turn the client-side limiter off.
    /// </summary>
    public int RequestsPerMinute { get; set; } = DocumentedRequestsPerMinute;

    /// <summary>
    /// How many requests per endpoint may go out back to back before the limiter spaces them. Default 1: requests are
    /// spaced 60/<see cref="RequestsPerMinute"/> seconds apart, so no rolling minute exceeds the limit however EOS counts
    /// it (unconfirmed). Raise it (up to <see cref="RequestsPerMinute"/>) only if EOS is known to use a token bucket.
    /// </summary>
    public int RequestBurst { get; set; } = 1;

    /// <summary>
    /// Per-endpoint overrides of <see cref="RequestsPerMinute"/>, keyed by the <see cref="Http.EosEndpoints"/> names (for
    /// example <c>{ [EosEndpoints.SearchDataset] = 30 }</c> when a plan allows more searches than task calls); 0 turns
    /// limiting off for that endpoint. Endpoints not listed use <see cref="RequestsPerMinute"/>. Each endpoint keeps its own
    /// limiter per key in the shared <see cref="RateLimiterRegistry"/>.
    /// </summary>
    public IDictionary<string, int> EndpointRequestsPerMinute { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The first delay between status polls. Default 10 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest delay between status polls. Default 1 minute.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a failed call (transport error, 408, 429, 5xx) is attempted in all. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The timeout of one HTTP attempt. Default 100 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Results per search page (<c>limit</c>). Default 100.</summary>
    public int SearchPageSize { get; set; } = 100;

    /// <summary>
    /// Where the client-side limiters live; <see cref="SatDownload.Http.RateLimiterRegistry.Shared"/> when null, so that every
    /// client with the same key shares one limiter per endpoint. DI passes its singleton registry.
    /// </summary>
    public SatDownload.Http.RateLimiterRegistry? RateLimiterRegistry { get; set; }

    /// <summary>The clock for polling, rate limiting and expiry; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Creates options from the <c>SATDOWNLOAD_EOS_*</c> environment variables.</summary>
    /// <returns>The options; <see cref="ApiKey"/> is null when the variable is not set.</returns>
    public static EosClientOptions FromEnvironment()
    {
        var options = new EosClientOptions { ApiKey = NullIfEmpty(Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable)) };
        if (NullIfEmpty(Environment.GetEnvironmentVariable(EndpointEnvironmentVariable)) is { } endpoint)
        {
            options.Endpoint = new Uri(endpoint, UriKind.Absolute);
        }

        if (NullIfEmpty(Environment.GetEnvironmentVariable(ApiKeyLocationEnvironmentVariable)) is { } location)
        {
            options.ApiKeyLocation = Enum.Parse<EosApiKeyLocation>(location, ignoreCase: true);
        }

        return options;
    }

    /// <summary>Checks the options and says which one is wrong and how to fix it.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException($"EosClientOptions.ApiKey is required: pass the key from the EOS developer portal, or set {ApiKeyEnvironmentVariable}.", nameof(ApiKey));
        }

        if (ApiKey.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("EosClientOptions.ApiKey contains whitespace; copy the key again without spaces or line breaks.", nameof(ApiKey));
        }

        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"EosClientOptions.Endpoint must be an absolute http(s) URI such as {DefaultEndpoint}.", nameof(Endpoint));
        }

        if (!Enum.IsDefined(ApiKeyLocation))
        {
            throw new ArgumentException("EosClientOptions.ApiKeyLocation must be Header or Query.", nameof(ApiKeyLocation));
        }

        if (RequestsPerMinute < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EosClientOptions.RequestsPerMinute must be 0 (off) or positive; got {RequestsPerMinute}."), nameof(RequestsPerMinute));
        }

        if (RequestBurst < 1 || (RequestsPerMinute > 0 && RequestBurst > RequestsPerMinute))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EosClientOptions.RequestBurst must be between 1 and RequestsPerMinute ({RequestsPerMinute}); got {RequestBurst}."), nameof(RequestBurst));
        }

        foreach (var (endpoint, limit) in EndpointRequestsPerMinute ?? new Dictionary<string, int>())
        {
            if (!Http.EosEndpoints.All.Contains(endpoint, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"EosClientOptions.EndpointRequestsPerMinute names the unknown endpoint '{endpoint}'; use one of the EosEndpoints names: {string.Join(", ", Http.EosEndpoints.All.Select(e => "'" + e + "'"))}.",
                    nameof(EndpointRequestsPerMinute));
            }

            if (limit < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EosClientOptions.EndpointRequestsPerMinute['{endpoint}'] must be 0 (off) or positive; got {limit}."), nameof(EndpointRequestsPerMinute));
            }
        }

        if (PollInterval <= TimeSpan.Zero || MaxPollInterval < PollInterval)
        {
            throw new ArgumentException("EosClientOptions.PollInterval must be positive and MaxPollInterval at least PollInterval.", nameof(PollInterval));
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentException("EosClientOptions.MaxAttempts must be at least 1.", nameof(MaxAttempts));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("EosClientOptions.RequestTimeout must be positive.", nameof(RequestTimeout));
        }

        if (SearchPageSize is < 1 or > 500)
        {
            throw new ArgumentException("EosClientOptions.SearchPageSize must be between 1 and 500 (the API's default page size is 500).", nameof(SearchPageSize));
        }
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public EosClientOptions Clone()
    {
        var copy = (EosClientOptions)MemberwiseClone();
        copy.EndpointRequestsPerMinute = new Dictionary<string, int>(EndpointRequestsPerMinute ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"EosClientOptions(Endpoint={Endpoint}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "<none>" : Redactor.Mask)}, ApiKeyLocation={ApiKeyLocation}, RequestsPerMinute={RequestsPerMinute})";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
