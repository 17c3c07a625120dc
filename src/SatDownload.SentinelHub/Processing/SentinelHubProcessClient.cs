using System.Security.Cryptography;
using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// Process API (<c>api/v1/process</c>) and Async Process API (<c>api/v1/async/process</c>). Outputs larger than 2500 px
/// are split into a grid of requests; every request is priced with the documented PU formula and checked against the
/// budget before anything is sent; the rendered bytes are written by the shared <see cref="AssetDownloader"/>.
/// </summary>
public class SentinelHubProcessClient
{
    private const string ProcessPath = "api/v1/process";
    private const string AsyncPath = "api/v1/async/process";
    private readonly SentinelHubPipeline? _pipeline;

    internal SentinelHubProcessClient(SentinelHubPipeline pipeline) => _pipeline = pipeline;

    /// <summary>For mocking.</summary>
    protected SentinelHubProcessClient()
    {
    }

    private SentinelHubPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>
    /// The processing units Sentinel Hub reported (<c>x-processingunits-spent</c>) for every Process rendering of this
    /// client so far, summed: those of <see cref="ProcessAsync"/> and those <see cref="SatDownloadClient"/> (or any
    /// <see cref="AssetDownloader"/>) downloaded from a <see cref="SentinelHubProcessImageryRequest"/>. Also counted on
    /// the <c>SatDownload</c> meter as <c>satdownload.sentinelhub.processing_units</c>.
    /// </summary>
    public virtual double ProcessingUnitsSpent => Pipeline.UnitsHandler.TotalSpent;

    /// <summary>Estimates the PU cost of a Process request, including every tile when it would be split.</summary>
    /// <param name="request">The request.</param>
    /// <param name="options">Options (tile size, samples).</param>
    /// <returns>The estimate.</returns>
    public virtual CostEstimate EstimateProcessingUnits(ProcessRequest request, ProcessOptions? options = null)
    {
        options ??= new ProcessOptions();
        var plan = Plan(request, options);
        return ProcessingUnitCalculator.ToCost(plan.Sum(p => p.Pu));
    }

