namespace SatDownload.Journal;

/// <summary>The journal file's root object.</summary>
internal sealed class JournalDocument
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The entries, one per request fingerprint.</summary>
    public List<JournalEntry> Entries { get; set; } = [];
}
