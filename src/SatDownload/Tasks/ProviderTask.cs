namespace SatDownload;

/// <summary>
/// A long-running provider job (an order, a tasking request, a batch process) in the style of the Azure SDK's
/// <c>Operation&lt;T&gt;</c>: created by a provider client, polled with <see cref="UpdateStatusAsync"/> or waited on with
/// <see cref="WaitForCompletionAsync"/>, cancelled where the provider allows it, and rehydrated later from its
/// <see cref="Id"/> (or <see cref="RehydrationToken"/>) through the provider client's <c>GetTask</c> method.
/// </summary>
/// <remarks>
/// Adapters implement <see cref="FetchStateAsync"/> and <see cref="GetAssetsAsync"/>; polling, backoff, deadlines, progress
/// and failure reporting live here once. All members are virtual so that users can mock a task.
/// </remarks>
public abstract class ProviderTask
{
    private readonly TimeProvider _timeProvider;
    private ProviderTaskState? _state;

    /// <summary>For mocking.</summary>
    protected ProviderTask()
    {
        Id = string.Empty;
        Provider = string.Empty;
        _timeProvider = TimeProvider.System;
    }

    /// <summary>Creates a task handle.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="id">The provider's task id.</param>
    /// <param name="timeProvider">The clock for polling delays and deadlines; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="initialState">The state already known (for example from the create response).</param>
    protected ProviderTask(string provider, string id, TimeProvider? timeProvider = null, ProviderTaskState? initialState = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Provider = provider;
        Id = id;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _state = initialState;
    }

    /// <summary>The provider's task id.</summary>
    public virtual string Id { get; }

    /// <summary>The provider name.</summary>
    public virtual string Provider { get; }

    /// <summary>The kind of task within the provider (for example <c>batch-process</c>), part of the rehydration token.</summary>
    public virtual string Kind => GetType().Name;

    /// <summary>The last observed unified status (<see cref="ProviderTaskStatus.Pending"/> before the first observation).</summary>
    public virtual ProviderTaskStatus Status => _state?.Status ?? ProviderTaskStatus.Pending;

    /// <summary>The provider's raw status string from the last observation.</summary>
    public virtual string? ProviderStatus => _state?.ProviderStatus;

    /// <summary>Progress from 0 to 100 when the provider reports it.</summary>
    public virtual double? PercentComplete => _state?.PercentComplete;

    /// <summary>The provider's message from the last observation (failure or stop reason).</summary>
    public virtual string? StatusMessage => _state?.Message;

    /// <summary>Whether some assets can already be downloaded.</summary>
    public virtual bool AssetsAvailable => _state is { } s && (s.AssetsAvailable || s.Status.HasOutput());

    /// <summary>Whether the task has reached a terminal status.</summary>
    public virtual bool HasCompleted => Status.IsTerminal();

    /// <summary>The last observed state, or null before the first poll.</summary>
    public virtual ProviderTaskState? LastState => _state;

    /// <summary>Whether the provider allows cancelling this task in its current state.</summary>
    public virtual bool CanCancel => false;

    /// <summary>A string that identifies this task for rehydration: <c>provider:kind:id</c>.</summary>
    public virtual string RehydrationToken => $"{Provider}:{Kind}:{Id}";

    /// <summary>The clock used for polling.</summary>
    protected TimeProvider TimeProvider => _timeProvider;

    /// <summary>Polls the provider once and updates <see cref="Status"/>. Once terminal, returns without calling the provider.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated unified status.</returns>
    public virtual async Task<ProviderTaskStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_state is { } s && s.Status.IsTerminal())
        {
            return s.Status;
        }

        var state = await FetchStateAsync(cancellationToken).ConfigureAwait(false);
        ApplyState(state);
        return state.Status;
    }

    /// <summary>
    /// Polls until the task is terminal (or, when asked, until assets are available), backing off between polls and
    /// honouring the provider's suggested delay. Delays run on the task's <see cref="System.TimeProvider"/>.
    /// </summary>
    /// <param name="polling">Polling intervals and deadline; defaults when null.</param>
    /// <param name="progress">Receives a report after each poll.</param>
    /// <param name="cancellationToken">Cancels waiting (not the task: use <see cref="CancelAsync"/> for that).</param>
    /// <returns>The final unified status.</returns>
    /// <exception cref="ProviderTaskFailedException">The task failed or was cancelled and <see cref="TaskPollingOptions.ThrowOnFailure"/> is set.</exception>
    /// <exception cref="ProviderTaskTimeoutException">The deadline passed first.</exception>
    public virtual async Task<ProviderTaskStatus> WaitForCompletionAsync(
        TaskPollingOptions? polling = null,
        IProgress<ProviderTaskProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        polling ??= DefaultPollingOptions;
        polling.Validate();
        var started = _timeProvider.GetTimestamp();
        var interval = polling.InitialInterval;

        while (true)
        {
            var status = await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            progress?.Report(new ProviderTaskProgress(Id, status, ProviderStatus, PercentComplete, elapsed));

            if (status.IsTerminal() || (polling.CompleteWhenAssetsAvailable && AssetsAvailable))
            {
                if (polling.ThrowOnFailure && status is ProviderTaskStatus.Failed or ProviderTaskStatus.Canceled)
                {
                    throw new ProviderTaskFailedException(Provider, Id, status, ProviderStatus, StatusMessage);
                }

                return status;
            }

            var delay = interval;
            if (_state?.SuggestedPollDelay is { } suggested && suggested > delay)
            {
                delay = suggested;
            }

            if (polling.Timeout is { } timeout)
            {
                var remaining = timeout - elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new ProviderTaskTimeoutException(
                        $"{Provider} task '{Id}' was still {status} (provider status '{ProviderStatus ?? "unknown"}') after {elapsed.TotalSeconds:0.#} s, past the {timeout.TotalSeconds:0.#} s deadline. The task keeps running; rehydrate it by id and wait again.");
                }

                if (delay > remaining)
                {
                    delay = remaining;
                }
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            var next = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * polling.BackoffMultiplier, polling.MaxInterval.Ticks));
            interval = next < polling.InitialInterval ? polling.InitialInterval : next;
        }
    }

    /// <summary>Asks the provider to cancel the task.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the provider accepted the cancellation.</returns>
    /// <exception cref="NotSupportedException">The provider does not allow cancelling this task.</exception>
    public virtual Task CancelAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Provider} does not allow cancelling a {Kind} (task '{Id}').");

    /// <summary>Lists the task's downloadable assets (paging through the provider's listing as needed).</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The assets.</returns>
    public abstract IAsyncEnumerable<ImageryAsset> GetAssetsAsync(CancellationToken cancellationToken = default);

    /// <summary>The polling defaults for this provider (respecting its rate limits).</summary>
    protected virtual TaskPollingOptions DefaultPollingOptions { get; } = new();

    /// <summary>Reads the task's current state from the provider.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state.</returns>
    protected abstract ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken);

    /// <summary>Records a state observed elsewhere (for example from a callback or a create response).</summary>
    /// <param name="state">The state.</param>
    protected void ApplyState(ProviderTaskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Provider} {Kind} '{Id}': {Status}{(ProviderStatus is null ? string.Empty : " (" + ProviderStatus + ")")}{(PercentComplete is { } p ? $" {p:0.#}%" : string.Empty)}";
}
