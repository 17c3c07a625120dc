namespace SatDownload;

/// <summary>
/// What a provider said about a failed request, decoded from whichever body shape it uses. Adapters build one and throw
/// <see cref="ProviderRequestException"/> with it.
/// </summary>
public sealed class ProviderErrorDetails
{
    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>The call, for example <c>GET /tasks/{id}</c>; never include a query string.</summary>
    public string? Operation { get; init; }

    /// <summary>HTTP status, or 0.</summary>
    public int Status { get; init; }

    /// <summary>The provider's error code.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The provider's message.</summary>
    public string? Message { get; init; }

    /// <summary>The provider's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Retry-After converted to a duration.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>An excerpt of the raw body (redacted again by the exception).</summary>
    public string? BodyExcerpt { get; init; }

    /// <summary>Overrides the status-based retryability (for example a provider code that means "busy, try again").</summary>
    public bool? IsRetryable { get; init; }
}
