using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Tasks;

/// <summary>
/// Maps ICEYE's raw task statuses onto <see cref="ProviderTaskStatus"/>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>ICEYE</term><description>Unified (assets available)</description></listheader>
/// <item><term>RECEIVED</term><description>Pending (no)</description></item>
/// <item><term>ACTIVE</term><description>Running (no)</description></item>
/// <item><term>FULFILLED</term><description>Running (yes: the SLA products; non-SLA products are still processed)</description></item>
/// <item><term>DONE</term><description>Succeeded (yes: every product)</description></item>
/// <item><term>REJECTED</term><description>Failed (no)</description></item>
/// <item><term>FAILED</term><description>Failed (no)</description></item>
/// <item><term>CANCELED</term><description>Canceled (no)</description></item>
/// <item><term>anything else</term><description>Running (no): an unknown status is treated as still in progress so polling continues</description></item>
/// </list>
/// FULFILLED stays non-terminal on purpose: waiting with <see cref="TaskPollingOptions.CompleteWhenAssetsAvailable"/>
/// returns there so the SLA products can be downloaded at once, and waiting again returns at DONE for the rest.
/// </remarks>
public static class IceyeStatusMapping
{
    /// <summary>Maps a raw status.</summary>
    /// <param name="status">The ICEYE status.</param>
    /// <returns>The unified status.</returns>
    public static ProviderTaskStatus ToUnified(IceyeTaskStatus status)
    {
        if (status == IceyeTaskStatus.Received)
        {
            return ProviderTaskStatus.Pending;
        }

        if (status == IceyeTaskStatus.Done)
        {
            return ProviderTaskStatus.Succeeded;
        }

        if (status == IceyeTaskStatus.Rejected || status == IceyeTaskStatus.Failed)
        {
            return ProviderTaskStatus.Failed;
        }

        if (status == IceyeTaskStatus.Canceled)
        {
            return ProviderTaskStatus.Canceled;
        }

        return ProviderTaskStatus.Running;
    }

    /// <summary>Whether products can be downloaded in a status (FULFILLED or DONE).</summary>
    /// <param name="status">The ICEYE status.</param>
    /// <returns><see langword="true"/> when the products listing answers.</returns>
    public static bool HasProducts(IceyeTaskStatus status) => status == IceyeTaskStatus.Fulfilled || status == IceyeTaskStatus.Done;

    /// <summary>Whether ICEYE allows cancelling a task in a status (RECEIVED or ACTIVE).</summary>
    /// <param name="status">The ICEYE status.</param>
    /// <returns><see langword="true"/> when a cancel request may succeed.</returns>
    public static bool IsCancelable(IceyeTaskStatus status) => status == IceyeTaskStatus.Received || status == IceyeTaskStatus.Active;

    /// <summary>Builds the unified state of a task.</summary>
    /// <param name="task">The task as ICEYE returned it.</param>
    /// <param name="suggestedPollDelay">A Retry-After or cadence hint, if any.</param>
    /// <returns>The state.</returns>
    public static ProviderTaskState ToState(IceyeTaskInfo task, TimeSpan? suggestedPollDelay = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var unified = ToUnified(task.Status);
        var known = unified != ProviderTaskStatus.Running || task.Status == IceyeTaskStatus.Active || task.Status == IceyeTaskStatus.Fulfilled;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (task.ContractId is { } contract)
        {
            properties["contractID"] = contract;
        }

        if (task.ImagingMode is { } mode)
        {
            properties["imagingMode"] = mode.Value;
        }

        if (task.Reference is { } reference)
        {
            properties["reference"] = reference;
        }

        return new ProviderTaskState
        {
            Status = unified,
            ProviderStatus = task.Status.Value,
            AssetsAvailable = HasProducts(task.Status),
            Message = Describe(task.Status, known),
            SuggestedPollDelay = suggestedPollDelay,
            Properties = properties,
        };
    }

    private static string Describe(IceyeTaskStatus status, bool known)
    {
        if (!known)
        {
            return $"ICEYE reported an undocumented status '{status.Value}'; treated as still running.";
        }

        if (status == IceyeTaskStatus.Received)
        {
            return "Received; waiting for the optimiser (about 20 minutes).";
        }

        if (status == IceyeTaskStatus.Active)
        {
            return "Scheduled for acquisition.";
        }

        if (status == IceyeTaskStatus.Fulfilled)
        {
            return "Acquired: SLA products are downloadable now; other requested products follow when the task is DONE.";
        }

        if (status == IceyeTaskStatus.Done)
        {
            return "Every requested product is downloadable.";
        }

        if (status == IceyeTaskStatus.Rejected)
        {
            return "ICEYE rejected the task (it could not be scheduled within the window and constraints).";
        }

        if (status == IceyeTaskStatus.Failed)
        {
            return "The acquisition or processing failed.";
        }

        return "The task was cancelled.";
    }
}
