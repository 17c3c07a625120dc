namespace SatDownload.Capella;

/// <summary>
/// Capella for <see cref="SatDownloadClient"/>: runs <see cref="CapellaChangeMapImageryRequest"/>s on a
/// <see cref="CapellaClient"/>. Orders are priced with <c>POST /orders/review</c> before the budget check and placed once;
/// an AOI's change maps need no order. Registered by <c>services.AddSatDownload().AddCapella(...)</c>.
/// </summary>
public class CapellaImageryProvider : ImageryProvider
{
    private readonly CapellaClient _client;

    /// <summary>Creates the provider over a client.</summary>
    /// <param name="client">The Capella client (its credentials, endpoint, retries and clock are used).</param>
    public CapellaImageryProvider(CapellaClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>For mocking.</summary>
    protected CapellaImageryProvider()
    {
        _client = null!;
    }

    /// <inheritdoc />
    public override string Name => ProviderNames.Capella;

    /// <summary>The client's <see cref="CapellaClientOptions.OrderPolling"/> (every 10 s, backing off to 1 min, for at most 2 h).</summary>
    public override TaskPollingOptions DefaultPolling => _client?.Options.OrderPolling ?? base.DefaultPolling;

    /// <summary>The client the provider runs on.</summary>
    public virtual CapellaClient Client => _client;

    /// <inheritdoc />
    public override bool CanHandle(ImageryRequest request) => request is CapellaChangeMapImageryRequest && base.CanHandle(request);

    /// <inheritdoc />
    public override Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default) =>
        _client.EstimateCostAsync(Cast(request), cancellationToken);

    /// <inheritdoc />
    public override Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default) =>
        _client.StartAsync(Cast(request), cancellationToken);

    /// <inheritdoc />
    public override Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default) =>
        _client.GetTaskAsync(Cast(request), taskId, cancellationToken);

    private static CapellaChangeMapImageryRequest Cast(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request as CapellaChangeMapImageryRequest
            ?? throw new ArgumentException($"The Capella provider runs CapellaChangeMapImageryRequest, not {request.GetType().Name}.", nameof(request));
    }
}
