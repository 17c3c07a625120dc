namespace SatDownload.SentinelHub;

/// <summary>
/// The account's quota (monthly requests or processing units, or the 1000 PU Batch needs) is used up: Sentinel Hub
/// answers 403 and every further call fails the same way until the quota renews or more PU are bought. Never retried.
/// Distinct from a 429 (a per-minute policy), which the client waits out on its own.
/// </summary>
public class SentinelHubQuotaExceededException : ProviderRequestException
{
    /// <summary>For mocking and serialization.</summary>
    public SentinelHubQuotaExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SentinelHubQuotaExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SentinelHubQuotaExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the decoded 403.</summary>
    /// <param name="details">The decoded error (its message is kept and a fix is appended).</param>
    public SentinelHubQuotaExceededException(ProviderErrorDetails details)
        : base(details)
    {
    }

    /// <summary>Whether a decoded 403 is a quota refusal (its message names a quota or the processing units left).</summary>
    /// <param name="error">The decoded error.</param>
    /// <returns>True for a quota refusal.</returns>
    public static bool IsQuotaRefusal(ProviderRequestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = error.ProviderMessage ?? string.Empty;
        return error.Status == 403 &&
            (text.Contains("quota", StringComparison.OrdinalIgnoreCase) || text.Contains("processing units", StringComparison.OrdinalIgnoreCase) ||
             (error.ErrorCode?.StartsWith("RATE_LIMIT", StringComparison.Ordinal) ?? false));
    }
}
