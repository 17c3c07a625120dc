using System.Runtime.CompilerServices;

namespace SatDownload.Eos.Tasks;

/// <summary>
/// Several load-by-extent tasks followed as one <see cref="ProviderTask"/>: what one unified request with a MultiPolygon
/// (split into one task per polygon) or several existing task ids becomes. Its <see cref="ProviderTask.Id"/> is the task ids joined
/// by <c>,</c>, so it can be rebuilt from the id alone.
/// </summary>
/// <remarks>
/// Status: Succeeded when every task succeeded, Failed when every task failed, PartiallySucceeded when they ended
/// differently with at least one result, Canceled when none succeeded and one was cancelled, Running while any runs.
/// Finished tasks are not polled again (each poll costs a status call of EOS's 10 per minute).
/// </remarks>
public class EosLoadByExtentTaskGroup : ProviderTask
{
    /// <summary>The <see cref="Kind"/> of a group.</summary>
    public const string TaskKind = "lbe-group";

    /// <summary>The separator of the task ids in <see cref="ProviderTask.Id"/>.</summary>
    public const char IdSeparator = ',';

    private readonly IReadOnlyList<EosLoadByExtentTask> _tasks = [];

    /// <summary>For mocking.</summary>
    protected EosLoadByExtentTaskGroup()
    {
    }

    /// <summary>Groups tasks.</summary>
    /// <param name="tasks">The tasks (at least one).</param>
    /// <param name="timeProvider">The clock.</param>
    internal EosLoadByExtentTaskGroup(IReadOnlyList<EosLoadByExtentTask> tasks, TimeProvider? timeProvider)
        : base(ProviderNames.Eos, string.Join(IdSeparator, tasks.Select(t => t.Id)), timeProvider, Combine(tasks))
    {
        _tasks = tasks;
    }

    /// <inheritdoc />
    public override string Kind => TaskKind;

    /// <summary>The tasks, in polygon (or id) order.</summary>
    public virtual IReadOnlyList<EosLoadByExtentTask> Tasks => _tasks;

    /// <summary>Splits a group id into task ids.</summary>
    /// <param name="groupId">The <see cref="ProviderTask.Id"/> of a group, or one task id.</param>
    /// <returns>The task ids.</returns>
    public static IReadOnlyList<string> SplitId(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return groupId.Split(IdSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The result files of every succeeded task, task by task.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The assets.</returns>
    /// <exception cref="InvalidOperationException">No task has succeeded.</exception>
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var any = false;
        foreach (var task in _tasks)
        {
            if (task.HasCompleted && task.Status != ProviderTaskStatus.Succeeded)
            {
                continue;
            }

            any = true;
            await foreach (var asset in task.GetAssetsAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return asset;
            }
        }

        if (!any)
        {
            throw new InvalidOperationException($"None of the EOS tasks '{Id}' has a result to download: {Status}.");
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
    {
        foreach (var task in _tasks)
        {
            if (!task.HasCompleted)
            {
                await task.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Combine(_tasks);
    }

    private static ProviderTaskState Combine(IReadOnlyList<EosLoadByExtentTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("A task group needs at least one task.", nameof(tasks));
        }

        var statuses = tasks.Select(t => t.Status).ToArray();
        var succeeded = statuses.Count(s => s == ProviderTaskStatus.Succeeded);
        ProviderTaskStatus status;
        if (statuses.Any(s => s is ProviderTaskStatus.Pending or ProviderTaskStatus.Running))
        {
            status = statuses.All(s => s == ProviderTaskStatus.Pending) ? ProviderTaskStatus.Pending : ProviderTaskStatus.Running;
        }
        else if (succeeded == statuses.Length)
        {
            status = ProviderTaskStatus.Succeeded;
        }
        else if (succeeded > 0)
        {
            status = ProviderTaskStatus.PartiallySucceeded;
        }
        else
        {
            status = statuses.Contains(ProviderTaskStatus.Canceled) ? ProviderTaskStatus.Canceled : ProviderTaskStatus.Failed;
        }

        var messages = tasks.Where(t => t.StatusMessage is not null).Select(t => $"{t.Id}: {t.StatusMessage}").ToArray();
        return new ProviderTaskState
        {
            Status = status,
            ProviderStatus = string.Join(IdSeparator, tasks.Select(t => t.ProviderStatus ?? "unknown")),
            PercentComplete = tasks.Average(t => t.PercentComplete ?? (t.HasCompleted ? 100 : 0)),
            Message = messages.Length == 0 ? null : string.Join("; ", messages),
            AssetsAvailable = status is ProviderTaskStatus.Succeeded or ProviderTaskStatus.PartiallySucceeded,
        };
    }
}
