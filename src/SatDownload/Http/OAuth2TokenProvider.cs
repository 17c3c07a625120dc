using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Obtains and caches OAuth2 client-credentials tokens. One token request at a time however many callers need a token
/// (single-flight); tokens are replaced <see cref="OAuth2ClientCredentialsOptions.RefreshMargin"/> before they expire, on the
/// injected <see cref="TimeProvider"/>. Token-endpoint failures become <see cref="ProviderRequestException"/>s that quote the
/// endpoint's own error (<c>invalid_client</c>, an HTML 429 page's title, …); 429, 5xx and connection failures are retried with
/// backoff. Share one instance per (token URL, client id) through <see cref="OAuth2TokenProviderRegistry"/>: token endpoints
/// are rate limited themselves.
/// </summary>
/// <remarks>
/// Token endpoints that issue bearer tokens without being OAuth2 client-credentials endpoints (Capella's <c>POST /token</c>)
/// plug in through <see cref="OAuth2ClientCredentialsOptions.TokenRequestFactory"/> (how the request is built),
/// <see cref="OAuth2ClientCredentialsOptions.ErrorDecoder"/> and <see cref="OAuth2ClientCredentialsOptions.OperationName"/>,
/// and keep everything else here: the cache, single flight, refresh before expiry, retries and redaction.
/// </remarks>
public class OAuth2TokenProvider
{
    private static readonly Lazy<HttpClient> SharedTokenClient = new(() => new HttpClient(ProviderHttpPipeline.CreateDefaultPrimaryHandler())
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    /// <summary>A stated lifetime beyond a year (or beyond what a TimeSpan holds) is not believed; the JWT or default lifetime is used instead.</summary>
    private const double MaxLifetimeSeconds = 366 * 24 * 3600;

    private readonly object _gate = new();
    private readonly OAuth2ClientCredentialsOptions _options;
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger? _logger;
    private readonly string _operation;
    private OAuth2AccessToken? _current;
    private DateTimeOffset _currentIssuedAt;
    private Task<OAuth2AccessToken>? _inflight;
    private CancellationTokenSource? _inflightAbandon;
    private int _inflightWaiters;
    private long _tokenRequests;

    /// <summary>Creates a provider.</summary>
    /// <param name="options">Grant settings; copied, so later changes to the instance have no effect.</param>
    /// <param name="httpClient">Client for token requests; a shared internal client (no redirects) when null.</param>
    /// <param name="timeProvider">Clock for expiry and backoff (the per-request timeout always uses the system clock); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Optional logger (Debug only; never logs secrets).</param>
    /// <exception cref="ArgumentException">The options are incomplete.</exception>
    /// <exception cref="InsecureTransportException">The token endpoint is plain HTTP on a non-loopback host and insecure HTTP was not allowed.</exception>
    public OAuth2TokenProvider(OAuth2ClientCredentialsOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        TransportSecurity.EnsureCredentialTransport(_options.TokenEndpoint, _options.AllowInsecureHttp, "OAuth2 client secret", _options.ProviderName, logger);
        Redactor.RegisterSecret(_options.ClientSecret);
        _httpClient = httpClient ?? SharedTokenClient.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger;
        _operation = string.IsNullOrWhiteSpace(_options.OperationName)
            ? "POST " + _options.TokenEndpoint!.AbsolutePath + " (token request)"
            : _options.OperationName;
    }

    /// <summary>For mocking.</summary>
    protected OAuth2TokenProvider()
    {
        _options = new OAuth2ClientCredentialsOptions();
        _httpClient = SharedTokenClient.Value;
        _timeProvider = TimeProvider.System;
        _operation = string.Empty;
    }

    /// <summary>The provider name used in errors.</summary>
    public virtual string ProviderName => _options.ProviderName;

    /// <summary>The client id (not a secret).</summary>
    public virtual string ClientId => _options.ClientId;

    /// <summary>Whether credentials may go over plain HTTP to non-loopback hosts (from the options).</summary>
    public virtual bool AllowInsecureHttp => _options.AllowInsecureHttp;

    /// <summary>How many token requests were sent (attempts included); for diagnostics and tests.</summary>
    public virtual long TokenRequestCount => Interlocked.Read(ref _tokenRequests);

    /// <summary>
    /// Returns a valid token: the cached one while it is outside the refresh margin, otherwise a fresh one. Concurrent callers
    /// share a single token request. Cancelling stops this caller's wait, not the shared request, unless no caller is left
    /// waiting for it: then the request is abandoned, so the next caller (for example the retry of an API call whose
    /// per-attempt timeout expired while the token endpoint hung) sends a fresh one instead of joining a hung one.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ProviderRequestException">The token endpoint refused or failed.</exception>
    public virtual async ValueTask<OAuth2AccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        Task<OAuth2AccessToken> pending;
        lock (_gate)
        {
            if (_current is { } current && !NeedsRefresh(current))
            {
                return current;
            }

            if (_inflight is null || _inflight.IsCompleted)
            {
                _inflightAbandon = new CancellationTokenSource();
                _inflightWaiters = 0;
                _inflight = FetchAndStoreAsync(_inflightAbandon.Token);
            }

            _inflightWaiters++;
            pending = _inflight;
        }

        try
        {
            return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(pending, _inflight) && --_inflightWaiters == 0 && !pending.IsCompleted)
                {
                    // Nobody waits for this request any more: abandon it rather than let the next caller join it.
                    _inflightAbandon?.Cancel();
                    _inflight = null;
                }
            }
        }
    }

    /// <summary>
    /// Forgets the cached token so the next <see cref="GetTokenAsync"/> requests a new one. When <paramref name="rejectedToken"/>
    /// is given, only that token is forgotten: fifty requests failing with the same stale token cause one refresh, not fifty.
    /// </summary>
    /// <param name="rejectedToken">The token the API rejected, or null to forget whatever is cached.</param>
    public virtual void Invalidate(string? rejectedToken = null)
    {
        lock (_gate)
        {
            if (rejectedToken is null || (_current is { } current && string.Equals(current.Value, rejectedToken, StringComparison.Ordinal)))
            {
                _current = null;
            }
        }
    }

    private bool NeedsRefresh(OAuth2AccessToken token)
    {
        // Refresh RefreshMargin early, but never earlier than half-way through the token's life (short-lived tokens).
        var lifetime = token.ExpiresAt - _currentIssuedAt;
        var half = lifetime > TimeSpan.Zero ? TimeSpan.FromTicks(lifetime.Ticks / 2) : TimeSpan.Zero;
        var margin = _options.RefreshMargin < half ? _options.RefreshMargin : half;
        return _timeProvider.GetUtcNow() >= token.ExpiresAt - margin;
    }

    private async Task<OAuth2AccessToken> FetchAndStoreAsync(CancellationToken abandoned)
    {
        // Yield so the caller's lock is released before any work (and the task is stored before it can complete).
        await Task.Yield();
        var issuedAt = _timeProvider.GetUtcNow();
        var token = await FetchWithRetriesAsync(abandoned).ConfigureAwait(false);
        lock (_gate)
        {
            _currentIssuedAt = issuedAt;
            _current = token;
        }

        return token;
    }

    private async Task<OAuth2AccessToken> FetchWithRetriesAsync(CancellationToken abandoned)
    {
        for (var attempt = 1; ; attempt++)
        {
            abandoned.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _tokenRequests);
            ProviderRequestException failure;
            TimeSpan? retryAfter = null;
            // The request timeout measures the real network, so it runs on the system clock even when expiry and backoff run on
            // a virtual one (an auto-advancing test clock would otherwise fire it at once).
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(abandoned))
            {
                timeout.CancelAfter(_options.TokenRequestTimeout);
                try
                {
                    using var request = BuildRequest();
                    using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return await ParseTokenAsync(response, timeout.Token).ConfigureAwait(false);
                    }

                    failure = await ProviderErrors.CreateExceptionAsync(response, _options.ProviderName, _operation, _options.ErrorDecoder, _options.RetryAfterUnit, _timeProvider, timeout.Token).ConfigureAwait(false);
                    retryAfter = failure.RetryAfter;
                    if (!failure.IsRetryable)
                    {
                        throw failure;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && timeout.IsCancellationRequested && !abandoned.IsCancellationRequested))
                {
                    var cause = ex is OperationCanceledException
                        ? new TimeoutException($"the token endpoint did not answer within {_options.TokenRequestTimeout.TotalSeconds:0.#} s", ex)
                        : ex;
                    failure = ProviderErrors.FromTransportFailure(cause, _options.ProviderName, _operation);
                }
            }

            if (attempt >= _options.MaxTokenRequestAttempts)
            {
                throw failure;
            }

            var delay = BackoffCalculator.Compute(attempt, _options.TokenRetryBaseDelay, _options.TokenRetryMaxDelay, jitter: true, retryAfter);
            if (delay > _options.TokenRetryMaxDelay)
            {
                delay = _options.TokenRetryMaxDelay;
            }

            if (_logger is not null)
            {
                HttpLog.TokenRequestRetry(_logger, _options.ProviderName, attempt, failure.Status == 0 ? "no response" : "HTTP " + failure.Status.ToString(CultureInfo.InvariantCulture), delay.TotalMilliseconds);
            }

            await Task.Delay(delay, _timeProvider, abandoned).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage BuildRequest()
    {
        if (_options.TokenRequestFactory is { } factory)
        {
            // A provider-specific token call (see OAuth2ClientCredentialsOptions.TokenRequestFactory); caching, retries,
            // parsing and redaction stay here.
            var custom = factory(_options) ?? throw new InvalidOperationException(_options.ProviderName + ": OAuth2ClientCredentialsOptions.TokenRequestFactory returned null.");
            custom.RequestUri ??= _options.TokenEndpoint;
            if (custom.RequestUri != _options.TokenEndpoint)
            {
                TransportSecurity.EnsureCredentialTransport(custom.RequestUri, _options.AllowInsecureHttp, "token request credentials", _options.ProviderName, _logger);
            }
            if (custom.Headers.Accept.Count == 0)
            {
                custom.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            }

            return custom;
        }

        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (_options.ClientAuthentication == OAuth2ClientAuthentication.FormBody)
        {
            form.Add(new("client_id", _options.ClientId));
            form.Add(new("client_secret", _options.ClientSecret));
        }

        if (!string.IsNullOrWhiteSpace(_options.Scope))
        {
            form.Add(new("scope", _options.Scope));
        }

        foreach (var pair in _options.AdditionalParameters)
        {
            form.Add(pair);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_options.ClientAuthentication == OAuth2ClientAuthentication.Basic)
        {
            // RFC 6749 §2.3.1: id and secret are form-url-encoded before Base64.
            var raw = Uri.EscapeDataString(_options.ClientId) + ":" + Uri.EscapeDataString(_options.ClientSecret);
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(raw));
            Redactor.RegisterSecret(basic);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return request;
    }

    private async Task<OAuth2AccessToken> ParseTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await ProviderErrors.ReadBodyTextAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var body = new ProviderErrorBody((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, response.Headers);
        if (body.IsHtml)
        {
            throw InvalidResponse(response, $"the token endpoint returned an HTML page (\"{HtmlText.Summarize(text)}\") instead of a JSON token; check TokenEndpoint", null);
        }

        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(text);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw InvalidResponse(response, "the token endpoint returned malformed JSON" + (text.Length == 0 ? " (empty body)" : string.Empty), ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidResponse(response, $"the token endpoint returned a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object with access_token", null);
        }

        var value = ReadString(root, "access_token") ?? ReadString(root, "accessToken");
        if (string.IsNullOrWhiteSpace(value))
        {
            var error = ProviderErrors.DecodeCommonJson(body);
            throw InvalidResponse(response, error?.Message is { } m
                ? "the token endpoint returned no access_token: " + m
                : "the token endpoint's response has no access_token member", null);
        }

        Redactor.RegisterSecret(value);
        var now = _timeProvider.GetUtcNow();
        var lifetime = ReadSeconds(root, "expires_in") ?? ReadSeconds(root, "expiresIn");
        DateTimeOffset expiresAt;
        if (lifetime is { } seconds && seconds > 0 && seconds <= MaxLifetimeSeconds)
        {
            expiresAt = now + TimeSpan.FromSeconds(seconds);
        }
        else if (JwtExpiry(value) is { } exp && exp > now)
        {
            expiresAt = exp;
        }
        else
        {
            expiresAt = now + _options.DefaultTokenLifetime;
        }

        var tokenType = ReadString(root, "token_type") ?? ReadString(root, "tokenType") ?? "Bearer";
        if (string.Equals(tokenType, "bearer", StringComparison.OrdinalIgnoreCase))
        {
            tokenType = "Bearer";
        }

        var token = new OAuth2AccessToken(value, expiresAt, tokenType, ReadString(root, "scope"));
        if (_logger is not null)
        {
            HttpLog.TokenAcquired(_logger, _options.ProviderName, _options.ClientId, (expiresAt - now).TotalSeconds);
        }

        return token;
    }

    private ProviderRequestException InvalidResponse(HttpResponseMessage response, string message, Exception? inner) =>
        new(
            new ProviderErrorDetails
            {
                Provider = _options.ProviderName,
                Operation = _operation,
                Status = (int)response.StatusCode,
                ErrorCode = "INVALID_TOKEN_RESPONSE",
                Message = message,
                RequestId = ProviderErrors.GetRequestId(response.Headers),
                IsRetryable = false,
            },
            inner);

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? ReadSeconds(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d))
        {
            return d;
        }

        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    private static DateTimeOffset? JwtExpiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var doc = JsonDocument.Parse(Convert.FromBase64String(payload));
            return doc.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
