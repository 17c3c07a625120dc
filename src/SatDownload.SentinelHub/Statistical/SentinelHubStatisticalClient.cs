using System.Text.Json;
using System.Text.RegularExpressions;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>Statistical API (<c>api/v1/statistics</c>) and Batch Statistical API (<c>api/v1/statistics/batch</c>, EU only).</summary>
public partial class SentinelHubStatisticalClient
{
    private const string StatisticsPath = "api/v1/statistics";
    private const string BatchPath = "api/v1/statistics/batch";
    private readonly SentinelHubPipeline? _pipeline;

    internal SentinelHubStatisticalClient(SentinelHubPipeline pipeline) => _pipeline = pipeline;

    /// <summary>For mocking.</summary>
    protected SentinelHubStatisticalClient()
    {
    }

    private SentinelHubPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>
    /// Computes statistics. Intervals that come back with <c>EXECUTION_ERROR</c> or <c>TIMEOUT</c> are re-requested one
    /// interval at a time (as sentinelhub-py does) up to <see cref="SentinelHubClientOptions.StatisticalIntervalRetries"/>
    /// times, and the answers replace the failed entries; <see cref="StatisticalResponse.Status"/> is recomputed.
    /// </summary>
    /// <param name="request">The request (validated first).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The response.</returns>
    public virtual async Task<StatisticalResponse> GetStatisticsAsync(StatisticalRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < Pipeline.Options.StatisticalIntervalRetries; round++)
        {
            var failed = response.Data.Where(d => d.Error?.IsRetryable == true && d.Interval?.From is not null && d.Interval.To is not null).ToList();
            if (failed.Count == 0)
            {
                break;
            }

            foreach (var interval in failed)
            {
                var single = Clone(request);
                single.Aggregation.TimeRange = new TimeRange { From = interval.Interval!.From, To = interval.Interval.To };

                // The single interval is the whole range, so a short one must not be skipped.
                single.Aggregation.AggregationInterval ??= new AggregationInterval();
                single.Aggregation.AggregationInterval.LastIntervalBehavior = "SHORTEN";
                var retry = await SendAsync(single, cancellationToken).ConfigureAwait(false);
                var replacement = retry.Data.FirstOrDefault();
                if (replacement is not null)
                {
                    response.Data[response.Data.IndexOf(interval)] = replacement;
                }
            }
        }

