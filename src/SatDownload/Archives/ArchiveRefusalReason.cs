namespace SatDownload.Archives;

/// <summary>Why an archive was refused (see <see cref="UnsafeArchiveException.Reason"/>).</summary>
public enum ArchiveRefusalReason
{
    /// <summary>No specific reason was recorded.</summary>
    Unspecified = 0,

    /// <summary>An entry would be written outside the target folder (absolute path, drive letter, <c>..</c>, NUL).</summary>
    PathEscape,

    /// <summary>An entry is a symbolic or hard link, device or other special file.</summary>
    LinkOrSpecialEntry,

    /// <summary>The archive holds the same entry name twice, or a file and a folder of the same name.</summary>
    DuplicateEntry,

    /// <summary>An entry name is longer than <see cref="ArchiveExtractionLimits.MaxEntryNameLength"/>.</summary>
    EntryNameTooLong,

    /// <summary>More entries than <see cref="ArchiveExtractionLimits.MaxEntries"/>.</summary>
    TooManyEntries,

    /// <summary>An entry inflates (or declares) more than <see cref="ArchiveExtractionLimits.MaxEntryBytes"/>.</summary>
    EntryTooLarge,

    /// <summary>The archive inflates (or declares) more than <see cref="ArchiveExtractionLimits.MaxTotalBytes"/>.</summary>
    TotalTooLarge,

    /// <summary>An entry or the archive expands more than <see cref="ArchiveExtractionLimits.MaxCompressionRatio"/> times.</summary>
    CompressionRatio,

    /// <summary>An entry inflated to a different size than its header declares (a lying header).</summary>
    SizeMismatch,

    /// <summary>An entry's data does not match the checksum its header declares (corrupt, or a header that understates the size).</summary>
    ChecksumMismatch,
}
