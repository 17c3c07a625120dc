namespace SatDownload;

/// <summary>
/// Base type of every exception SatDownload throws on purpose. Messages never contain credentials or signed-URL query strings.
/// </summary>
public class SatDownloadException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public SatDownloadException()
        : base("A SatDownload operation failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and, where possible, how to fix it.</param>
    public SatDownloadException(string message)
        : base(Redactor.Redact(message))
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong and, where possible, how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public SatDownloadException(string message, Exception? innerException)
        : base(Redactor.Redact(message), innerException)
    {
    }
}