    /// <summary>
    /// Renders a request to files: one file per response (<c>&lt;identifier&gt;.&lt;ext&gt;</c>); several responses are fetched as a
    /// tar and unpacked; outputs over the pixel limit are rendered as a grid of tiles (<c>r000_c001_&lt;identifier&gt;.&lt;ext&gt;</c>).
    /// </summary>
    /// <param name="request">The request (validated before anything is sent).</param>
    /// <param name="destinationDirectory">Where the files go.</param>
    /// <param name="options">Budget, splitting, naming.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The files, tiles, estimate and the PUs the service reported.</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="BudgetExceededException">The estimate exceeds the budget; nothing was sent.</exception>
    /// <exception cref="ProviderRequestException">The service refused (e.g. <c>RENDERER_EXCEPTION</c> with the evalscript error verbatim).</exception>
    public virtual async Task<ProcessResult> ProcessAsync(ProcessRequest request, string destinationDirectory, ProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        options ??= new ProcessOptions();
        var plan = Plan(request, options);
        var estimate = plan.Sum(p => p.Pu);
        var budget = options.Budget ?? Pipeline.Options.Budget;
        budget?.EnsureCostAllowed(ProcessingUnitCalculator.ToCost(estimate));

        var responses = Responses(request);
        var multi = responses.Count > 1;
        var accept = multi ? SentinelHubFormats.Tar : responses[0].Format?.Type ?? SentinelHubFormats.Png;
        var assets = BuildAssets(request, plan, options.FileNamePrefix, forUnifiedDownloader: false);
        // The downloader's read-idle timeouts measure real I/O, so they run on the system clock, not the client's.
        var downloader = new AssetDownloader(Pipeline.Http, new AssetDownloaderOptions { LoggerFactory = Pipeline.Options.LoggerFactory });
        var downloadOptions = new DownloadOptions
        {
            FileNameTemplate = "{fileName}",
            MaxConcurrentDownloads = Math.Max(1, Pipeline.Options.MaxParallelTiles),
            MaxConnectionsPerFile = 1,
            ExistingFilePolicy = ExistingFilePolicy.Overwrite,
            ComputeSha256 = true,
            MaxAttempts = 2,
        };
        var results = await downloader.DownloadAsync(assets.Select(a => a.Asset), destinationDirectory, downloadOptions, options.Progress, cancellationToken).ConfigureAwait(false);

        var failure = results.FirstOrDefault(r => !r.Succeeded);
        if (failure is not null)
        {
            foreach (var a in assets)
            {
                Pipeline.UnitsHandler.Take(a.Correlation);
            }

            throw Unwrap(failure.Exception) ?? new SatDownloadException($"Sentinel Hub Process output {failure.Asset.AssetKey} could not be downloaded.");
        }

        var files = new List<ProcessOutputFile>();
        double? spent = null;
        foreach (var (asset, p, correlation) in assets)
        {
            var result = results.First(r => ReferenceEquals(r.Asset, asset) || r.Asset.Identity == asset.Identity);
            if (Pipeline.UnitsHandler.Take(correlation) is { } pu)
            {
                spent = (spent ?? 0) + pu;
            }

            if (!multi)
            {
                files.Add(new ProcessOutputFile(responses[0].Identifier, result.FilePath!, accept, result.BytesWritten, result.Sha256 ?? await HashAsync(result.FilePath!, cancellationToken).ConfigureAwait(false), p.Tile));
                continue;
            }

            var prefix = options.FileNamePrefix + (p.Tile is null ? string.Empty : p.Tile.Name + "_");
            IReadOnlyDictionary<string, string> extracted;
            var tar = new FileStream(result.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using (tar.ConfigureAwait(false))
            {
                extracted = await TarResponseExtractor.ExtractAsync(tar, Path.GetDirectoryName(result.FilePath!)!, prefix, cancellationToken).ConfigureAwait(false);
            }

            File.Delete(result.FilePath!);
            foreach (var r in responses)
            {
                if (!extracted.TryGetValue(r.Identifier, out var path))
                {
                    throw new SatDownloadException($"The Sentinel Hub tar response has no member for output '{r.Identifier}' (members: {string.Join(", ", extracted.Keys)}).");
                }

                files.Add(new ProcessOutputFile(r.Identifier, path, r.Format?.Type ?? SentinelHubFormats.Png, new FileInfo(path).Length, await HashAsync(path, cancellationToken).ConfigureAwait(false), p.Tile));
            }
        }

        return new ProcessResult
        {
            Files = files,
            Tiles = plan.Where(p => p.Tile is not null).Select(p => p.Tile!).ToArray(),
            Crs = request.Input.Bounds?.Properties?.Crs ?? ProcessRequestBuilder.Crs84,
            EstimatedProcessingUnits = estimate,
            ProcessingUnitsSpent = spent,
        };
    }

    /// <summary>Submits an Async Process request (results go to <c>output.delivery.s3</c>) after the budget check.</summary>
    /// <param name="request">The request (≤ 10 000 px per side, delivery required).</param>
    /// <param name="storage">Bucket access to confirm the outcome and presign outputs (optional).</param>
    /// <param name="budget">Budget; the client's when null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The task (RUNNING).</returns>
    public virtual async Task<SentinelHubAsyncTask> SubmitAsync(ProcessRequest request, ISentinelHubObjectStorage? storage = null, DownloadBudget? budget = null, CancellationToken cancellationToken = default)
    {
        ProcessRequestValidator.Validate(request, SentinelHubClientOptions.AsyncMaxPixels, requireDelivery: true);
        var estimate = ProcessingUnitEstimator.Estimate(request, SentinelHubApi.AsyncProcess);
        (budget ?? Pipeline.Options.Budget)?.EnsureCostAllowed(ProcessingUnitCalculator.ToCost(estimate));
        using var message = new HttpRequestMessage(HttpMethod.Post, Pipeline.Api(AsyncPath)) { Content = SentinelHubPipeline.Json(request, SentinelHubJsonContext.Default.ProcessRequest) };
        using var response = await Pipeline.SendAsync(message, "async process submit", cancellationToken, estimate).ConfigureAwait(false);
        var status = SentinelHubPipeline.Validated(await SatDownload.Http.ProviderJson.ReadAsync(response, SentinelHubJsonContext.Default.AsyncProcessStatus, ProviderNames.SentinelHub, "async process submit", SentinelHubErrorDecoder.DecodeBody, cancellationToken).ConfigureAwait(false), response, "async process submit");
        return new SentinelHubAsyncTask(this, status.Id ?? throw new SatDownloadException("The Async Process response has no id."), request, storage, Pipeline.Time);
    }

    /// <summary>Rehydrates an Async task by id (its request is needed to know the output names).</summary>
    /// <param name="requestId">The id.</param>
    /// <param name="request">The submitted request.</param>
    /// <param name="storage">Bucket access.</param>
    /// <returns>The task.</returns>
    public virtual SentinelHubAsyncTask GetAsyncTask(string requestId, ProcessRequest request, ISentinelHubObjectStorage? storage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentNullException.ThrowIfNull(request);
        return new SentinelHubAsyncTask(this, requestId, request, storage, Pipeline.Time);
    }

    /// <summary>Reads the Async status: <c>RUNNING</c>, or null when the service answers 404 (finished, failed or unknown).</summary>
    /// <param name="requestId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status or null.</returns>
    public virtual async Task<AsyncProcessStatus?> GetAsyncStatusAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        try
        {
            return await Pipeline.SendJsonAsync(HttpMethod.Get, AsyncPath + "/" + Uri.EscapeDataString(requestId), null, SentinelHubJsonContext.Default.AsyncProcessStatus, "async process status", cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderRequestException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The POST-produced files of a request as assets for a plain downloader (the unified client's): one per grid tile
    /// when the output is split, each carrying its own bearer token; nothing is sent until they are downloaded.
    /// </summary>
    internal IReadOnlyList<ImageryAsset> CreatePostAssets(ProcessRequest request, ProcessOptions options) =>
        BuildAssets(request, Plan(request, options), options.FileNamePrefix, forUnifiedDownloader: true).Select(a => a.Asset).ToList();

    private static List<ProcessResponseSpec> Responses(ProcessRequest request) =>
        request.Output?.Responses is { Count: > 0 } rs ? rs.ToList() : [new ProcessResponseSpec { Identifier = "default", Format = new OutputFormat { Type = SentinelHubFormats.Png } }];

    private List<(ImageryAsset Asset, TilePlan Plan, string Correlation)> BuildAssets(ProcessRequest request, List<TilePlan> plan, string fileNamePrefix, bool forUnifiedDownloader)
    {
        var responses = Responses(request);
        var multi = responses.Count > 1;
        var accept = multi ? SentinelHubFormats.Tar : responses[0].Format?.Type ?? SentinelHubFormats.Png;
        var endpoint = Pipeline.Api(ProcessPath);
        var productId = "process-" + Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, SentinelHubJsonContext.Default.ProcessRequest)))[..12].ToLowerInvariant();
        var assets = new List<(ImageryAsset Asset, TilePlan Plan, string Correlation)>();
        foreach (var p in plan)
        {
            var correlation = Guid.NewGuid().ToString("N");
            if (!forUnifiedDownloader)
            {
                Pipeline.UnitsHandler.Register(correlation, p.Pu);
            }

            var prefix = fileNamePrefix + (p.Tile is null ? string.Empty : p.Tile.Name + "_");
            var fileName = multi ? prefix + "responses.tar" : prefix + responses[0].Identifier + SentinelHubFormats.ExtensionFor(accept);
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (p.Tile is { } tile)
            {
                properties["tile"] = tile.Name;
                properties["bbox"] = string.Join(',', tile.ToBbox().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                properties["width"] = tile.Width.ToString(System.Globalization.CultureInfo.InvariantCulture);
                properties["height"] = tile.Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            properties["crs"] = request.Input.Bounds?.Properties?.Crs ?? ProcessRequestBuilder.Crs84;
            var asset = new ImageryAsset
            {
                Provider = ProviderNames.SentinelHub,
                ProductId = productId,
                AssetKey = p.Tile?.Name ?? "output",
                MediaType = multi ? "application/x-tar" : accept,
                SuggestedFileName = fileName,
                Resolver = new ProcessRequestResolver(endpoint, p.Body, accept, forUnifiedDownloader ? null : correlation, Pipeline.UnitsHandler, Pipeline.Time, forUnifiedDownloader ? Pipeline.Tokens : null),
                Cost = ProcessingUnitCalculator.ToCost(p.Pu),
                Attribution = "Contains modified Copernicus Sentinel data processed by Sentinel Hub",
                Roles = [AssetRoles.Data],
                Properties = properties,
            };
            assets.Add((asset, p, correlation));
        }

        return assets;
    }

    private List<TilePlan> Plan(ProcessRequest request, ProcessOptions options)
    {
        if (options.MaxTilePixels is < 1 or > SentinelHubClientOptions.ProcessMaxPixels)
        {
            throw new ArgumentException("ProcessOptions.MaxTilePixels must be 1–2500.", nameof(options));
        }

        ProcessRequestValidator.Validate(request, options.SplitLargeAreas ? null : SentinelHubClientOptions.ProcessMaxPixels);
        if (options.FileNamePrefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || options.FileNamePrefix.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("ProcessOptions.FileNamePrefix must be a plain file-name fragment.", nameof(options));
        }

        var size = OutputSize.Resolve(request);
        var info = options.Samples;
        if (!LargeAreaSplitter.NeedsSplit(size, options.MaxTilePixels))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(request, SentinelHubJsonContext.Default.ProcessRequest);
            return [new TilePlan(null, body, ProcessingUnitEstimator.Estimate(request, SentinelHubApi.Process, info))];
        }

        var bbox = size.Bbox ?? throw new ArgumentException("Splitting a large output needs input.bounds (bbox or geometry).", nameof(request));
        var tiles = LargeAreaSplitter.Split(bbox, size.Width, size.Height, options.MaxTilePixels);
        var plan = new List<TilePlan>(tiles.Count);
        foreach (var tile in tiles)
        {
            var copy = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(request, SentinelHubJsonContext.Default.ProcessRequest), SentinelHubJsonContext.Default.ProcessRequest)!;
            copy.Input.Bounds ??= new ProcessBounds();
            copy.Input.Bounds.Bbox = tile.ToBbox();
            copy.Output ??= new ProcessOutput();
            copy.Output.Width = tile.Width;
            copy.Output.Height = tile.Height;
            copy.Output.ResX = null;
            copy.Output.ResY = null;
            var pu = ProcessingUnitCalculator.Calculate(ProcessingUnitEstimator.Parameters(copy.Input, copy.Evalscript, copy.Output.Responses, tile.Width, tile.Height, SentinelHubApi.Process, info));
            plan.Add(new TilePlan(tile, JsonSerializer.SerializeToUtf8Bytes(copy, SentinelHubJsonContext.Default.ProcessRequest), pu));
        }

        return plan;
    }

    private static Exception? Unwrap(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is ProviderRequestException p && SentinelHubQuotaExceededException.IsQuotaRefusal(p) && e is not SentinelHubQuotaExceededException)
            {
                return SentinelHubPipeline.QuotaExceeded(p);
            }

            if (e is ProviderRequestException or BudgetExceededException)
            {
                return e;
            }
        }

        return ex;
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
        }
    }

    private sealed record TilePlan(GridTile? Tile, byte[] Body, double Pu);
}
