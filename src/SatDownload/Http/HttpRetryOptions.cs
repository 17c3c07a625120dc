namespace SatDownload.Http;

/// <summary>
/// Retry, backoff and timeout settings of <see cref="ResilienceHandler"/>. Defaults suit provider REST APIs: 4 attempts,
/// exponential backoff from 1 s to 30 s with jitter, 30 s per attempt, 2 minutes in total.
/// </summary>
public sealed class HttpRetryOptions
{
    /// <summary>The provider name for logs, metrics and messages (see <see cref="ProviderNames"/>).</summary>
    public string ProviderName { get; set; } = "http";

    /// <summary>Total attempts including the first (1 = no retries). Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The delay before the first retry, doubled for each further retry. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of the exponential delay (a longer Retry-After still wins, within <see cref="MaxRetryAfter"/>). Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomise delays (between half and the full backoff) so clients don't retry in lockstep. Default on.</summary>
    public bool Jitter { get; set; } = true;

    /// <summary>
    /// Deadline for the whole call including retries and waits, until response headers arrive. A retry whose delay would
    /// end after the deadline is not attempted (the last response or error is returned). Null = no deadline. Default 2 minutes.
    /// </summary>
    public TimeSpan? TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one attempt, until response headers arrive; a timed-out attempt is retried. Null = none. Default 30 s.</summary>
    public TimeSpan? PerAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fails reading a response body with a <see cref="TimeoutException"/> when no bytes arrive for this long (see
    /// <see cref="IdleTimeoutStream"/>). Needed because the timeouts above stop at the response headers and the pipeline's
    /// <see cref="HttpClient.Timeout"/> is infinite. Null = off. Default 60 s.
    /// </summary>
    public TimeSpan? ResponseIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The unit of a numeric Retry-After (Sentinel Hub: milliseconds). Default seconds.</summary>
    public RetryAfterUnit RetryAfterUnit { get; set; } = RetryAfterUnit.Seconds;

    /// <summary>
    /// The longest server-requested wait that is honoured; a response asking for longer is returned to the caller instead of
    /// parking the call. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Retry POST/PATCH (non-idempotent) requests after failures where the server may have processed them (5xx other than
    /// 503, timeouts, broken connections). Off by default because a retried order can cost money twice; 429, 503 and
    /// failures to connect are retried for every method. Turn on for POST endpoints that are really queries (Sentinel Hub
    /// Process/Catalog search).
    /// </summary>
    public bool RetryNonIdempotentMethods { get; set; }

    /// <summary>
    /// Extra retryable responses for a provider, checked for non-success responses that are not retryable by status, for
    /// example ClearSKY's <c>400</c> with error code 1003 ("maximum concurrent requests"). The body is buffered before the
    /// call, so the predicate may read it and the caller can still read it afterwards.
    /// </summary>
    public Func<HttpResponseMessage, CancellationToken, ValueTask<bool>>? IsRetryableResponse { get; set; }

    /// <summary>
    /// Provider errors that must not be retried although their status is transient, for example Sentinel Hub's
    /// <c>500 RENDERER_EXCEPTION</c> (an evalscript error that repeats on every attempt). Checked for 408, 429 and 5xx
    /// responses; the body is buffered before the call, so the predicate may read it and the caller can still read it.
    /// </summary>
    public Func<HttpResponseMessage, CancellationToken, ValueTask<bool>>? IsPermanentFailure { get; set; }

    /// <summary>Reads a provider's retry delay from other headers or units; when it returns null the Retry-After header is used.</summary>
    public Func<HttpResponseMessage, TimeSpan?>? RetryAfterExtractor { get; set; }

    /// <summary>Request bodies up to this size are buffered so they can be replayed on retry; larger non-replayable bodies are sent once. Default 1 MiB.</summary>
    public long MaxBufferedRequestBytes { get; set; } = RequestReplay.DefaultMaxBufferBytes;

    /// <summary>
    /// Successful API responses with a document media type (JSON, XML, text, or none) up to this size are read into memory
    /// inside the retry scope, so a connection dropped or stalled mid-body is retried (idempotent requests) instead of
    /// failing the caller's read. Larger bodies, binary media types and requests marked with
    /// <see cref="ResilienceHandler.StreamResponseOption"/> stream as before. 0 turns buffering off. Default 16 MiB.
    /// </summary>
    public long MaxBufferedResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentException("HttpRetryOptions.MaxAttempts must be at least 1 (1 means no retries).", nameof(MaxAttempts));
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("HttpRetryOptions.BaseDelay and MaxDelay must not be negative.", nameof(BaseDelay));
        }

        if (TotalTimeout is { } total && total <= TimeSpan.Zero)
        {
            throw new ArgumentException("HttpRetryOptions.TotalTimeout must be positive, or null for no deadline.", nameof(TotalTimeout));
        }

        if (PerAttemptTimeout is { } per && per <= TimeSpan.Zero)
        {
            throw new ArgumentException("HttpRetryOptions.PerAttemptTimeout must be positive, or null for none.", nameof(PerAttemptTimeout));
        }

        if (ResponseIdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            throw new ArgumentException("HttpRetryOptions.ResponseIdleTimeout must be positive, or null for none.", nameof(ResponseIdleTimeout));
        }

        if (MaxBufferedResponseBytes is < 0 or > int.MaxValue)
        {
            throw new ArgumentException("HttpRetryOptions.MaxBufferedResponseBytes must be between 0 (off) and 2 GiB.", nameof(MaxBufferedResponseBytes));
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentException("HttpRetryOptions.MaxRetryAfter must not be negative.", nameof(MaxRetryAfter));
        }
    }

    /// <summary>Copies the options.</summary>
    /// <returns>The copy.</returns>
    public HttpRetryOptions Clone() => (HttpRetryOptions)MemberwiseClone();
}