        var errors = response.Data.Count(d => d.Error is not null);
        response.Status = errors == 0 ? "OK" : errors == response.Data.Count ? "FAILED" : "PARTIAL";
        return response;
    }

    /// <summary>Creates a Batch Statistical task (status CREATED).</summary>
    /// <param name="request">The request.</param>
    /// <param name="storage">Bucket access for the per-feature JSON results.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task.</returns>
    public virtual async Task<SentinelHubBatchStatisticalTask> CreateBatchAsync(BatchStatisticalRequest request, ISentinelHubObjectStorage? storage = null, CancellationToken cancellationToken = default)
    {
        ValidateBatch(request);
        var task = await Pipeline.SendJsonAsync(HttpMethod.Post, BatchPath, SentinelHubPipeline.Json(request, SentinelHubJsonContext.Default.BatchStatisticalRequest), SentinelHubJsonContext.Default.BatchStatisticalTask, "batch statistical create", cancellationToken).ConfigureAwait(false);
        task.Request ??= request;
        return new SentinelHubBatchStatisticalTask(this, task, storage, Pipeline.Time);
    }

    /// <summary>Rehydrates a Batch Statistical task.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="storage">Bucket access.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task.</returns>
    public virtual async Task<SentinelHubBatchStatisticalTask> GetBatchTaskAsync(string taskId, ISentinelHubObjectStorage? storage = null, CancellationToken cancellationToken = default) =>
        new(this, await GetBatchAsync(taskId, cancellationToken).ConfigureAwait(false), storage, Pipeline.Time);

    /// <summary>Gets a Batch Statistical task.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task object.</returns>
    public virtual Task<BatchStatisticalTask> GetBatchAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return Pipeline.SendJsonAsync(HttpMethod.Get, BatchPath + "/" + Uri.EscapeDataString(taskId), null, SentinelHubJsonContext.Default.BatchStatisticalTask, "batch statistical get", cancellationToken);
    }

    /// <summary>Gets the status DTO of a Batch Statistical task.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status (a subset of the task).</returns>
    public virtual Task<BatchStatisticalTask> GetBatchStatusAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return Pipeline.SendJsonAsync(HttpMethod.Get, BatchPath + "/" + Uri.EscapeDataString(taskId) + "/status", null, SentinelHubJsonContext.Default.BatchStatisticalTask, "batch statistical status", cancellationToken);
    }

    /// <summary>Lists Batch Statistical tasks (viewtoken paging).</summary>
    /// <param name="sort">Sort field.</param>
    /// <param name="pageSize">Page size.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>All tasks.</returns>
    public virtual IAsyncEnumerable<BatchStatisticalTask> ListBatchAsync(string? sort = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ViewPager.PagesAsync(Pipeline, BatchPath, sort, pageSize, SentinelHubJsonContext.Default.ViewPageBatchStatisticalTask, "batch statistical list", cancellationToken);

    /// <summary>Starts analysis.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual Task AnalyseBatchAsync(string taskId, CancellationToken cancellationToken = default) => Action(taskId, "analyse", cancellationToken);

    /// <summary>Starts processing.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual Task StartBatchAsync(string taskId, CancellationToken cancellationToken = default) => Action(taskId, "start", cancellationToken);

    /// <summary>Stops processing.</summary>
    /// <param name="taskId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual Task StopBatchAsync(string taskId, CancellationToken cancellationToken = default) => Action(taskId, "stop", cancellationToken);

    internal DownloadBudget? Budget => Pipeline.Options.Budget;

    /// <summary>Validates a Statistical request.</summary>
    /// <param name="request">The request.</param>
    public static void Validate(StatisticalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ProcessRequestValidator.ValidateInput(request.Input, nameof(request), requireBounds: true);
        ValidateAggregation(request.Aggregation, nameof(request), requireEvalscript: true);
        KnownBands.Validate(request.Aggregation.Evalscript, request.Input.Data.Select(d => d.Type), nameof(request));
        ValidateCalculations(request.Calculations, nameof(request));
    }

    internal static void ValidateBatch(BatchStatisticalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Input?.Features?.S3?.Url is not { } url || !url.StartsWith("s3://", StringComparison.Ordinal) || !url.EndsWith(".gpkg", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("BatchStatisticalRequest.Input.Features.S3.Url must be the s3:// URL of a GeoPackage (.gpkg) with the polygons.", nameof(request));
        }

        ProcessRequestValidator.ValidateInput(new ProcessInput { Data = request.Input.Data }, nameof(request), requireBounds: false);
        ValidateAggregation(request.Aggregation, nameof(request), requireEvalscript: request.Aggregation?.EvalscriptReference is null);
        if (request.Aggregation!.Evalscript is { } script && System.Text.Encoding.UTF8.GetByteCount(script) > 32 * 1024)
        {
            throw new ArgumentException("Batch Statistical inline evalscripts are limited to 32 KB; use Aggregation.EvalscriptReference.", nameof(request));
        }

        ValidateCalculations(request.Calculations, nameof(request));
        if (request.Output?.S3?.Url is not { } output || !output.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new ArgumentException("BatchStatisticalRequest.Output.S3.Url is required (s3://bucket/prefix; templates may use <REQUEST_ID>, <ID>, <IDENTIFIER>).", nameof(request));
        }

        if (output.Contains('<', StringComparison.Ordinal) && !output.Contains("<ID>", StringComparison.Ordinal) && !output.Contains("<IDENTIFIER>", StringComparison.Ordinal))
        {
            throw new ArgumentException("The Batch Statistical output template must contain <ID> or <IDENTIFIER>.", nameof(request));
        }

        Redactor.RegisterSecret(request.Output.S3.SecretAccessKey);
        Redactor.RegisterSecret(request.Input.Features.S3.SecretAccessKey);
    }

    private static void ValidateAggregation(StatisticalAggregation? a, string param, bool requireEvalscript)
    {
        if (a is null)
        {
            throw new ArgumentException("aggregation is required (timeRange, aggregationInterval, size, evalscript).", param);
        }

        if (a.TimeRange?.From is not { } from || a.TimeRange.To is not { } to)
        {
            throw new ArgumentException("aggregation.timeRange.from and .to are required.", param);
        }

        if (from >= to)
        {
            throw new ArgumentException("aggregation.timeRange.from must be before .to.", param);
        }

        if (a.AggregationInterval?.Of is not { } of || !DurationPattern().IsMatch(of))
        {
            throw new ArgumentException("aggregation.aggregationInterval.of must be an ISO-8601 duration of at least one day, e.g. P1D, P10D, P1W, P1M.", param);
        }

        if (DurationPattern().Match(of).Groups[1].Value == "0")
        {
            throw new ArgumentException("aggregation.aggregationInterval.of must be at least one day.", param);
        }

        if (a.AggregationInterval.LastIntervalBehavior is { } lib && lib is not ("SKIP" or "SHORTEN" or "EXTEND"))
        {
            throw new ArgumentException("aggregation.aggregationInterval.lastIntervalBehavior must be SKIP, SHORTEN or EXTEND.", param);
        }

        var hasSize = a.Width is > 0 || a.Height is > 0;
        var hasRes = a.ResX is > 0 || a.ResY is > 0;
        if (hasSize && hasRes)
        {
            throw new ArgumentException("aggregation: set width/height or resx/resy, not both.", param);
        }

        if (a.Width is > SentinelHubClientOptions.ProcessMaxPixels || a.Height is > SentinelHubClientOptions.ProcessMaxPixels)
        {
            throw new ArgumentException("aggregation.width/height must not exceed 2500; use resx/resy or a smaller area.", param);
        }

        if (requireEvalscript && string.IsNullOrWhiteSpace(a.Evalscript))
        {
            throw new ArgumentException("aggregation.evalscript is required (it must also output dataMask).", param);
        }
    }

    private static void ValidateCalculations(IDictionary<string, StatisticalCalculation>? calculations, string param)
    {
        foreach (var (output, calc) in calculations ?? new Dictionary<string, StatisticalCalculation>())
        {
            foreach (var (band, h) in calc.Histograms ?? new Dictionary<string, HistogramSpec>())
            {
                var modes = (h.Bins is { Count: > 0 } ? 1 : 0) + (h.NBins is not null ? 1 : 0) + (h.BinWidth is not null ? 1 : 0);
                if (modes != 1)
                {
                    throw new ArgumentException($"calculations['{output}'].histograms['{band}']: set exactly one of bins, nBins or binWidth.", param);
                }

                if (h.NBins is <= 0 || h.BinWidth is <= 0)
                {
                    throw new ArgumentException($"calculations['{output}'].histograms['{band}']: nBins and binWidth must be positive.", param);
                }

                if (h.LowEdge is { } lo && h.HighEdge is { } hi && lo >= hi)
                {
                    throw new ArgumentException($"calculations['{output}'].histograms['{band}']: lowEdge must be below highEdge.", param);
                }
            }

            foreach (var (band, s) in calc.Statistics ?? new Dictionary<string, StatisticsSpec>())
            {
                if (s.Percentiles?.K is { } k && k.Any(v => v < 0 || v > 100))
                {
                    throw new ArgumentException($"calculations['{output}'].statistics['{band}'].percentiles.k values must be within 0–100.", param);
                }
            }
        }
    }

    private async Task<StatisticalResponse> SendAsync(StatisticalRequest request, CancellationToken cancellationToken) =>
        await Pipeline.SendJsonAsync(HttpMethod.Post, StatisticsPath, SentinelHubPipeline.Json(request, SentinelHubJsonContext.Default.StatisticalRequest), SentinelHubJsonContext.Default.StatisticalResponse, "statistics", cancellationToken).ConfigureAwait(false);

    private Task Action(string taskId, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return Pipeline.SendNoContentAsync(HttpMethod.Post, BatchPath + "/" + Uri.EscapeDataString(taskId) + "/" + action, "batch statistical " + action, cancellationToken);
    }

    private static StatisticalRequest Clone(StatisticalRequest request) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(request, SentinelHubJsonContext.Default.StatisticalRequest), SentinelHubJsonContext.Default.StatisticalRequest)!;

    [GeneratedRegex(@"^P(\d+)[DWMY]$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
