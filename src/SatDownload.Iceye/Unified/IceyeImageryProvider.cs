using SatDownload.Iceye.Validation;

namespace SatDownload.Iceye.Unified;

/// <summary>
/// ICEYE tasking for <see cref="SatDownloadClient"/>: <see cref="IceyeTaskImageryRequest"/> creates a task (or names an
/// existing one), the client waits for it to be DONE (or FULFILLED, with
/// <see cref="IceyeTaskImageryRequest.DownloadWhenFulfilled"/>) and downloads its products.
/// </summary>
/// <remarks>
/// <para>ICEYE's Tasking API has no price or quote call (what a task costs follows from the contract), so
/// <see cref="EstimateCostAsync"/> returns null; with <see cref="SatDownloadClientOptions.RequireCostEstimate"/> a cost
/// budget therefore refuses ICEYE requests before anything is ordered.</para>
/// <para><see cref="GetTaskAsync"/> reads the task by id (<c>GET /api/tasking/v2/tasks/{id}</c>): a task ICEYE no longer
/// knows surfaces as a 404 and the client reports it instead of tasking again.</para>
/// </remarks>
public class IceyeImageryProvider : ImageryProvider
{
    private readonly Func<IceyeClient> _clientFactory;

    /// <summary>Creates a provider over one client.</summary>
    /// <param name="client">The ICEYE client.</param>
    public IceyeImageryProvider(IceyeClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _clientFactory = () => client;
    }

    /// <summary>
    /// Creates a provider that asks a factory for the client on each call (with DI: the IHttpClientFactory-managed
    /// <see cref="IceyeClient"/>, so a singleton provider does not pin one handler chain).
    /// </summary>
    /// <param name="clientFactory">Returns the ICEYE client.</param>
    public IceyeImageryProvider(Func<IceyeClient> clientFactory)
    {
        _clientFactory = clientFactory ?? throw new ArgumentNullException(nameof(clientFactory));
    }

    /// <summary>For mocking.</summary>
    protected IceyeImageryProvider()
    {
        _clientFactory = static () => throw new InvalidOperationException("This IceyeImageryProvider was created for mocking.");
    }

    /// <inheritdoc />
    public override string Name => ProviderNames.Iceye;

    /// <summary>The client's polling settings (<see cref="IceyeClientOptions.Polling"/>): tasks take hours, so polls are spaced out.</summary>
    public override TaskPollingOptions DefaultPolling => Client.PollingOptions;

    /// <summary>The client the provider uses for the next call.</summary>
    protected virtual IceyeClient Client => _clientFactory() ?? throw new InvalidOperationException("The IceyeClient factory returned null.");

    /// <inheritdoc />
    public override bool CanHandle(ImageryRequest request) => request is IceyeTaskImageryRequest && base.CanHandle(request);

    /// <summary>
    /// ICEYE has no price or quote API: returns null. It does check, without any network call, that a new task's
    /// acquisition window still lies ahead (the clock-dependent rules <see cref="IceyeTaskImageryRequest.Validate"/> leaves out),
    /// so a stale window is refused before the client records an order attempt.
    /// </summary>
    /// <param name="request">An <see cref="IceyeTaskImageryRequest"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Null.</returns>
    /// <exception cref="ImageryRequestValidationException">The window ended already or ends more than 14 days ahead.</exception>
    public override Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        var iceye = Require(request);
        if (iceye.TaskRequest is { } task)
        {
            var problems = IceyeTaskRequestValidator.GetProblems(task, Client.Clock.GetUtcNow());
            if (problems.Count > 0)
            {
                throw new ImageryRequestValidationException("IceyeTaskImageryRequest.TaskRequest", "is invalid; nothing was sent. " + string.Join(" ", problems));
            }
        }

        return Task.FromResult<CostEstimate?>(null);
    }

    /// <summary>Creates the task (or, for <see cref="IceyeTaskImageryRequest.TaskId"/>, reads the existing one: nothing is ordered).</summary>
    /// <param name="request">An <see cref="IceyeTaskImageryRequest"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The <see cref="Tasks.IceyeTask"/>.</returns>
    /// <exception cref="ProviderRequestException">ICEYE refused the request.</exception>
    public override async Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default) =>
        await Client.StartAsync(Require(request), cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the task by id (<c>GET /api/tasking/v2/tasks/{id}</c>); orders nothing.</summary>
    /// <param name="request">The request the task was created for.</param>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task with its current state.</returns>
    /// <exception cref="ProviderRequestException">ICEYE does not know the task (404) or refused the call.</exception>
    public override async Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default)
    {
        var iceye = Require(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return await Client.ResumeAsync(iceye, taskId, cancellationToken).ConfigureAwait(false);
    }

    private static IceyeTaskImageryRequest Require(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request as IceyeTaskImageryRequest
            ?? throw new ArgumentException($"The ICEYE provider runs IceyeTaskImageryRequest, not {request.GetType().Name}.", nameof(request));
    }
}
