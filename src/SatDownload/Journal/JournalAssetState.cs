namespace SatDownload;

/// <summary>Where one asset of a journaled task stands.</summary>
public enum JournalAssetState
{
    /// <summary>Listed by the task, not started.</summary>
    Pending,

    /// <summary>Started; a partial file may exist and will be resumed.</summary>
    Downloading,

    /// <summary>Complete and verified at <see cref="JournalAssetEntry.Path"/>.</summary>
    Done,

    /// <summary>The last attempt failed (see <see cref="JournalAssetEntry.Error"/>); the next run tries again.</summary>
    Failed,
}
