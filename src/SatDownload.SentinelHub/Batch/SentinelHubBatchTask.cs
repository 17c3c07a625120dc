using System.Globalization;
using System.Runtime.CompilerServices;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// A Batch Process v2 task as a <see cref="ProviderTask"/>: CREATED → ANALYSING → ANALYSIS_DONE → PROCESSING → DONE,
/// or FAILED / STOPPED. <see cref="StartAsync"/> checks the PU budget first. Outputs are objects in the user's bucket,
/// listed from the output path template and presigned through <see cref="ISentinelHubObjectStorage"/>.
/// </summary>
public class SentinelHubBatchTask : ProviderTask
{
    private readonly SentinelHubBatchClient? _client;
    private readonly ISentinelHubObjectStorage? _storage;

    internal SentinelHubBatchTask(SentinelHubBatchClient client, BatchProcessTask value, ISentinelHubObjectStorage? storage, TimeProvider time)
        : base(ProviderNames.SentinelHub, value.Id ?? throw new SatDownloadException("The Batch create response has no task id."), time, ToState(value))
    {
        _client = client;
        _storage = storage;
        Value = value;
    }

    /// <summary>For mocking.</summary>
    protected SentinelHubBatchTask()
    {
    }

    /// <summary>The last task object received.</summary>
    public virtual BatchProcessTask? Value { get; private set; }

    /// <inheritdoc />
    public override string Kind => "batch-process";

    /// <inheritdoc />
    public override bool CanCancel => Status is ProviderTaskStatus.Pending or ProviderTaskStatus.Running;

    /// <summary>PUs billed so far (<c>costPU</c>).</summary>
    public virtual double? CostPU => Value?.CostPU;

    /// <summary>Why the task stopped (<c>OUT_OF_PU</c>, <c>USER_ACTION</c>, <c>UNHEALTHY</c>).</summary>
    public virtual string? StoppedStatusReason => Value?.StoppedStatusReason;

    /// <summary>Polling defaults: analysis in seconds, processing in minutes (sentinelhub-py polls ≥ 60 s while processing).</summary>
    protected override TaskPollingOptions DefaultPollingOptions { get; } = new() { InitialInterval = TimeSpan.FromSeconds(10), MaxInterval = TimeSpan.FromMinutes(2) };

    private SentinelHubBatchClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Starts analysis.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual async Task AnalyseAsync(CancellationToken cancellationToken = default)
    {
        await Client.AnalyseAsync(Id, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts processing after checking the PU estimate against the budget (no request is sent when it is over).</summary>
    /// <param name="budget">Budget; the client's <see cref="SentinelHubClientOptions.Budget"/> when null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="BudgetExceededException">The estimate exceeds the budget.</exception>
    public virtual async Task StartAsync(DownloadBudget? budget = null, CancellationToken cancellationToken = default)
    {
        budget ??= Client.Budget;
        if (budget?.MaxCost is not null)
        {
            budget.EnsureCostAllowed(EstimateProcessingUnits());
        }

        await Client.StartAsync(Id, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the task.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await Client.StopAsync(Id, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the task (Batch v2 has no cancel; stop is the closest).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public override Task CancelAsync(CancellationToken cancellationToken = default) => StopAsync(cancellationToken);

    /// <summary>Estimates the task's PU cost from its area, bands, format and resolution (minimum 100 PU).</summary>
    /// <returns>The estimate.</returns>
    public virtual CostEstimate EstimateProcessingUnits()
    {
        var request = Value?.Request ?? throw new InvalidOperationException("The task object carries no request to estimate.");
        var area = BoundsArea.SquareMetres(request.ProcessRequest.Input?.Bounds);
        return ProcessingUnitCalculator.ToCost(area is { } a
            ? ProcessingUnitEstimator.EstimateBatch(request, a)
            : ProcessingUnitCalculator.Minimum(SentinelHubApi.Batch));
    }

    /// <inheritdoc />
    protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
    {
        var value = await Client.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        value.Request ??= Value?.Request;
        Value = value;
        return ToState(value);
    }

    /// <summary>Lists the task's output objects that match the output path template (needs <see cref="ISentinelHubObjectStorage"/>).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>One asset per output object with an <c>s3://</c> href and a presigning resolver.</returns>
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_storage is null)
        {
            throw new InvalidOperationException("Batch outputs live in your bucket: pass an ISentinelHubObjectStorage to CreateAsync/GetTaskAsync to list and presign them.");
        }

        var request = Value?.Request ?? throw new InvalidOperationException("The task object carries no request; its output template is unknown.");
        var template = OutputTemplate(request).Replace("<requestId>", Id, StringComparison.Ordinal);
        var regex = S3Path.ToRegex(template);
        var resolver = new ObjectStorageResolver(_storage, TimeProvider);
        await foreach (var uri in _storage.ListAsync(S3Path.ListPrefix(template), cancellationToken).ConfigureAwait(false))
        {
            var m = regex.Match(uri.OriginalString);
            if (!m.Success)
            {
                continue;
            }

            var tile = m.Groups["tileName"].Success ? m.Groups["tileName"].Value : "tile";
            var output = m.Groups["outputId"].Success ? m.Groups["outputId"].Value : request.ProcessRequest.Output?.Responses?.FirstOrDefault()?.Identifier ?? "default";
            var fileName = Path.GetFileName(uri.AbsolutePath);
            yield return new ImageryAsset
            {
                Provider = ProviderNames.SentinelHub,
                ProductId = Id,
                AssetKey = tile + "/" + output,
                Title = $"{tile} {output}",
                MediaType = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? SentinelHubFormats.Json : SentinelHubFormats.Tiff,
                Href = uri,
                Resolver = resolver,
                SuggestedFileName = tile + "_" + fileName,
                Roles = [AssetRoles.Data],
                Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["tileName"] = tile, ["outputId"] = output },
            };
        }
    }

    /// <summary>The raster output path template, with the documented default layout when the URL is a plain prefix.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The template.</returns>
    public static string OutputTemplate(BatchProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.Output?.Delivery?.S3?.Url ?? throw new ArgumentException("The request has no output.delivery.s3.url.", nameof(request));
        return url.Contains('<', StringComparison.Ordinal) ? url : url.TrimEnd('/') + "/<requestId>/<tileName>/<outputId>.<format>";
    }

    private async Task RefreshAsync(CancellationToken cancellationToken) => ApplyState(await FetchStateAsync(cancellationToken).ConfigureAwait(false));

    internal static ProviderTaskState ToState(BatchProcessTask t)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        if (t.CostPU is { } c)
        {
            props["costPU"] = c.ToString(CultureInfo.InvariantCulture);
        }

        if (t.StoppedStatusReason is { } r)
        {
            props["stoppedStatusReason"] = r;
        }

        if (t.UserAction is { } a)
        {
            props["userAction"] = a;
        }

        var status = SentinelHubStatusMapping.MapBatch(t.Status);
        if (t.Status == "STOPPED" && t.StoppedStatusReason is "OUT_OF_PU" or "UNHEALTHY")
        {
            status = ProviderTaskStatus.Failed;
        }

        var message = t.Error ?? (t.Status == "STOPPED" ? "Stopped: " + (t.StoppedStatusReason ?? "unknown reason") + ". START resumes it (not within 30 minutes of a user stop)." :
            t.Status == "ANALYSIS_DONE" ? "Analysis done; call StartAsync to process." : null);
        return new ProviderTaskState
        {
            Status = status,
            ProviderStatus = t.Status,
            PercentComplete = t.CompletionPercentage,
            Message = message,
            AssetsAvailable = t.Status == "DONE",
            Properties = props,
        };
    }
}
