using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// Entry point to Sentinel Hub (EU, US-West or Copernicus Data Space). Sub-clients for each API share one pipeline:
/// one token cache per (token URL, client id), one rate limiter per credential, 429 <c>Retry-After</c> read in milliseconds.
/// Thread-safe; create once and reuse.
/// </summary>
public class SentinelHubClient
{
    private readonly SentinelHubPipeline? _pipeline;
    private readonly Lazy<SentinelHubProcessClient>? _process;
    private readonly Lazy<SentinelHubCatalogClient>? _catalog;
    private readonly Lazy<SentinelHubBatchClient>? _batch;
    private readonly Lazy<SentinelHubStatisticalClient>? _statistical;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Deployment, credentials and behaviour.</param>
    /// <exception cref="ArgumentException">The options are incomplete or inconsistent (the message names the setting).</exception>
    public SentinelHubClient(SentinelHubClientOptions options)
        : this(options, null)
    {
    }

    /// <summary>Creates a client over a pre-built <see cref="HttpClient"/> (from <c>IHttpClientFactory</c>) whose handlers already authenticate.</summary>
    /// <param name="options">Options.</param>
    /// <param name="httpClient">The configured client, or null to build the standard pipeline.</param>
    public SentinelHubClient(SentinelHubClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _pipeline = new SentinelHubPipeline(options, httpClient);
        _process = new Lazy<SentinelHubProcessClient>(() => new SentinelHubProcessClient(_pipeline));
        _catalog = new Lazy<SentinelHubCatalogClient>(() => new SentinelHubCatalogClient(_pipeline));
        _batch = new Lazy<SentinelHubBatchClient>(() => new SentinelHubBatchClient(_pipeline));
        _statistical = new Lazy<SentinelHubStatisticalClient>(() => new SentinelHubStatisticalClient(_pipeline));
    }

    /// <summary>For mocking.</summary>
    protected SentinelHubClient()
    {
    }

    /// <summary>The options the client was built with.</summary>
    public virtual SentinelHubClientOptions Options => Pipeline.Options;

    /// <summary>The deployment the client talks to.</summary>
    public virtual SentinelHubDeployment Deployment => Pipeline.Options.Deployment;

    private SentinelHubPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Process API (synchronous rendering to files, large-area splitting) and Async Process API.</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubProcessClient GetProcessClient() => _process!.Value;

    /// <summary>Catalog API (STAC search, collections, items).</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubCatalogClient GetCatalogClient() => _catalog!.Value;

    /// <summary>Batch Process API v2.</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubBatchClient GetBatchClient() => _batch!.Value;

    /// <summary>Statistical API and Batch Statistical API.</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubStatisticalClient GetStatisticalClient() => _statistical!.Value;

    /// <summary>Estimates the processing units of a request with the documented formula (no network call).</summary>
    /// <param name="request">The request.</param>
    /// <param name="api">Process or AsyncProcess.</param>
    /// <param name="samples">Samples per pixel, when known (ORBIT/TILE mosaicking).</param>
    /// <returns>The estimate in PU.</returns>
    public virtual CostEstimate EstimateProcessingUnits(ProcessRequest request, SentinelHubApi api = SentinelHubApi.Process, int? samples = null) =>
        ProcessingUnitCalculator.ToCost(ProcessingUnitEstimator.Estimate(request, api, samples));

    /// <summary>
    /// The PU estimate of a unified request: Process (every tile when split) and Batch (minimum 100 PU); null for
    /// Catalog searches. No network call.
    /// </summary>
    /// <param name="request">A Sentinel Hub imagery request.</param>
    /// <returns>The estimate (unit <c>PU</c>) or null.</returns>
    public virtual CostEstimate? EstimateCost(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request switch
        {
            SentinelHubProcessImageryRequest p => GetProcessClient().EstimateProcessingUnits(p.Request, p.ToOptions()),
            SentinelHubBatchImageryRequest b => EstimateBatch(b.Request),
            SentinelHubCatalogImageryRequest => null,
            _ => throw new ArgumentException($"{request.GetType().Name} is not a Sentinel Hub request.", nameof(request)),
        };
    }

