namespace SatDownload.Http;

/// <summary>
/// Thrown before any byte is sent when a credential (API key, bearer token, OAuth2 client secret) would travel over plain
/// <c>http://</c> to a host that is not the local machine. Set <c>AllowInsecureHttp</c> on the handler's options only for
/// trusted test networks.
/// </summary>
public sealed class InsecureTransportException : SatDownloadException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InsecureTransportException()
        : base("Refusing to send credentials over plain HTTP.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was refused and how to fix it.</param>
    public InsecureTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was refused and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public InsecureTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
