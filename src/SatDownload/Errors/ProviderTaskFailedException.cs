namespace SatDownload;

/// <summary>A provider task ended as <see cref="ProviderTaskStatus.Failed"/> or <see cref="ProviderTaskStatus.Canceled"/>.</summary>
public class ProviderTaskFailedException : SatDownloadException
{
    /// <summary>Creates an exception for mocking scenarios.</summary>
    public ProviderTaskFailedException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ProviderTaskFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ProviderTaskFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a failed task.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="taskId">The task id.</param>
    /// <param name="status">The unified terminal status.</param>
    /// <param name="providerStatus">The provider's raw status.</param>
    /// <param name="reason">The provider's reason, if it gave one.</param>
    public ProviderTaskFailedException(string provider, string taskId, ProviderTaskStatus status, string? providerStatus, string? reason)
        : base($"{provider} task '{taskId}' ended as {status} (provider status '{providerStatus ?? "unknown"}'){(string.IsNullOrWhiteSpace(reason) ? "." : ": " + reason)}")
    {
        Provider = provider;
        TaskId = taskId;
        Status = status;
        ProviderStatus = providerStatus;
        Reason = reason;
    }

    /// <summary>The provider.</summary>
    public string? Provider { get; }

    /// <summary>The task id.</summary>
    public string? TaskId { get; }

    /// <summary>The unified terminal status.</summary>
    public ProviderTaskStatus Status { get; }

    /// <summary>The provider's raw status.</summary>
    public string? ProviderStatus { get; }

    /// <summary>The provider's reason.</summary>
    public string? Reason { get; }
}