    /// <summary>
    /// Returns the finished task of a Process rendering: one POST-produced asset per output file (per grid tile when
    /// split). Nothing is sent: each file is rendered (and charged) when it is downloaded. The client's budget is checked first.
    /// </summary>
    /// <param name="request">The request (validated first).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A <see cref="CompletedProviderTask"/> whose id derives from the request's fingerprint.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid.</exception>
    /// <exception cref="BudgetExceededException">The estimate exceeds <see cref="SentinelHubClientOptions.Budget"/>.</exception>
    public virtual Task<ProviderTask> StartAsync(SentinelHubProcessImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        Options.Budget?.EnsureCostAllowed(GetProcessClient().EstimateProcessingUnits(request.Request, request.ToOptions()));
        return Task.FromResult(ProcessTask(request));
    }

    /// <summary>Creates and starts a Batch v2 task (the client's budget is checked before the start).</summary>
    /// <param name="request">The request (validated first).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running task.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid.</exception>
    /// <exception cref="BudgetExceededException">The estimate exceeds the budget; the task was created but not started.</exception>
    public virtual async Task<SentinelHubBatchTask> StartAsync(SentinelHubBatchImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        Options.Budget?.EnsureCostAllowed(EstimateBatch(request.Request));
        var task = await GetBatchClient().CreateAsync(request.Request, request.Outputs, cancellationToken).ConfigureAwait(false);
        await task.StartAsync(null, cancellationToken).ConfigureAwait(false);
        return task;
    }

    /// <summary>Runs a Catalog search and returns a finished task listing the items' downloadable assets.</summary>
    /// <param name="request">The request (validated first).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A <see cref="CompletedProviderTask"/> whose id derives from the request's fingerprint.</returns>
    public virtual async Task<ProviderTask> StartAsync(SentinelHubCatalogImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var assets = new List<ImageryAsset>();
        var items = 0;
        await foreach (var item in GetCatalogClient().SearchAsync(request.Search, cancellationToken).ConfigureAwait(false))
        {
            assets.AddRange(CatalogAssetConverter.ToAssets(item, request.S3Resolver));
            if (++items >= request.MaxItems)
            {
                break;
            }
        }

        return new CompletedProviderTask(ProviderNames.SentinelHub, TaskIdOf(request), assets, "catalog", timeProvider: Pipeline.Time);
    }

    /// <summary>Rebuilds the task of an earlier run: the same Process files or Catalog results, or the Batch task by id (started if it was left CREATED).</summary>
    /// <param name="request">The request the task was created for.</param>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">The id does not belong to a Process or Catalog request.</exception>
    public virtual async Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        if (request is SentinelHubBatchImageryRequest batch)
        {
            var task = await GetBatchClient().GetTaskAsync(taskId, batch.Outputs, cancellationToken).ConfigureAwait(false);
            if (task.ProviderStatus == "CREATED" && task.Value?.UserAction is null or "NONE")
            {
                // The earlier run was stopped between create and start: start it now, once.
                await task.StartAsync(null, cancellationToken).ConfigureAwait(false);
            }

            return task;
        }

        var expected = TaskIdOf(request);
        if (!string.Equals(taskId, expected, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The task id '{taskId}' does not belong to this {request.Kind} request (its id is '{expected}').", nameof(taskId));
        }

        return request switch
        {
            SentinelHubProcessImageryRequest p => ProcessTask(p),
            SentinelHubCatalogImageryRequest c => await StartAsync(c, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"{request.GetType().Name} is not a Sentinel Hub request.", nameof(request)),
        };
    }

    /// <summary>The id of a Process or Catalog task: the kind plus the first 32 characters of the request's fingerprint.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The id.</returns>
    public static string TaskIdOf(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind + "-" + request.GetFingerprint()[..32];
    }

    private ProviderTask ProcessTask(SentinelHubProcessImageryRequest request) =>
        new CompletedProviderTask(ProviderNames.SentinelHub, TaskIdOf(request), GetProcessClient().CreatePostAssets(request.Request, request.ToOptions()), "process", timeProvider: Pipeline.Time);

    private static CostEstimate EstimateBatch(BatchProcessRequest request)
    {
        var area = BoundsArea.SquareMetres(request.ProcessRequest?.Input?.Bounds);
        return ProcessingUnitCalculator.ToCost(area is { } a ? ProcessingUnitEstimator.EstimateBatch(request, a) : ProcessingUnitCalculator.Minimum(SentinelHubApi.Batch));
    }

    /// <inheritdoc />
    public override string ToString() => _pipeline is null ? "SentinelHubClient (mock)" : $"SentinelHubClient {Deployment}";
}
