using System.Globalization;
using System.Runtime.CompilerServices;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// A Batch Process v2 task as a <see cref="ProviderTask"/>: CREATED → ANALYSING → ANALYSIS_DONE → PROCESSING → DONE,
/// or FAILED / STOPPED. <see cref="StartAsync"/> checks the PU budget first. Outputs are objects in the user's bucket,
/// listed from the output path template and resolved by a user-supplied <see cref="ISignedUrlResolver"/> (see <see cref="SentinelHubBatchOutputOptions"/>).
/// </summary>
public class SentinelHubBatchTask : ProviderTask
{
    private readonly SentinelHubBatchClient? _client;
    private static readonly Lazy<HttpClient> SharedStorageClient = new(() => new HttpClient(SatDownload.Http.ProviderHttpPipeline.CreateDefaultPrimaryHandler()) { Timeout = TimeSpan.FromMinutes(5) });
    private readonly SentinelHubBatchOutputOptions _outputs = new();
    private IReadOnlyList<string> _failedTiles = [];

    internal SentinelHubBatchTask(SentinelHubBatchClient client, BatchProcessTask value, SentinelHubBatchOutputOptions outputs, TimeProvider time)
        : base(ProviderNames.SentinelHub, value.Id ?? throw new SatDownloadException("The Batch create response has no task id."), time, ToState(value))
    {
        _client = client;
        _outputs = outputs;
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

    /// <summary>Tiles the execution database marks FATAL (filled by <see cref="GetAssetsAsync"/>); their outputs are not listed.</summary>
    public virtual IReadOnlyList<string> FailedTiles => _failedTiles;

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

    /// <summary>
    /// Lists the task's output objects: one asset per tile and output, derived from the output path template, with an
    /// <c>s3://</c> href and the resolver of <see cref="SentinelHubBatchOutputOptions"/>; plus the feature manifest and the
    /// execution database as metadata assets. Tile names come from the options or from the execution database.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The assets.</returns>
    /// <exception cref="InvalidOperationException">Outputs cannot be derived (no request, Zarr output, no tile names and no resolver).</exception>
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Value?.Request ?? throw new InvalidOperationException("The task object carries no request; its output template is unknown.");
        if (request.Output?.Type == BatchProcessOutput.ZarrType)
        {
            throw new InvalidOperationException($"Batch task {Id} writes one Zarr store under {request.Output.Delivery?.S3?.Url}, not per-tile files: open it with a Zarr reader.");
        }

        var template = OutputTemplate(request);
        if (_outputs.ListFromBucket is { } storage)
        {
            await foreach (var asset in ListBucketAsync(storage, request, template, cancellationToken).ConfigureAwait(false))
            {
                yield return asset;
            }

            yield break;
        }

        var resolver = _outputs.Resolver;
        IReadOnlyList<string> tiles;
        if (_outputs.TileNames is { } known)
        {
            tiles = known;
        }
        else
        {
            if (resolver is null)
            {
                throw new InvalidOperationException($"Batch task {Id}: tile names are unknown. Pass SentinelHubBatchOutputOptions.Resolver (an S3 presigner) so the execution database can be read, or TileNames.");
            }

            var features = await ReadExecutionDatabaseAsync(template, resolver, cancellationToken).ConfigureAwait(false);
            _failedTiles = features.Where(f => f.Status == "FATAL").Select(f => f.Name).ToArray();
            tiles = features.Where(f => f.Status == "DONE").Select(f => f.Name).ToArray();
        }

        var responses = request.ProcessRequest.Output?.Responses is { Count: > 0 } rs ? rs.ToList() : [new ProcessResponseSpec { Identifier = "default", Format = new OutputFormat { Type = SentinelHubFormats.Tiff } }];
        foreach (var tile in tiles)
        {
            foreach (var response in responses)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var format = BatchOutputLayout.FormatExtension(response.Format?.Type);
                var uri = BatchOutputLayout.OutputUri(template, Id, tile, response.Identifier, format);
                yield return new ImageryAsset
                {
                    Provider = ProviderNames.SentinelHub,
                    ProductId = Id,
                    AssetKey = tile + "/" + response.Identifier,
                    Title = $"{tile} {response.Identifier}",
                    MediaType = response.Format?.Type ?? SentinelHubFormats.Tiff,
                    Href = uri,
                    Resolver = resolver,
                    SuggestedFileName = tile + "_" + response.Identifier + "." + format,
                    Roles = [AssetRoles.Data],
                    Attribution = "Contains modified Copernicus Sentinel data processed by Sentinel Hub",
                    Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["tileName"] = tile, ["outputId"] = response.Identifier },
                };
            }
        }

        if (_outputs.IncludeBookkeepingFiles && resolver is not null)
        {
            yield return Bookkeeping(BatchOutputLayout.FeatureManifestUri(template, Id), "feature-manifest", "application/geopackage+sqlite3", resolver);
            yield return Bookkeeping(BatchOutputLayout.ExecutionDatabaseUri(template, Id), "execution-database", "application/vnd.sqlite3", resolver);
        }
    }

    private ImageryAsset Bookkeeping(Uri uri, string key, string mediaType, ISignedUrlResolver resolver) => new()
    {
        Provider = ProviderNames.SentinelHub,
        ProductId = Id,
        AssetKey = key,
        Title = key,
        MediaType = mediaType,
        Href = uri,
        Resolver = resolver,
        SuggestedFileName = Path.GetFileName(uri.AbsolutePath),
        Roles = [AssetRoles.Metadata],
    };

    private async Task<IReadOnlyList<BatchFeatureStatus>> ReadExecutionDatabaseAsync(string template, ISignedUrlResolver resolver, CancellationToken cancellationToken)
    {
        var uri = BatchOutputLayout.ExecutionDatabaseUri(template, Id);
        var probe = new ImageryAsset { Provider = ProviderNames.SentinelHub, ProductId = Id, AssetKey = "execution-database", Href = uri };
        var location = await resolver.ResolveAsync(probe, new SignedUrlResolveContext(), cancellationToken).ConfigureAwait(false);
        using var message = new HttpRequestMessage(location.Method, location.Uri);
        foreach (var (name, value) in location.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var http = _outputs.StorageHttpClient ?? SharedStorageClient.Value;
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.SentinelHub,
                Operation = "batch execution database",
                Status = (int)response.StatusCode,
                Message = $"Could not read {uri} (HTTP {(int)response.StatusCode}); it appears once processing starts. Pass SentinelHubBatchOutputOptions.TileNames if your bucket keeps it elsewhere.",
            });
        }

        if (response.Content.Headers.ContentLength > _outputs.MaxExecutionDatabaseBytes)
        {
            throw new SatDownloadException($"The execution database {uri} is larger than MaxExecutionDatabaseBytes ({_outputs.MaxExecutionDatabaseBytes}).");
        }

        using var buffer = new MemoryStream();
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _outputs.MaxExecutionDatabaseBytes)
                {
                    throw new SatDownloadException($"The execution database {uri} is larger than MaxExecutionDatabaseBytes ({_outputs.MaxExecutionDatabaseBytes}).");
                }

                buffer.Write(chunk, 0, read);
            }
        }

        try
        {
            return BatchFeatureStatus.ReadExecutionDatabase(buffer.ToArray());
        }
        catch (InvalidDataException ex)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.SentinelHub,
                Operation = "batch execution database",
                Status = 200,
                Message = $"The execution database {uri} could not be read: {ex.Message}",
                IsRetryable = false,
            }, ex);
        }
    }

    private async IAsyncEnumerable<ImageryAsset> ListBucketAsync(ISentinelHubObjectStorage storage, BatchProcessRequest request, string template, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        template = template.Replace("<requestId>", Id, StringComparison.Ordinal);
        var regex = S3Path.ToRegex(template);
        var resolver = _outputs.Resolver ?? new ObjectStorageResolver(storage, TimeProvider);
        await foreach (var uri in storage.ListAsync(S3Path.ListPrefix(template), cancellationToken).ConfigureAwait(false))
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
