namespace SatDownload.Capella;

/// <summary>
/// Capella for <see cref="SatDownloadClient"/>: runs <see cref="CapellaChangeMapImageryRequest"/>s on a
/// <see cref="CapellaClient"/>. Orders are priced with <c>POST /orders/review</c> before the budget check and placed once;
/// an AOI's change maps need no order. Registered by <c>services.AddSatDownload().AddCapella(...)</c>.
/// </summary>
public class CapellaImageryProvider : ImageryProvider
{
    private readonly Func<CapellaClient>? _clientFactory;

    /// <summary>Creates the provider over a client.</summary>
    /// <param name="client">The Capella client (its credentials, endpoint, retries and clock are used).</param>
    public CapellaImageryProvider(CapellaClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _clientFactory = () => client;
    }

    /// <summary>
    /// Creates a provider that asks a factory for the client on each call (with DI: the IHttpClientFactory-managed
    /// <see cref="CapellaClient"/>, so a singleton provider does not pin one handler chain, and DNS changes are seen).
    /// </summary>
    /// <param name="clientFactory">Returns the Capella client.</param>
    public CapellaImageryProvider(Func<CapellaClient> clientFactory)
    {
        _clientFactory = clientFactory ?? throw new ArgumentNullException(nameof(clientFactory));
    }

    /// <summary>For mocking.</summary>
    protected CapellaImageryProvider()
    {
    }

    /// <inheritdoc />
    public override string Name => ProviderNames.Capella;

    /// <summary>The client's <see cref="CapellaClientOptions.OrderPolling"/> (every 10 s, backing off to 1 min, for at most 2 h).</summary>
    public override TaskPollingOptions DefaultPolling => _clientFactory is null ? base.DefaultPolling : Client.Options.OrderPolling;

    /// <summary>The client the provider uses for the next call.</summary>
    public virtual CapellaClient Client =>
        _clientFactory?.Invoke() ?? throw new InvalidOperationException("This CapellaImageryProvider has no client (created for mocking, or the factory returned null).");

    /// <inheritdoc />
    public override bool CanHandle(ImageryRequest request) => request is CapellaChangeMapImageryRequest && base.CanHandle(request);

    /// <inheritdoc />
    public override Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default) =>
        Client.EstimateCostAsync(Cast(request), cancellationToken);

    /// <inheritdoc />
    public override Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default) =>
        Client.StartAsync(Cast(request), cancellationToken);

    /// <inheritdoc />
    public override Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default) =>
        Client.GetTaskAsync(Cast(request), taskId, cancellationToken);

    private static CapellaChangeMapImageryRequest Cast(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request as CapellaChangeMapImageryRequest
            ?? throw new ArgumentException($"The Capella provider runs CapellaChangeMapImageryRequest, not {request.GetType().Name}.", nameof(request));
    }
}
