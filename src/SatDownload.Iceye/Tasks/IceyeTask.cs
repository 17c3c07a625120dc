using System.Runtime.CompilerServices;
using SatDownload.Iceye.Assets;
using SatDownload.Iceye.Errors;
using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Tasks;

/// <summary>
/// An ICEYE tasking task as a <see cref="ProviderTask"/>: RECEIVED → ACTIVE → FULFILLED → DONE, or REJECTED, FAILED,
/// CANCELED. FULFILLED is Running with <see cref="ProviderTask.AssetsAvailable"/> true: the SLA products can be
/// downloaded then, and the rest once DONE (see <see cref="IceyeStatusMapping"/>).
/// Rehydrate it from its id with <see cref="IceyeClient.GetTask(string)"/>.
/// </summary>
public class IceyeTask : ProviderTask
{
    /// <summary>The task kind used in rehydration tokens (<c>iceye:tasking:&lt;id&gt;</c>).</summary>
    public const string TaskKind = "tasking";

    private readonly IceyeClient _client;
    private readonly bool _completeWhenFulfilled;
    private IceyeTaskInfo? _info;

    /// <summary>For mocking.</summary>
    protected IceyeTask()
    {
        _client = null!;
    }

    internal IceyeTask(IceyeClient client, IceyeTaskInfo info, TimeProvider timeProvider, bool completeWhenFulfilled = false)
        : base(ProviderNames.Iceye, info.Id, timeProvider, ToState(info, completeWhenFulfilled))
    {
        _client = client;
        _info = info;
        _completeWhenFulfilled = completeWhenFulfilled;
    }

    internal IceyeTask(IceyeClient client, string id, TimeProvider timeProvider)
        : base(ProviderNames.Iceye, id, timeProvider)
    {
        _client = client;
    }

    /// <inheritdoc />
    public override string Kind => TaskKind;

    /// <summary>The task as ICEYE last returned it; null before the first observation of a rehydrated task.</summary>
    public virtual IceyeTaskInfo? Info => Volatile.Read(ref _info);

    /// <summary>ICEYE's raw status from the last observation.</summary>
    public virtual IceyeTaskStatus? IceyeStatus => Info?.Status;

    /// <summary>Whether ICEYE allows cancelling now: RECEIVED or ACTIVE (or not observed yet).</summary>
    public override bool CanCancel => Info is not { } info || IceyeStatusMapping.IsCancelable(info.Status);

    /// <inheritdoc />
    protected override TaskPollingOptions DefaultPollingOptions => _client.PollingOptions;

    /// <summary>
    /// Cancels the task. Refused locally, with no request, when the last known status is past ACTIVE.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when ICEYE accepted the cancellation.</returns>
    /// <exception cref="IceyeTaskNotCancelableException">The task is FULFILLED, DONE or already terminal.</exception>
    public override async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        if (Info is { } known && !IceyeStatusMapping.IsCancelable(known.Status))
        {
            throw new IceyeTaskNotCancelableException(Id, known.Status);
        }

        var info = await _client.CancelTaskAsync(Id, cancellationToken).ConfigureAwait(false);
        Observe(info);
    }

    /// <summary>Lists every downloadable file of the task (SLA products in FULFILLED, all in DONE; nothing before).</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The assets.</returns>
    public override IAsyncEnumerable<ImageryAsset> GetAssetsAsync(CancellationToken cancellationToken = default) =>
        GetAssetsAsync(filter: null, cancellationToken);

    /// <summary>Lists the task's downloadable files that pass a filter.</summary>
    /// <param name="filter">Which files to keep (product types, keys, roles, media types, products to skip).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The assets.</returns>
    public virtual async IAsyncEnumerable<ImageryAsset> GetAssetsAsync(IceyeAssetFilter? filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var asset in _client.GetAssetsAsync(Id, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return asset;
        }
    }

    /// <summary>Lists the task's products (typed "not ready" before FULFILLED).</summary>
    /// <param name="productType">One product type, or null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The listing.</returns>
    public virtual Task<IceyeProductListing> GetProductsAsync(IceyeProductType? productType = null, CancellationToken cancellationToken = default) =>
        _client.GetProductsAsync(Id, productType, cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
    {
        var info = await _client.GetTaskInfoAsync(Id, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _info, info);
        return ToState(info, _completeWhenFulfilled);
    }

    /// <summary>
    /// The unified state; with <paramref name="completeWhenFulfilled"/> FULFILLED counts as
    /// <see cref="ProviderTaskStatus.PartiallySucceeded"/> (the SLA products are ready, the others follow when DONE), so a
    /// wait ends there (<see cref="Unified.IceyeTaskImageryRequest.DownloadWhenFulfilled"/>).
    /// </summary>
    private static ProviderTaskState ToState(IceyeTaskInfo info, bool completeWhenFulfilled)
    {
        var state = IceyeStatusMapping.ToState(info);
        return completeWhenFulfilled && info.Status == IceyeTaskStatus.Fulfilled
            ? new ProviderTaskState
            {
                Status = ProviderTaskStatus.PartiallySucceeded,
                ProviderStatus = state.ProviderStatus,
                PercentComplete = state.PercentComplete,
                AssetsAvailable = state.AssetsAvailable,
                SuggestedPollDelay = state.SuggestedPollDelay,
                Properties = state.Properties,
                Message = "Acquired: the SLA products are downloaded now; the other requested products follow when the task is DONE (run the same request again then).",
            }
            : state;
    }

    private void Observe(IceyeTaskInfo info)
    {
        Volatile.Write(ref _info, info);
        ApplyState(ToState(info, _completeWhenFulfilled));
    }
}
