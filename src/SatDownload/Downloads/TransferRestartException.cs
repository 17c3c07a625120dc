namespace SatDownload.Downloads;

/// <summary>The file changed on the server (a new ETag, 412, or 200 to a ranged request mid-way): everything restarts from zero.</summary>
internal sealed class TransferRestartException : Exception
{
    public TransferRestartException(string message)
        : base(message)
    {
    }
}
