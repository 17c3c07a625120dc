namespace SatDownload;

/// <summary>
/// Another live run (another process, or another call in this process) is downloading into the same destination
/// directory. Runs on one destination are serialised so that they never order the same request twice or write the
/// same files at once.
/// </summary>
public class DestinationLockedException : SatDownloadException
{
    /// <summary>Creates an exception with a default message.</summary>
    public DestinationLockedException()
        : base("The destination directory is in use by another SatDownload run.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DestinationLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DestinationLockedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a destination and its current holder.</summary>
    /// <param name="destinationDirectory">The destination directory.</param>
    /// <param name="owner">Who holds it (process id, host, start time) when known.</param>
    /// <param name="innerException">The I/O error from taking the lock.</param>
    public DestinationLockedException(string destinationDirectory, string? owner, Exception? innerException)
        : base(
            $"The destination '{destinationDirectory}' is in use by another SatDownload run ({owner ?? "owner unknown"}). " +
            "Wait for that run to finish, or download into another directory. A lock left by a killed process is released by the operating system and taken over automatically.",
            innerException)
    {
        DestinationDirectory = destinationDirectory;
        Owner = owner;
    }

    /// <summary>The destination directory.</summary>
    public string? DestinationDirectory { get; }

    /// <summary>The holder, as recorded in its lock file, when known.</summary>
    public string? Owner { get; }
}
