namespace SatDownload.Http;

/// <summary>The unit a provider uses for a numeric <c>Retry-After</c> value.</summary>
public enum RetryAfterUnit
{
    /// <summary>Seconds, as RFC 9110 specifies.</summary>
    Seconds,

    /// <summary>Milliseconds (Sentinel Hub's rate limiter).</summary>
    Milliseconds,
}
