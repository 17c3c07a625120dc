namespace SatDownload;

/// <summary>
/// An asset could not be downloaded after the allowed number of attempts without progress; the last fault is the inner
/// exception. The partial file stays on disk and a later run continues it.
/// </summary>
public class DownloadFailedException : SatDownloadException
{
    /// <summary>Creates the exception.</summary>
    public DownloadFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DownloadFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the last fault.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The last fault.</param>
    public DownloadFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
