namespace SatDownload.Capella;

/// <summary>
/// A Capella order as a <see cref="ProviderTask"/>: polled through <c>GET /orders/{orderId}</c>; its assets come from
/// <c>GET /orders/{orderId}/download</c> with resolvers that re-sign expired hrefs. Orders cannot be cancelled.
/// </summary>
public class CapellaOrderTask : ProviderTask
{
    /// <summary>The task kind in rehydration tokens.</summary>
    public const string TaskKind = "order";

    private readonly CapellaClient _client;

    internal CapellaOrderTask(CapellaClient client, string orderId, ProviderTaskState? initialState)
        : base(ProviderNames.Capella, orderId, client.Options.TimeProvider, initialState)
    {
        _client = client;
    }

    /// <summary>For mocking.</summary>
    protected CapellaOrderTask()
    {
        _client = null!;
    }

    /// <inheritdoc />
    public override string Kind => TaskKind;

    /// <inheritdoc />
    protected override TaskPollingOptions DefaultPollingOptions => _client?.Options.OrderPolling ?? base.DefaultPollingOptions;

    /// <summary>Filter applied by <see cref="GetAssetsAsync"/>; all downloadable files when null.</summary>
    public virtual CapellaAssetFilter? AssetFilter { get; init; }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var assets = await _client.GetOrderAssetsAsync(Id, AssetFilter, cancellationToken).ConfigureAwait(false);
        foreach (var asset in assets)
        {
            yield return asset;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
    {
        var order = await _client.GetOrderAsync(Id, cancellationToken).ConfigureAwait(false);
        return CapellaOrderStatusMapper.ToState(order, TimeProvider.GetUtcNow());
    }
}
