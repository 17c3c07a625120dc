using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Errors;

/// <summary>
/// ICEYE allows cancelling a task only while it is RECEIVED or ACTIVE. Thrown before any request when the task's last
/// known status rules it out, or when ICEYE refused the cancellation (the refusal is the inner exception).
/// </summary>
public class IceyeTaskNotCancelableException : SatDownloadException
{
    /// <summary>Creates an exception for mocking scenarios.</summary>
    public IceyeTaskNotCancelableException()
    {
        TaskId = string.Empty;
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IceyeTaskNotCancelableException(string message)
        : base(message)
    {
        TaskId = string.Empty;
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IceyeTaskNotCancelableException(string message, Exception? innerException)
        : base(message, innerException)
    {
        TaskId = string.Empty;
    }

    /// <summary>Creates an exception for a task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="status">The task's status, when known.</param>
    /// <param name="innerException">ICEYE's refusal, when the server refused.</param>
    public IceyeTaskNotCancelableException(string taskId, IceyeTaskStatus? status, Exception? innerException = null)
        : base(BuildMessage(taskId, status, innerException), innerException)
    {
        TaskId = taskId;
        Status = status;
    }

    /// <summary>The task id.</summary>
    public string TaskId { get; }

    /// <summary>The task's status, when known.</summary>
    public IceyeTaskStatus? Status { get; }

    private static string BuildMessage(string taskId, IceyeTaskStatus? status, Exception? inner)
    {
        var state = status is { } s ? $"is {s.Value}" : "is no longer RECEIVED or ACTIVE";
        var message = $"ICEYE task '{taskId}' cannot be cancelled: it {state}, and ICEYE allows cancelling only RECEIVED or ACTIVE tasks.";
        return inner is ProviderRequestException p && !string.IsNullOrEmpty(p.ProviderMessage)
            ? message + " ICEYE said: " + p.ProviderMessage
            : message;
    }
}
