namespace SatDownload;

/// <summary>
/// One provider plugged into <see cref="SatDownloadClient"/>: it turns an <see cref="ImageryRequest"/> into a
/// <see cref="ProviderTask"/> (an order, a tasking request, a batch job, or an already-finished synchronous result)
/// whose assets the client then filters, downloads through the shared <see cref="AssetDownloader"/>, journals and
/// catalogues. Adapters derive from this class and register it as a singleton <see cref="ImageryProvider"/>
/// (<c>services.AddSingleton&lt;ImageryProvider, IceyeImageryProvider&gt;()</c>).
/// </summary>
/// <remarks>
/// <para>Contract for implementers:</para>
/// <list type="bullet">
/// <item><description><see cref="StartTaskAsync"/> is the only member that may spend money. The client calls it at most once per
/// request fingerprint and destination, after the budget check, and records the returned <see cref="ProviderTask.Id"/>
/// at once.</description></item>
/// <item><description><see cref="GetTaskAsync"/> must rebuild the task from that id alone (plus the request) in another process,
/// possibly days later, without ordering anything.</description></item>
/// <item><description>Synchronous flows (the file is produced by the download request itself) return a
/// <see cref="CompletedProviderTask"/> whose id is stable for the request (for example its fingerprint), and rebuild the same
/// task in <see cref="GetTaskAsync"/>.</description></item>
/// <item><description>Assets carry a resolver or an http(s) href; adapters never download bytes themselves.</description></item>
/// </list>
/// Instances are shared and must be thread-safe.
/// </remarks>
public abstract class ImageryProvider
{
    /// <summary>For subtypes and mocking.</summary>
    protected ImageryProvider()
    {
    }

    /// <summary>The provider name, one of <see cref="ProviderNames"/>; matched against <see cref="ImageryRequest.Provider"/>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Polling settings that respect this provider's rate limits and typical task durations. The client uses them unless
    /// <see cref="SatDownloadClientOptions"/> overrides polling.
    /// </summary>
    public virtual TaskPollingOptions DefaultPolling { get; } = new();

    /// <summary>
    /// Whether this provider serves <paramref name="request"/>. The default accepts requests whose
    /// <see cref="ImageryRequest.Provider"/> equals <see cref="Name"/> (case-insensitive); override to also check the
    /// request type.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>True when <see cref="StartTaskAsync"/> can run it.</returns>
    public virtual bool CanHandle(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Provider, Name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Estimates what <see cref="StartTaskAsync"/> would cost, without ordering anything; null when the provider cannot
    /// say (the default). The client compares the estimate with <see cref="DownloadBudget.MaxCost"/> before ordering.
    /// </summary>
    /// <param name="request">A validated request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The estimate, or null.</returns>
    public virtual Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<CostEstimate?>(null);

    /// <summary>
    /// Creates the provider-side task for <paramref name="request"/> (places the order, submits the tasking or batch
    /// request) and returns it without waiting for it; or, for synchronous flows, returns a
    /// <see cref="CompletedProviderTask"/> listing the assets.
    /// </summary>
    /// <param name="request">A validated request that <see cref="CanHandle"/> accepted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task; its <see cref="ProviderTask.Id"/> must be enough for <see cref="GetTaskAsync"/>.</returns>
    /// <exception cref="ProviderRequestException">The provider refused the request.</exception>
    public abstract Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Rebuilds a task created earlier (possibly by another process) from its id, without ordering anything.</summary>
    /// <param name="request">The request the task was created for.</param>
    /// <param name="taskId">The <see cref="ProviderTask.Id"/> that <see cref="StartTaskAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task, with its current state when the provider returns one.</returns>
    /// <exception cref="ProviderRequestException">The provider does not know the task (for example a 404).</exception>
    public abstract Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finishes one file the shared downloader delivered, the way this provider's own client does after its downloads: for
    /// example extracting an archive (<see cref="DownloadResult.ExtractedFiles"/>) or settling the attribution notice from
    /// the file and writing it next to it (<see cref="DownloadResult.Attribution"/>, <see cref="DownloadResult.AttributionFilePath"/>).
    /// The default returns <paramref name="result"/> unchanged.
    /// </summary>
    /// <remarks>
    /// <para><see cref="SatDownloadClient"/> calls it once per succeeded result of a run, after the downloader and before it
    /// writes the journal and the STAC catalog, so both record what this method returns. That includes files the journal
    /// found complete from an earlier run (<see cref="DownloadResult.Skipped"/>): the method must be idempotent. A second
    /// call for the same file must neither redo expensive work nor fail because its output (a folder, a text file) already
    /// exists, and must return the same findings.</para>
    /// <para>Return a copy (<c>result with { ... }</c>) for the same asset. To fail the file, throw: the client turns the
    /// exception into a failed result for that file only (<see cref="DownloadResult.Succeeded"/> false,
    /// <see cref="DownloadResult.Exception"/> set, the downloaded file kept on disk), logs it and keeps the other results.
    /// An <see cref="OperationCanceledException"/> for <paramref name="cancellationToken"/> cancels the run instead.</para>
    /// <para>Calls for the files of one run are sequential; the same instance serves concurrent runs, so keep no per-run state in fields.</para>
    /// </remarks>
    /// <param name="result">A succeeded result; its <see cref="DownloadResult.FilePath"/> exists.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The result to report, journal and catalogue.</returns>
    public virtual Task<DownloadResult> ProcessDownloadedFileAsync(DownloadResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public override string ToString() => $"ImageryProvider({Name})";
}
