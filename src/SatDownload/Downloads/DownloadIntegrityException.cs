namespace SatDownload;

/// <summary>
/// A downloaded file failed an integrity check: its length differs from what the server announced, or a checksum the
/// provider publishes does not match. The file is never moved to its final name.
/// </summary>
public class DownloadIntegrityException : SatDownloadException
{
    /// <summary>Creates the exception.</summary>
    public DownloadIntegrityException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DownloadIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DownloadIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
