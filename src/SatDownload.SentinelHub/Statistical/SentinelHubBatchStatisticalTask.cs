using System.Globalization;
using System.Runtime.CompilerServices;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>A Batch Statistical task as a <see cref="ProviderTask"/>; results are one JSON per feature in the output bucket.</summary>
public class SentinelHubBatchStatisticalTask : ProviderTask
{
    private readonly SentinelHubStatisticalClient? _client;
    private readonly ISentinelHubObjectStorage? _storage;

    internal SentinelHubBatchStatisticalTask(SentinelHubStatisticalClient client, BatchStatisticalTask value, ISentinelHubObjectStorage? storage, TimeProvider time)
        : base(ProviderNames.SentinelHub, value.Id ?? throw new SatDownloadException("The Batch Statistical response has no id."), time, ToState(value))
    {
        _client = client;
        _storage = storage;
        Value = value;
    }

    /// <summary>For mocking.</summary>
    protected SentinelHubBatchStatisticalTask()
    {
    }

    /// <summary>The last task object or status received.</summary>
    public virtual BatchStatisticalTask? Value { get; private set; }

    /// <inheritdoc />
    public override string Kind => "batch-statistical";

    /// <inheritdoc />
    public override bool CanCancel => Status is ProviderTaskStatus.Pending or ProviderTaskStatus.Running;

    /// <summary>Polling defaults (sentinelhub-py polls ≥ 15 s).</summary>
    protected override TaskPollingOptions DefaultPollingOptions { get; } = new() { InitialInterval = TimeSpan.FromSeconds(15), MaxInterval = TimeSpan.FromMinutes(2) };

    private SentinelHubStatisticalClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Starts analysis.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual async Task AnalyseAsync(CancellationToken cancellationToken = default)
    {
        await Client.AnalyseBatchAsync(Id, cancellationToken).ConfigureAwait(false);
        ApplyState(await FetchStateAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Starts processing after the budget check (minimum charge 100 PU).</summary>
    /// <param name="budget">Budget; the client's when null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual async Task StartAsync(DownloadBudget? budget = null, CancellationToken cancellationToken = default)
    {
        (budget ?? Client.Budget)?.EnsureCostAllowed(ProcessingUnitCalculator.ToCost(ProcessingUnitCalculator.Minimum(SentinelHubApi.BatchStatistical)));
        await Client.StartBatchAsync(Id, cancellationToken).ConfigureAwait(false);
        ApplyState(await FetchStateAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stops processing.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public virtual async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await Client.StopBatchAsync(Id, cancellationToken).ConfigureAwait(false);
        ApplyState(await FetchStateAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public override Task CancelAsync(CancellationToken cancellationToken = default) => StopAsync(cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
    {
        var status = await Client.GetBatchStatusAsync(Id, cancellationToken).ConfigureAwait(false);
        status.Request ??= Value?.Request;
        Value = status;
        return ToState(status);
    }

    /// <summary>The per-feature result files in the output bucket.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>One JSON asset per feature.</returns>
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var storage = _storage ?? throw new InvalidOperationException("Batch Statistical results live in your bucket: pass an ISentinelHubObjectStorage.");
        var url = Value?.Request?.Output?.S3?.Url ?? throw new InvalidOperationException("The task carries no output URL.");
        var template = (url.Contains('<', StringComparison.Ordinal) ? url : url.TrimEnd('/') + "/<REQUEST_ID>/<ID>.json").Replace("<REQUEST_ID>", Id, StringComparison.Ordinal);
        var regex = S3Path.ToRegex(template);
        var resolver = new ObjectStorageResolver(storage, TimeProvider);
        await foreach (var uri in storage.ListAsync(S3Path.ListPrefix(template), cancellationToken).ConfigureAwait(false))
        {
            var m = regex.Match(uri.OriginalString);
            if (!m.Success)
            {
                continue;
            }

            var key = m.Groups["ID"].Success ? m.Groups["ID"].Value : m.Groups["IDENTIFIER"].Value;
            yield return new ImageryAsset
            {
                Provider = ProviderNames.SentinelHub,
                ProductId = Id,
                AssetKey = key,
                MediaType = SentinelHubFormats.Json,
                Href = uri,
                Resolver = resolver,
                SuggestedFileName = key + ".json",
                Roles = [AssetRoles.Data],
            };
        }
    }

    internal static ProviderTaskState ToState(BatchStatisticalTask t)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        if (t.CostPu is { } c)
        {
            props["costPu"] = c.ToString(CultureInfo.InvariantCulture);
        }

        if (t.StoppedStatusReason is { } r)
        {
            props["stoppedStatusReason"] = r;
        }

        var status = SentinelHubStatusMapping.MapBatch(t.Status);
        if (t.Status == "STOPPED" && t.StoppedStatusReason is "OUT_OF_PU" or "UNHEALTHY")
        {
            status = ProviderTaskStatus.Failed;
        }

        return new ProviderTaskState
        {
            Status = status,
            ProviderStatus = t.Status,
            PercentComplete = t.CompletionPercentage,
            Message = t.Error ?? (t.Status == "STOPPED" ? "Stopped: " + (t.StoppedStatusReason ?? "unknown reason") : null),
            AssetsAvailable = t.Status is "DONE" or "PARTIAL",
            Properties = props,
        };
    }
}
