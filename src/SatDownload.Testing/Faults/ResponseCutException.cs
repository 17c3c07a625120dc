namespace SatDownload.Testing;

/// <summary>Thrown by <see cref="EmulatorResponseStream"/> to stop the real handler once a body fault has sent its K bytes.</summary>
internal sealed class ResponseCutException : Exception
{
    public ResponseCutException()
        : base("The emulator cut the response body on purpose (fault injection).")
    {
    }

    public ResponseCutException(string message)
        : base(message)
    {
    }

    public ResponseCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
