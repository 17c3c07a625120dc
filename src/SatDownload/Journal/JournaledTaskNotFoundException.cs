namespace SatDownload;

/// <summary>
/// The destination's journal records a task for this request, but the provider no longer knows it (expired, deleted,
/// or another account). Nothing was ordered again: re-ordering may cost money, so it takes a decision. To order anew,
/// remove the entry (<see cref="DownloadJournal.Remove"/> then <see cref="DownloadJournal.SaveAsync"/>) or download into
/// another directory.
/// </summary>
public class JournaledTaskNotFoundException : SatDownloadException
{
    /// <summary>Creates an exception with a default message.</summary>
    public JournaledTaskNotFoundException()
        : base("The provider no longer knows the task recorded in the download journal.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JournaledTaskNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JournaledTaskNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a journaled task.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="taskId">The recorded task id.</param>
    /// <param name="fingerprint">The request fingerprint the task is recorded under.</param>
    /// <param name="journalPath">The journal file.</param>
    /// <param name="innerException">The provider's not-found error.</param>
    public JournaledTaskNotFoundException(string provider, string taskId, string fingerprint, string journalPath, Exception? innerException)
        : base(
            $"The journal '{journalPath}' records {provider} task '{taskId}' for this request, but {provider} no longer knows it. " +
            $"Nothing was ordered again. To order anew (which may cost money), remove the entry with DownloadJournal.Open(destination).Remove(\"{fingerprint}\") and SaveAsync(), or download into another directory.",
            innerException)
    {
        Provider = provider;
        TaskId = taskId;
        Fingerprint = fingerprint;
        JournalPath = journalPath;
    }

    /// <summary>The provider name.</summary>
    public string? Provider { get; }

    /// <summary>The task id recorded in the journal.</summary>
    public string? TaskId { get; }

    /// <summary>The request fingerprint.</summary>
    public string? Fingerprint { get; }

    /// <summary>The journal file.</summary>
    public string? JournalPath { get; }
}
