using Microsoft.Extensions.Logging;

namespace SatDownload.Client;

/// <summary>Log messages of <see cref="SatDownloadClient"/>.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Created {Provider} task {TaskId} (estimated cost: {Cost})")]
    public static partial void TaskCreated(ILogger logger, string provider, string taskId, string cost);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Resuming {Provider} task {TaskId} recorded in {JournalPath}; nothing is ordered again")]
    public static partial void TaskResumed(ILogger logger, string provider, string taskId, string journalPath);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "A previous run started creating a {Provider} task for this request at {StartedAt} and stopped before recording its id; if the provider created it, it exists twice after this run. Check the provider's console for an orphan task.")]
    public static partial void PossibleOrphan(ILogger logger, string provider, DateTimeOffset startedAt);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "The budget limits cost to {MaxCost} but {Provider} cannot estimate this request; ordering without a cost check (set SatDownloadClientOptions.RequireCostEstimate to refuse instead)")]
    public static partial void NoEstimate(ILogger logger, string provider, decimal maxCost);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The asset filter left out all {Count} assets of {Provider} task {TaskId}: {Filter}")]
    public static partial void FilterExcludedAll(ILogger logger, int count, string provider, string taskId, string filter);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "{Provider} task {TaskId}: {Succeeded}/{Total} files on disk in {Destination}")]
    public static partial void Finished(ILogger logger, string provider, string taskId, int succeeded, int total, string destination);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "{Identity} is complete at {Path} according to the journal; not downloaded again")]
    public static partial void AssetCompleteInJournal(ILogger logger, string identity, string path);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "{Identity} was recorded complete at {Path} but the file is missing or changed; downloading it again")]
    public static partial void JournalFileChanged(ILogger logger, string identity, string path);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "{Provider} could not finish {Identity} after its download (the file stays at {Path}); the file is reported as failed")]
    public static partial void PostDownloadFailed(ILogger logger, Exception exception, string provider, string identity, string path);
}
