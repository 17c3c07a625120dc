using System.Globalization;
using System.Runtime.CompilerServices;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>Batch Process API v2 under <c>api/v2/batch/</c>: create, get, list, update description, analyse, start, stop, tiling grids.</summary>
public class SentinelHubBatchClient
{
    private const string Base = "api/v2/batch/";
    private readonly SentinelHubPipeline? _pipeline;

    internal SentinelHubBatchClient(SentinelHubPipeline pipeline) => _pipeline = pipeline;

    /// <summary>For mocking.</summary>
    protected SentinelHubBatchClient()
    {
    }

    private SentinelHubPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Creates a task (status CREATED). Nothing is processed or billed until <see cref="SentinelHubBatchTask.StartAsync"/>.</summary>
    /// <param name="request">The request (validated first).</param>
    /// <param name="storage">Bucket access to list and presign outputs later (optional).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task.</returns>
    public virtual Task<SentinelHubBatchTask> CreateAsync(BatchProcessRequest request, ISentinelHubObjectStorage? storage = null, CancellationToken cancellationToken = default) =>
        CreateAsync(request, SentinelHubBatchOutputOptions.FromStorage(storage, Pipeline.Time), cancellationToken);

    /// <summary>Creates a task (status CREATED) whose outputs are listed from the output path template and resolved as <paramref name="outputs"/> says.</summary>
    /// <param name="request">The request (validated first).</param>
    /// <param name="outputs">How outputs are resolved (an S3 presigner) and where tile names come from.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task.</returns>
    public virtual async Task<SentinelHubBatchTask> CreateAsync(BatchProcessRequest request, SentinelHubBatchOutputOptions outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        Validate(request);
        var task = await Pipeline.SendJsonAsync(HttpMethod.Post, Base + "process", SentinelHubPipeline.Json(request, SentinelHubJsonContext.Default.BatchProcessRequest), SentinelHubJsonContext.Default.BatchProcessTask, "batch create", cancellationToken).ConfigureAwait(false);
        task.Request ??= request;
        return new SentinelHubBatchTask(this, task, outputs, Pipeline.Time);
    }

    /// <summary>Rehydrates a task by id (fetches its current state).</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="storage">Bucket access for outputs.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task.</returns>
    public virtual Task<SentinelHubBatchTask> GetTaskAsync(string taskId, ISentinelHubObjectStorage? storage = null, CancellationToken cancellationToken = default) =>
        GetTaskAsync(taskId, SentinelHubBatchOutputOptions.FromStorage(storage, Pipeline.Time), cancellationToken);

    /// <summary>Rehydrates a task by id (fetches its current state).</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="outputs">How outputs are resolved.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task.</returns>
    public virtual async Task<SentinelHubBatchTask> GetTaskAsync(string taskId, SentinelHubBatchOutputOptions outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var raw = await GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        return new SentinelHubBatchTask(this, raw, outputs, Pipeline.Time);
    }

