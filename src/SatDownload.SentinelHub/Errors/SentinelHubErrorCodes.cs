namespace SatDownload.SentinelHub;

/// <summary>Error codes of the Sentinel Hub error wrapper (<c>{"error": {"code": ...}}</c>).</summary>
public static class SentinelHubErrorCodes
{
    /// <summary>Validation failure.</summary>
    public const string BadPayload = "COMMON_BAD_PAYLOAD";

    /// <summary>Missing or invalid token.</summary>
    public const string Unauthorized = "COMMON_UNAUTHORIZED";

    /// <summary>Not found.</summary>
    public const string NotFound = "COMMON_NOT_FOUND";

    /// <summary>Missing permission.</summary>
    public const string InsufficientPermissions = "COMMON_INSUFFICIENT_PERMISSIONS";

    /// <summary>Rate limit hit (429; <c>Retry-After</c> in milliseconds).</summary>
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";

    /// <summary>Evalscript or rendering failure (500): the message is the evalscript error, surfaced verbatim.</summary>
    public const string RendererException = "RENDERER_EXCEPTION";

    /// <summary>Token endpoint failure (legacy <c>/oauth/token</c>).</summary>
    public const string OAuthError = "OAUTH_ERROR";

    /// <summary>Codes that a retry may cure.</summary>
    public static bool IsRetryable(string? code) => code is RateLimitExceeded or "RATE_LIMIT_STORAGE_TIMEOUT" or "COMMON_DATABASE_ERROR" or "COMMON_ELASTICSEARCH_ERROR" or "COMMON_EXCEPTION";
}
