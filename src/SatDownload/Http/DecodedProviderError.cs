namespace SatDownload.Http;

/// <summary>
/// What a per-provider decoder (or <see cref="ProviderErrors.DecodeCommonJson"/>) read from an error body. Every member is
/// optional; <see cref="ProviderErrors"/> fills the rest (provider, operation, status, request id, Retry-After).
/// </summary>
public sealed class DecodedProviderError
{
    /// <summary>The provider's machine-readable code, for example <c>RATE_LIMIT_EXCEEDED</c>, <c>invalid_client</c> or <c>1003</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The provider's human-readable message.</summary>
    public string? Message { get; init; }

    /// <summary>A request or trace id found in the body (header ids are found automatically).</summary>
    public string? RequestId { get; init; }

    /// <summary>Overrides status-based retryability, for example ClearSKY code 1003 (busy) on a 400.</summary>
    public bool? IsRetryable { get; init; }

    /// <summary>A retry delay found in the body; wins over the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
