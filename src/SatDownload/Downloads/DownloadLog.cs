using Microsoft.Extensions.Logging;

namespace SatDownload.Downloads;

/// <summary>The downloader's log messages. URLs passed here are already redacted.</summary>
internal static partial class DownloadLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Downloading {Identity} from {Location} to {Path}")]
    public static partial void Starting(ILogger logger, string identity, string location, string path);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Resuming {Identity} with {Bytes} bytes already on disk")]
    public static partial void Resuming(ILogger logger, string identity, long bytes);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Download of {Identity} faulted at byte {Offset} ({Reason}); retry in {Delay} (failures without progress: {Failures})")]
    public static partial void Retrying(ILogger logger, string identity, long offset, string reason, TimeSpan delay, int failures);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Identity} changed on the server ({Reason}); restarting from byte 0")]
    public static partial void Restarting(ILogger logger, string identity, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Asking for a fresh location for {Identity} ({Reason})")]
    public static partial void Refreshing(ILogger logger, string identity, ResolveReason reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Downloaded {Identity}: {Bytes} bytes in {Duration}, sha256 {Sha256}")]
    public static partial void Completed(ILogger logger, string identity, long bytes, TimeSpan duration, string? sha256);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Download of {Identity} failed: {Message}")]
    public static partial void Failed(ILogger logger, string identity, string message);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "Skipping {Identity}: {Path} is complete")]
    public static partial void Skipped(ILogger logger, string identity, string path);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Debug, Message = "Splitting {Identity} ({Total} bytes) into {Segments} segments over {Connections} connections")]
    public static partial void Segmenting(ILogger logger, string identity, long total, int segments, int connections);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "{Identity}: redirect {Hop} to {Target} (location headers sent: {CarriesHeaders})")]
    public static partial void Redirected(ILogger logger, string identity, int hop, string target, bool carriesHeaders);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "{Identity}: the DownloadLocation.OnResponse callback threw {ExceptionType}; the download goes on")]
    public static partial void ObserverFailed(ILogger logger, string identity, string exceptionType);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "{Identity}: the HttpClient followed a redirect from {From} to {To} on its own and sent the location's headers ({HeaderNames}) there. Give AssetDownloader a client with AllowAutoRedirect = false (ProviderHttpPipeline.CreateDownloadPrimaryHandler, or AddSatDownloadClient), and rotate those credentials if that origin is not trusted")]
    public static partial void ClientFollowedRedirect(ILogger logger, string identity, string from, string to, string headerNames);
}
