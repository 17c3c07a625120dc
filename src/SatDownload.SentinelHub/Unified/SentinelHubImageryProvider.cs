namespace SatDownload.SentinelHub;

/// <summary>
/// Sentinel Hub for <see cref="SatDownloadClient"/>: Process renderings (<see cref="SentinelHubProcessImageryRequest"/>),
/// Batch v2 jobs (<see cref="SentinelHubBatchImageryRequest"/>) and Catalog search results
/// (<see cref="SentinelHubCatalogImageryRequest"/>).
/// </summary>
/// <remarks>
/// <see cref="EstimateCostAsync"/> prices Process and Batch requests in processing units with the documented formula
/// (no network call), so the client's budget refuses before any paid request; Catalog searches return null (a search
/// costs at most 1 PU and orders nothing). Process and Catalog tasks are finished at once and derive their ids from the
/// request's fingerprint; Batch tasks are the service's task ids, rehydrated (and started if a crash left them CREATED)
/// by <see cref="GetTaskAsync"/>.
/// </remarks>
public class SentinelHubImageryProvider : ImageryProvider
{
    private readonly Func<SentinelHubClient> _client = null!;

    /// <summary>Creates the provider over a client.</summary>
    /// <param name="client">The Sentinel Hub client.</param>
    public SentinelHubImageryProvider(SentinelHubClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = () => client;
    }

    /// <summary>Creates the provider over a client factory (DI).</summary>
    /// <param name="client">Returns the client to use.</param>
    public SentinelHubImageryProvider(Func<SentinelHubClient> client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>For mocking.</summary>
    protected SentinelHubImageryProvider()
    {
    }

    /// <inheritdoc />
    public override string Name => ProviderNames.SentinelHub;

    /// <summary>Batch processing takes minutes to hours: poll every 30 s at first, then up to every 2 minutes.</summary>
    public override TaskPollingOptions DefaultPolling { get; } = new() { InitialInterval = TimeSpan.FromSeconds(30), MaxInterval = TimeSpan.FromMinutes(2) };

    /// <summary>The client the calls go through.</summary>
    protected virtual SentinelHubClient Client => _client();

    /// <inheritdoc />
    public override bool CanHandle(ImageryRequest request) =>
        base.CanHandle(request) && request is SentinelHubProcessImageryRequest or SentinelHubBatchImageryRequest or SentinelHubCatalogImageryRequest;

    /// <summary>The PU estimate of a Process or Batch request (unit <c>PU</c>); null for Catalog searches. No network call.</summary>
    /// <param name="request">A validated Sentinel Hub request.</param>
    /// <param name="cancellationToken">Not used: nothing is sent.</param>
    /// <returns>The estimate, or null.</returns>
    public override Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        Ensure(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Client.EstimateCost(request));
    }

    /// <inheritdoc />
    public override async Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        Ensure(request);
        return request switch
        {
            SentinelHubProcessImageryRequest p => await Client.StartAsync(p, cancellationToken).ConfigureAwait(false),
            SentinelHubBatchImageryRequest b => await Client.StartAsync(b, cancellationToken).ConfigureAwait(false),
            _ => await Client.StartAsync((SentinelHubCatalogImageryRequest)request, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <inheritdoc />
    public override Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default)
    {
        Ensure(request);
        return Client.GetTaskAsync(request, taskId, cancellationToken);
    }

    private void Ensure(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CanHandle(request))
        {
            throw new ArgumentException(
                $"SentinelHubImageryProvider runs SentinelHubProcessImageryRequest, SentinelHubBatchImageryRequest and SentinelHubCatalogImageryRequest, not {request.GetType().Name}.",
                nameof(request));
        }
    }
}
