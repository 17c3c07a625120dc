namespace SatDownload;

/// <summary>Waiting for a provider task passed its deadline. The task itself may still complete: rehydrate it by id later.</summary>
public class ProviderTaskTimeoutException : SatDownloadException
{
    /// <summary>Creates an exception for mocking scenarios.</summary>
    public ProviderTaskTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ProviderTaskTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ProviderTaskTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
