using System.Globalization;
using System.Text;

namespace SatDownload;

/// <summary>
/// A provider answered a request with an error, or its answer could not be understood.
/// Carries the provider, the call, the HTTP status, the provider's own error code and message, the request id and the
/// provider's Retry-After (already converted from the provider's unit). The body excerpt is redacted.
/// </summary>
public class ProviderRequestException : SatDownloadException
{
    /// <summary>Creates an exception for mocking and serialization scenarios.</summary>
    public ProviderRequestException()
    {
        Provider = string.Empty;
    }

    /// <summary>Creates an exception with a plain message.</summary>
    /// <param name="message">The message.</param>
    public ProviderRequestException(string message)
        : base(message)
    {
        Provider = string.Empty;
    }

    /// <summary>Creates an exception with a plain message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ProviderRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Provider = string.Empty;
    }

    /// <summary>Creates an exception from a decoded provider error.</summary>
    /// <param name="details">What the provider said.</param>
    /// <param name="innerException">The cause, if any (for example a <see cref="System.Text.Json.JsonException"/>).</param>
    public ProviderRequestException(ProviderErrorDetails details, Exception? innerException = null)
        : base(BuildMessage(details ?? throw new ArgumentNullException(nameof(details))), innerException)
    {
        Provider = details.Provider;
        Operation = details.Operation;
        Status = details.Status;
        ErrorCode = details.ErrorCode;
        ProviderMessage = details.Message is null ? null : Redactor.Redact(details.Message);
        RequestId = details.RequestId;
        RetryAfter = details.RetryAfter;
        BodyExcerpt = details.BodyExcerpt is null ? null : Redactor.Redact(details.BodyExcerpt);
        IsRetryable = details.IsRetryable ?? IsRetryableStatus(details.Status);
    }

    /// <summary>The provider name (see <see cref="ProviderNames"/>).</summary>
    public string Provider { get; }

    /// <summary>The call that failed, for example <c>POST /api/v1/process</c> (never with a query string).</summary>
    public string? Operation { get; }

    /// <summary>The HTTP status code, or 0 when no response arrived or the failure is not an HTTP status.</summary>
    public int Status { get; }

    /// <summary>The provider's error code, for example <c>RENDERER_EXCEPTION</c> or <c>1003</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The provider's error message, redacted.</summary>
    public string? ProviderMessage { get; }

    /// <summary>The provider's request or trace id, to quote to their support.</summary>
    public string? RequestId { get; }

    /// <summary>How long the provider asked to wait before retrying, already converted from the provider's unit.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A redacted excerpt of the response body (at most a few hundred characters).</summary>
    public string? BodyExcerpt { get; }

    /// <summary>Whether retrying the same request later may succeed (429, 5xx, 408, or a provider code marked retryable).</summary>
    public bool IsRetryable { get; }

    /// <summary>Whether an HTTP status is transient: 408, 429 or any 5xx.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <returns><see langword="true"/> when retrying may help.</returns>
    public static bool IsRetryableStatus(int status) => status is 408 or 429 or >= 500 and <= 599;

    private static string BuildMessage(ProviderErrorDetails d)
    {
        var sb = new StringBuilder();
        sb.Append(string.IsNullOrEmpty(d.Provider) ? "Provider" : d.Provider);
        if (!string.IsNullOrEmpty(d.Operation))
        {
            sb.Append(' ').Append(d.Operation);
        }

        sb.Append(" failed");
        if (d.Status != 0)
        {
            sb.Append(" with HTTP ").Append(d.Status.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(d.ErrorCode))
        {
            sb.Append(" (").Append(d.ErrorCode).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(d.Message))
        {
            sb.Append(": ").Append(d.Message.Trim());
        }

        if (!string.IsNullOrEmpty(d.RequestId))
        {
            sb.Append(" [request id ").Append(d.RequestId).Append(']');
        }

        if (d.RetryAfter is { } ra)
        {
            sb.Append(" Retry after ").Append(ra.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(" s.");
        }

        return sb.ToString();
    }
}
