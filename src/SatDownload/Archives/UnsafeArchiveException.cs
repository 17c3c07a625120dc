namespace SatDownload.Archives;

/// <summary>
/// An archive was refused: an entry would land outside the target folder, or a size, count or compression-ratio limit of
/// <see cref="ArchiveExtractionLimits"/> was exceeded. Nothing of the refused archive is left on disk.
/// </summary>
public class UnsafeArchiveException : SatDownloadException
{
    /// <summary>Creates an exception for mocking scenarios.</summary>
    public UnsafeArchiveException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnsafeArchiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnsafeArchiveException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the reason and the archive entry at fault.</summary>
    /// <param name="message">The message (what was wrong and how to proceed).</param>
    /// <param name="reason">Why the archive was refused.</param>
    /// <param name="entryName">The entry, when one is at fault.</param>
    public UnsafeArchiveException(string message, ArchiveRefusalReason reason, string? entryName)
        : base(message)
    {
        Reason = reason;
        EntryName = entryName;
    }

    /// <summary>Why the archive was refused.</summary>
    public ArchiveRefusalReason Reason { get; }

    /// <summary>The archive entry at fault, when one is.</summary>
    public string? EntryName { get; }
}
