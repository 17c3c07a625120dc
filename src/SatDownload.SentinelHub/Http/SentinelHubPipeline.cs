using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using SatDownload.Http;

namespace SatDownload.SentinelHub;

/// <summary>
/// The HTTP pipeline every sub-client shares: retry (429 <c>Retry-After</c> in milliseconds, 5xx, transport) →
/// OAuth2 client credentials (token cache shared per token URL and client id, refresh before expiry, one retry on 401) →
/// client-side rate limiter (requests and PU per minute, shared per credential) → transport.
/// </summary>
internal sealed class SentinelHubPipeline
{
    private const string UnitsSpentHeader = "x-processingunits-spent";

    public SentinelHubPipeline(SentinelHubClientOptions options, HttpClient? preconfigured = null)
    {
        Options = options;
        var oauth = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = options.EffectiveTokenUri,
            ClientId = options.ClientId!,
            ClientSecret = options.ClientSecret!,
            ProviderName = ProviderNames.SentinelHub,
            RefreshMargin = options.TokenRefreshMargin,
            AllowInsecureHttp = options.AllowInsecureHttp,
            ClientAuthentication = OAuth2ClientAuthentication.FormBody,

            // Sentinel Hub states Retry-After in milliseconds; its token endpoints are rate limited too.
            RetryAfterUnit = RetryAfterUnit.Milliseconds,
            TokenRetryBaseDelay = options.RetryBaseDelay,
            TokenRequestTimeout = options.PerAttemptTimeout < TimeSpan.FromSeconds(30) ? options.PerAttemptTimeout : TimeSpan.FromSeconds(30),
        };
        Tokens = (options.TokenProviders ?? OAuth2TokenProviderRegistry.Shared).GetOrCreate(oauth);
        if (options.RequestsPerMinute is not null || options.ProcessingUnitsPerMinute is not null)
        {
            Limiter = (options.RateLimiters ?? RateLimiterRegistry.Shared).GetOrCreate(
                ProviderNames.SentinelHub,
                options.EffectiveTokenUri.AbsoluteUri + "|" + options.ClientId,
                new RateLimitOptions
                {
                    RequestsPerPeriod = options.RequestsPerMinute ?? 0,
                    Period = TimeSpan.FromMinutes(1),
                    CostUnitsPerPeriod = options.ProcessingUnitsPerMinute ?? 0,
                    CostPeriod = TimeSpan.FromMinutes(1),
                });
        }

