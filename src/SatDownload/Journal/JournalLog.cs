using Microsoft.Extensions.Logging;

namespace SatDownload.Journal;

/// <summary>Log messages of the journal and the destination lock.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Download journal problem: {Message}")]
    public static partial void Recovered(ILogger logger, string message);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Taking over the destination lock of {Destination} left behind by a run that ended without releasing it ({Owner})")]
    public static partial void StaleLock(ILogger logger, string destination, string owner);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not save the download journal {Path}: {Message}. The download goes on; a later run may not be able to resume this task by id.")]
    public static partial void SaveFailed(ILogger logger, string path, string message);
}
