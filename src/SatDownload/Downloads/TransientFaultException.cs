namespace SatDownload.Downloads;

/// <summary>A fault worth another attempt: a transport error, a truncated or hung body, 408, 429 or 5xx.</summary>
internal sealed class TransientFaultException : Exception
{
    public TransientFaultException(string message, Exception? innerException = null, TimeSpan? retryAfter = null, int? status = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
        Status = status;
    }

    public TimeSpan? RetryAfter { get; }

    public int? Status { get; }

    /// <summary>A short reason for telemetry tags.</summary>
    public string Reason => Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : InnerException?.GetType().Name ?? "transport";
}