        if (preconfigured is not null)
        {
            Http = preconfigured;
        }
        else
        {
            var retry = new HttpRetryOptions
            {
                ProviderName = ProviderNames.SentinelHub,
                MaxAttempts = options.MaxRetryAttempts + 1,
                BaseDelay = options.RetryBaseDelay,
                RetryAfterUnit = RetryAfterUnit.Milliseconds,
                TotalTimeout = options.TotalTimeout,
                PerAttemptTimeout = options.PerAttemptTimeout,
                ResponseIdleTimeout = options.ResponseIdleTimeout,
                RetryNonIdempotentMethods = true,
                RetryAfterExtractor = r => r.StatusCode == HttpStatusCode.TooManyRequests && !r.Headers.Contains("Retry-After") ? options.DefaultRetryAfter : null,

                // A 500 RENDERER_EXCEPTION is an evalscript error that repeats on every attempt: surface it, don't retry it.
                IsPermanentFailure = IsRendererErrorAsync,
            };
            var handlers = new List<DelegatingHandler> { UnitsHandler };
            handlers.AddRange(ProviderHttpPipeline.CreateStandardHandlers(retry, new OAuth2ClientCredentialsHandler(Tokens), Limiter, options.TimeProvider, options.LoggerFactory));
            Http = ProviderHttpPipeline.CreateClient(options.Deployment.BaseUri, handlers, options.Transport, Timeout.InfiniteTimeSpan);
        }
    }

    private static async ValueTask<bool> IsRendererErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (int)response.StatusCode == 500 &&
        (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Contains(SentinelHubErrorCodes.RendererException, StringComparison.Ordinal);

    public SentinelHubClientOptions Options { get; }

    public HttpClient Http { get; }

    public ProcessingUnitsHandler UnitsHandler { get; } = new() { Time = TimeProvider.System };

    public OAuth2TokenProvider Tokens { get; }

    public ProviderRateLimiter? Limiter { get; }

    public TimeProvider Time => Options.TimeProvider;

    public Uri Api(string relativePath) => new(Options.Deployment.BaseUri, relativePath);

    public static double? UnitsSpent(HttpResponseHeaders headers) =>
        headers.TryGetValues(UnitsSpentHeader, out var v) &&
        double.TryParse(v.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var pu) ? pu : null;

    /// <summary>Sends; a failed status becomes a decoded <see cref="ProviderRequestException"/> (with identity hints).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken, double cost = 0)
    {
        request.WithOperation(operation);
        if (cost > 0)
        {
            request.WithCost(cost);
        }

        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderRequestException ex) when (IsCredentialRejection(ex))
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.SentinelHub,
                Operation = "token",
                Status = ex.Status,
                ErrorCode = ex.ErrorCode,
                Message = (ex.ProviderMessage ?? ex.Message) + " " + IdentityHint(),
                RequestId = ex.RequestId,
                RetryAfter = ex.RetryAfter,
                BodyExcerpt = ex.BodyExcerpt,
                IsRetryable = false,
            }, ex);
        }
        catch (Exception ex) when (ex is not ProviderRequestException && ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            // Timeouts, resets and DNS failures become typed errors naming the provider and the call.
            throw ProviderErrors.FromTransportFailure(ex, ProviderNames.SentinelHub, operation);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await SentinelHubErrorDecoder.CreateExceptionAsync(response, operation, Time, cancellationToken).ConfigureAwait(false);
            if (error.Status == 401)
            {
                throw new ProviderRequestException(new ProviderErrorDetails
                {
                    Provider = error.Provider,
                    Operation = error.Operation,
                    Status = error.Status,
                    ErrorCode = error.ErrorCode,
                    Message = (error.ProviderMessage ?? "Unauthorized") + " " + IdentityHint(),
                    RequestId = error.RequestId,
                    BodyExcerpt = error.BodyExcerpt,
                    IsRetryable = false,
                });
            }

            if (SentinelHubQuotaExceededException.IsQuotaRefusal(error))
            {
                throw QuotaExceeded(error);
            }

            throw error;
        }
    }

    /// <summary>A decoded 403 quota refusal as the typed, non-retryable exception.</summary>
    public static SentinelHubQuotaExceededException QuotaExceeded(ProviderRequestException error) => new(new ProviderErrorDetails
    {
        Provider = ProviderNames.SentinelHub,
        Operation = error.Operation,
        Status = error.Status,
        ErrorCode = error.ErrorCode,
        Message = error.ProviderMessage + " The account's quota is used up; retrying does not help until it renews or more processing units are added (see the Sentinel Hub dashboard).",
        RequestId = error.RequestId,
        BodyExcerpt = error.BodyExcerpt,
        IsRetryable = false,
    });

    public async Task<T> SendJsonAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Api(path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        T value;
        try
        {
            value = await ProviderJson.ReadAsync(response, typeInfo, ProviderNames.SentinelHub, operation, SentinelHubErrorDecoder.DecodeBody, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ProviderRequestException && ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            throw ProviderErrors.FromTransportFailure(ex, ProviderNames.SentinelHub, operation);
        }

        return Validated(value, response, operation);
    }

    /// <summary>Refuses a well-formed body that misses a field the client needs (see <see cref="SentinelHubResponseValidator"/>).</summary>
    public static T Validated<T>(T value, HttpResponseMessage response, string operation)
    {
        if (SentinelHubResponseValidator.Problem(value) is { } problem)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.SentinelHub,
                Operation = operation,
                Status = (int)response.StatusCode,
                ErrorCode = "INVALID_RESPONSE",
                Message = "Sentinel Hub " + operation + ": " + problem + ".",
                RequestId = ProviderErrors.GetRequestId(response.Headers),
                IsRetryable = false,
            });
        }

        return value;
    }

    public async Task SendNoContentAsync(HttpMethod method, string path, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Api(path));
        using var response = await SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
    }

    public static HttpContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool IsCredentialRejection(ProviderRequestException ex) =>
        ex.Status is 400 or 401 && (ex.ErrorCode is "invalid_client" or "unauthorized_client" or SentinelHubErrorCodes.OAuthError || (ex.ProviderMessage?.Contains("invalid_client", StringComparison.OrdinalIgnoreCase) ?? false));

    private string IdentityHint()
    {
        var d = Options.Deployment;
        return d.IdentityProvider == SentinelHubIdentityProvider.CopernicusDataSpace
            ? $"The {d.Name} deployment takes Copernicus Data Space credentials and tokens; Sentinel Hub (services.sentinel-hub.com) credentials are refused there. Use SentinelHubDeployment.Eu for those."
            : $"The {d.Name} deployment takes Sentinel Hub credentials and tokens; Copernicus Data Space (CDSE) credentials are refused there. Use SentinelHubDeployment.Cdse for those.";
    }
}
