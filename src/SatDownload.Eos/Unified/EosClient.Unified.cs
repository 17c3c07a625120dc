using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;

namespace SatDownload.Eos;

public partial class EosClient
{
    /// <summary>
    /// Starts a unified request (the same request <see cref="SatDownloadClient"/> runs) after validating it without any
    /// network call: creates its task (one <see cref="EosLoadByExtentTask"/> for a Polygon, an
    /// <see cref="EosLoadByExtentTaskGroup"/> for a MultiPolygon split into tasks), or, for
    /// <see cref="EosLoadByExtentImageryRequest.TaskIds"/>, rebuilds the existing tasks without any call.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task; wait on it and list its assets as usual. Its <see cref="ProviderTask.Id"/> rebuilds it with <see cref="GetTask"/>.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ProviderRequestException">EOS refused a task (tasks created before it keep running).</exception>
    public virtual async Task<ProviderTask> StartAsync(EosLoadByExtentImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.LoadByExtent is null)
        {
            return GetTask(string.Join(EosLoadByExtentTaskGroup.IdSeparator, request.TaskIds!.Select(t => t.Trim())), request.ToTaskInfo());
        }

        var tasks = await CreateLoadByExtentTasksAsync(request.LoadByExtent, cancellationToken).ConfigureAwait(false);
        return tasks.Count == 1 ? tasks[0] : new EosLoadByExtentTaskGroup(tasks, TimeProvider);
    }

    /// <summary>
    /// Rebuilds the task a unified request started, from its <see cref="ProviderTask.Id"/> (one task id, or several
    /// joined by <c>,</c> for a group), without calling EOS.
    /// </summary>
    /// <param name="taskId">The id.</param>
    /// <param name="info">What the task(s) were asked for, when known.</param>
    /// <returns>An <see cref="EosLoadByExtentTask"/> or an <see cref="EosLoadByExtentTaskGroup"/>.</returns>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    public virtual ProviderTask GetTask(string taskId, EosLoadByExtentTaskInfo? info = null)
    {
        var ids = EosLoadByExtentTaskGroup.SplitId(taskId);
        if (ids.Count == 1)
        {
            return GetLoadByExtentTask(ids[0], info);
        }

        return new EosLoadByExtentTaskGroup(ids.Select(id => GetLoadByExtentTask(id, info)).ToArray(), TimeProvider);
    }
}
