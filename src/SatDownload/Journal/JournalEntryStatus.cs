namespace SatDownload;

/// <summary>Where one journaled request stands in the download flow.</summary>
public enum JournalEntryStatus
{
    /// <summary>
    /// The task was being created when the journal was last written. If a run stops here, the provider may or may not
    /// have created the task: the next run creates it (no id was recorded) and logs a warning about a possible orphan.
    /// </summary>
    Creating,

    /// <summary>The task exists at the provider (its id is recorded) and may still be running.</summary>
    TaskCreated,

    /// <summary>The task finished and its assets are being downloaded.</summary>
    Downloading,

    /// <summary>Every selected asset is downloaded.</summary>
    Completed,

    /// <summary>Some assets failed, or the task failed; a re-run retries what is missing.</summary>
    Failed,
}
