using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Every log line the HTTP plumbing writes, as source-generated <see cref="LoggerMessage"/>s. URIs passed in are already
/// redacted. Nothing is logged at Information: a working pipeline is silent unless Debug is enabled.
/// </summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning, Message = "Sending the {CredentialKind} over plain HTTP to {Uri} because AllowInsecureHttp is set; anyone on the network can read it.")]
    public static partial void InsecureCredentialTransport(ILogger logger, string credentialKind, string uri);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "HTTP {Method} {Uri} -> {Status} in {ElapsedMs:0} ms")]
    public static partial void RequestCompleted(ILogger logger, string method, string uri, int status, double elapsedMs);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Debug, Message = "HTTP {Method} {Uri} failed after {ElapsedMs:0} ms: {Error}")]
    public static partial void RequestFailed(ILogger logger, string method, string uri, double elapsedMs, string error);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "{Provider}: retrying {Method} {Uri} (attempt {Attempt} of {MaxAttempts}) in {DelayMs:0} ms after {Outcome}")]
    public static partial void RetryScheduled(ILogger logger, string provider, string method, string uri, int attempt, int maxAttempts, double delayMs, string outcome);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "{Provider}: giving up on {Method} {Uri} after {Attempts} attempts: {Outcome}")]
    public static partial void RetriesExhausted(ILogger logger, string provider, string method, string uri, int attempts, string outcome);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Debug, Message = "{Provider}: not retrying {Method} {Uri}: {Reason}")]
    public static partial void RetrySkipped(ILogger logger, string provider, string method, string uri, string reason);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Debug, Message = "{Provider}: obtained an access token for client {ClientId}, valid for {LifetimeSeconds:0} s")]
    public static partial void TokenAcquired(ILogger logger, string provider, string clientId, double lifetimeSeconds);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Debug, Message = "{Provider}: token request attempt {Attempt} failed ({Outcome}); retrying in {DelayMs:0} ms")]
    public static partial void TokenRequestRetry(ILogger logger, string provider, int attempt, string outcome, double delayMs);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Debug, Message = "{Provider}: {Method} {Uri} answered 401; refreshing the access token and retrying once")]
    public static partial void UnauthorizedRetry(ILogger logger, string provider, string method, string uri);

    [LoggerMessage(EventId = 7120, Level = LogLevel.Debug, Message = "{Provider}: client-side rate limit, waiting {DelayMs:0} ms before {Method} {Uri}")]
    public static partial void RateLimitWait(ILogger logger, string provider, double delayMs, string method, string uri);
}