    /// <summary>Gets the raw task.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task object.</returns>
    public virtual Task<BatchProcessTask> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return Pipeline.SendJsonAsync(HttpMethod.Get, Base + "process/" + Uri.EscapeDataString(taskId), null, SentinelHubJsonContext.Default.BatchProcessTask, "batch get", cancellationToken);
    }

    /// <summary>Lists tasks, following <c>viewtoken</c> paging.</summary>
    /// <param name="sort"><c>created</c>, <c>created:desc</c>, <c>status</c> or <c>status:desc</c>.</param>
    /// <param name="pageSize">Page size.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>All tasks.</returns>
    public virtual IAsyncEnumerable<BatchProcessTask> ListAsync(string? sort = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        if (sort is not (null or "created" or "created:desc" or "status" or "status:desc"))
        {
            throw new ArgumentException("sort must be created, created:desc, status or status:desc.", nameof(sort));
        }

        return ViewPager.PagesAsync(Pipeline, Base + "process", sort, pageSize, SentinelHubJsonContext.Default.ViewPageBatchProcessTask, "batch list", cancellationToken);
    }

    /// <summary>Changes the description (the only field v2 lets you change; refused while processing).</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="description">The new description.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The updated task.</returns>
    public virtual Task<BatchProcessTask> UpdateDescriptionAsync(string taskId, string description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentNullException.ThrowIfNull(description);
        return Pipeline.SendJsonAsync(HttpMethod.Put, Base + "process/" + Uri.EscapeDataString(taskId), SentinelHubPipeline.Json(new BatchDescriptionUpdate { Description = description }, SentinelHubJsonContext.Default.BatchDescriptionUpdate), SentinelHubJsonContext.Default.BatchProcessTask, "batch update", cancellationToken);
    }

    /// <summary>Starts analysis (CREATED → ANALYSING → ANALYSIS_DONE).</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual Task AnalyseAsync(string taskId, CancellationToken cancellationToken = default) => Action(taskId, "analyse", cancellationToken);

    /// <summary>Starts processing without a budget check; prefer <see cref="SentinelHubBatchTask.StartAsync"/>.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual Task StartAsync(string taskId, CancellationToken cancellationToken = default) => Action(taskId, "start", cancellationToken);

    /// <summary>Stops a task (ANALYSING, ANALYSIS_DONE or PROCESSING → STOPPED). It may not be restarted for 30 minutes.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual Task StopAsync(string taskId, CancellationToken cancellationToken = default) => Action(taskId, "stop", cancellationToken);

    /// <summary>Lists tiling grids.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The grids.</returns>
    public virtual IAsyncEnumerable<TilingGrid> GetTilingGridsAsync(CancellationToken cancellationToken = default) =>
        ViewPager.PagesAsync(Pipeline, Base + "tilinggrids", null, null, SentinelHubJsonContext.Default.ViewPageTilingGrid, "tiling grids", cancellationToken);

    /// <summary>Gets one tiling grid.</summary>
    /// <param name="gridId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The grid.</returns>
    public virtual Task<TilingGrid> GetTilingGridAsync(int gridId, CancellationToken cancellationToken = default) =>
        Pipeline.SendJsonAsync(HttpMethod.Get, Base + "tilinggrids/" + gridId.ToString(CultureInfo.InvariantCulture), null, SentinelHubJsonContext.Default.TilingGrid, "tiling grid", cancellationToken);

    internal DownloadBudget? Budget => Pipeline.Options.Budget;

    private Task Action(string taskId, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return Pipeline.SendNoContentAsync(HttpMethod.Post, Base + "process/" + Uri.EscapeDataString(taskId) + "/" + action, "batch " + action, cancellationToken);
    }

    internal static void Validate(BatchProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pr = request.ProcessRequest ?? throw new ArgumentException("BatchProcessRequest.ProcessRequest is required.", nameof(request));
        if (pr.Input?.Data is not { Count: > 0 })
        {
            throw new ArgumentException("BatchProcessRequest.ProcessRequest.Input.Data needs at least one data collection.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(pr.Evalscript) && pr.EvalscriptReference is null)
        {
            throw new ArgumentException("BatchProcessRequest.ProcessRequest.Evalscript is required.", nameof(request));
        }

        if (pr.Output?.Width is > 0 || pr.Output?.Height is > 0)
        {
            throw new ArgumentException("BatchProcessRequest.ProcessRequest.Output must not set width/height: the tiling grid and resolution size Batch tiles. Remove them.", nameof(request));
        }

        var responses = pr.Output?.Responses ?? [];
        foreach (var r in responses)
        {
            if (r.Format?.Type is { } t && t is not (SentinelHubFormats.Tiff or SentinelHubFormats.Json or SentinelHubFormats.ZarrArray))
            {
                throw new ArgumentException($"Batch output '{r.Identifier}' has format {t}; Batch v2 writes image/tiff, application/json or zarr/array only.", nameof(request));
            }
        }

        var input = request.Input ?? throw new ArgumentException("BatchProcessRequest.Input is required (tiling-grid or geopackage).", nameof(request));
        if (input.Type == BatchProcessInput.TilingGridType)
        {
            if (input.Id is null || input.Resolution is not > 0)
            {
                throw new ArgumentException("A tiling-grid input needs Id (0, 1, 2, 3, 6, 7 ...) and a positive Resolution the grid offers.", nameof(request));
            }

            if (pr.Input.Bounds is null)
            {
                throw new ArgumentException("A tiling-grid Batch request needs ProcessRequest.Input.Bounds (only GeoPackage input may omit it).", nameof(request));
            }
        }
        else if (input.Type == BatchProcessInput.GeoPackageType)
        {
            if (input.Features?.S3?.Url is null)
            {
                throw new ArgumentException("A geopackage input needs Features.S3.Url pointing at the .gpkg file.", nameof(request));
            }
        }
        else
        {
            throw new ArgumentException($"BatchProcessRequest.Input.Type must be '{BatchProcessInput.TilingGridType}' or '{BatchProcessInput.GeoPackageType}'.", nameof(request));
        }

        var output = request.Output ?? throw new ArgumentException("BatchProcessRequest.Output is required.", nameof(request));
        var url = output.Delivery?.S3?.Url ?? throw new ArgumentException("BatchProcessRequest.Output.Delivery.S3.Url is required (an s3:// bucket path or template).", nameof(request));
        S3Path.Parse(url.Split('<')[0] is { Length: > 5 } head ? head : url, "BatchProcessRequest.Output.Delivery.S3.Url");
        if (output.Type == BatchProcessOutput.RasterType && url.Contains('<', StringComparison.Ordinal))
        {
            if (!url.Contains("<tileName>", StringComparison.Ordinal))
            {
                throw new ArgumentException("The raster output path template must contain <tileName>.", nameof(request));
            }

            if (responses.Count > 1 && !url.Contains("<outputId>", StringComparison.Ordinal))
            {
                throw new ArgumentException("With several outputs the path template must contain <outputId>.", nameof(request));
            }
        }
        else if (output.Type is not (BatchProcessOutput.RasterType or BatchProcessOutput.ZarrType))
        {
            throw new ArgumentException("BatchProcessRequest.Output.Type must be 'raster' or 'zarr'.", nameof(request));
        }

        Redactor.RegisterSecret(output.Delivery?.S3?.SecretAccessKey);
        Redactor.RegisterSecret(input.Features?.S3?.SecretAccessKey);
    }
}
