using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SatDownload.ClearSky.Errors;
using SatDownload.ClearSky.Http;
using SatDownload.ClearSky.Serialization;
using SatDownload.ClearSky.Unified;
using SatDownload.ClearSky.Validation;
using SatDownload.Http;

namespace SatDownload.ClearSky;

/// <summary>
/// Client for the ClearSKY Vision processing API: availability, cost estimate, budget check, then composite, tile or
/// minitile GeoTIFFs streamed to disk by the shared <see cref="AssetDownloader"/> (or uploaded by ClearSKY to an
/// <c>UploadUrl</c>). Immutable and thread-safe; cache and reuse it.
/// </summary>
/// <remarks>
/// Every call sends the key as the <c>x-api-key</c> header (never logged), unwraps ClearSKY's
/// <c>{Succeeded, Error, Data}</c> envelope once, and retries 429, 5xx and error 1003 with backoff honouring
/// <c>Retry-After</c>. <see cref="DownloadCompositeAsync"/> runs ClearSKY's documented sequence in one call.
/// </remarks>
public class ClearSkyClient
{
    internal const string AvailablePath = "api/satelliteimages/process/composite/available";
    internal const string EstimatePath = "api/satelliteimages/process/composite/estimate";
    internal const string CompositePath = "api/satelliteimages/process/composite";
    internal const string TilePath = "api/satelliteimages/process/tile";
    internal const string MiniTilePath = "api/satelliteimages/process/minitile";
    internal const string DateSearchPath = "api/satelliteimages/search/available";
    internal const string ModelsPath = "api/tasking/models";
    internal const string AccountInfoPath = "api/account/info";
    internal const string GeoTiffMediaType = "image/tiff; application=geotiff";

    /// <summary>A JSON <c>null</c>: an unset <see cref="JsonElement"/> cannot be serialized.</summary>
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    private readonly HttpClient _http = null!;
    private readonly AssetDownloader _downloader = null!;

    /// <summary>Whether <see cref="_downloader"/> sends through this client's pipeline (which already retries 1003).</summary>
    private readonly bool _downloaderRetriesBusy;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly object _cacheGate = new();
    private (DateTimeOffset Until, Task<ClearSkyAccountInfo?> Value)? _accountCache;
    private (DateTimeOffset Until, Task<ClearSkyTaskingModels?> Value)? _modelsCache;

    /// <summary>For mocking.</summary>
    protected ClearSkyClient()
    {
        Options = new ClearSkyClientOptions();
        TimeProvider = TimeProvider.System;
    }

    /// <summary>Creates a client for the production API.</summary>
    /// <param name="apiKey">The API key from dashboard.clearsky.vision.</param>
    public ClearSkyClient(string apiKey)
        : this(new ClearSkyClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Creates a client with its own HTTP pipeline (key header, retries, optional shared limiter).</summary>
    /// <param name="options">The options; copied.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public ClearSkyClient(ClearSkyClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, null, null, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> configured by <c>AddSatDownload().AddClearSky(...)</c> (key,
    /// retry and capture handlers already in place); the client does not own it.
    /// </summary>
    /// <param name="httpClient">The configured client.</param>
    /// <param name="options">The options; copied.</param>
    /// <param name="downloader">The downloader for the files; one over <paramref name="httpClient"/> when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public ClearSkyClient(HttpClient httpClient, ClearSkyClientOptions options, AssetDownloader? downloader = null, ILoggerFactory? loggerFactory = null)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), downloader, loggerFactory)
    {
    }

    private ClearSkyClient(ClearSkyClientOptions options, HttpClient? httpClient, AssetDownloader? downloader, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options.Clone();
        Options.Endpoint = Options.Endpoint.AbsoluteUri.EndsWith('/') ? Options.Endpoint : new Uri(Options.Endpoint.AbsoluteUri + "/");
        TimeProvider = Options.TimeProvider ?? TimeProvider.System;
        Redactor.RegisterSecret(Options.ApiKey);
        _logger = (ILogger?)loggerFactory?.CreateLogger<ClearSkyClient>() ?? NullLogger.Instance;
        _http = httpClient ?? ClearSkyPipeline.CreateHttpClient(Options, TimeProvider, loggerFactory);
        _downloader = downloader ?? new AssetDownloader(_http, DownloaderOptions(Options, loggerFactory));
        _downloaderRetriesBusy = downloader is null;
    }

    /// <summary>The options in force (a copy; changing it has no effect).</summary>
    public virtual ClearSkyClientOptions Options { get; }

    /// <summary>The clock used for retries and caches.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>Reads the account's limits and balance (<c>GET /api/account/info</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account info.</returns>
    /// <exception cref="ProviderRequestException">ClearSKY refused the call.</exception>
    public virtual Task<ClearSkyAccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, AccountInfoPath, null, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyAccountInfo, cancellationToken);

    /// <summary>Lists the models the account can use and their constellations (<c>GET /api/tasking/models</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The models.</returns>
    /// <exception cref="ProviderRequestException">ClearSKY refused the call.</exception>
    public virtual Task<ClearSkyTaskingModels> GetModelsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, ModelsPath, null, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyTaskingModels, cancellationToken);

    /// <summary>Lists the dates with imagery for an AOI (<c>POST /api/satelliteimages/search/available</c>).</summary>
    /// <param name="request">The search.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dates per model and part of the AOI.</returns>
    /// <exception cref="ArgumentException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused the call.</exception>
    public virtual Task<ClearSkyDateSearchResult> SearchAvailableDatesAsync(ClearSkyDateSearchRequest request, CancellationToken cancellationToken = default)
    {
        ClearSkyRequestValidator.ValidateDateSearch(request);
        var resolved = request.Aoi is { } aoi
            ? request with { Aoi = null, Wkt = Options.GeometryEncoding == ClearSkyGeometryEncoding.Wkt ? aoi.ToWkt() : null, GeoJson = Options.GeometryEncoding == ClearSkyGeometryEncoding.GeoJson ? ParseJson(aoi.ToGeoJson()) : null }
            : request;
        var json = JsonSerializer.SerializeToUtf8Bytes(resolved, ClearSkyJsonContext.Default.ClearSkyDateSearchRequest);
        return SendAsync(HttpMethod.Post, DateSearchPath, json, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyDateSearchResult, cancellationToken);
    }

    /// <summary>Asks whether a composite can be produced (<c>POST …/composite/available</c>), with the same payload as the download.</summary>
    /// <param name="request">The composite request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The readiness flags; <see cref="ClearSkyAvailability.IsReady"/> summarises them.</returns>
    /// <exception cref="ArgumentException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="AoiValidationException">The geometry is not a valid AOI (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused the call.</exception>
    public virtual Task<ClearSkyAvailability> CheckAvailabilityAsync(ClearSkyCompositeRequest request, CancellationToken cancellationToken = default) =>
        AvailableAsync(Prepare(request), cancellationToken);

    /// <summary>Estimates a composite's cost (<c>POST …/composite/estimate</c>), with the same payload as the download.</summary>
    /// <param name="request">The composite request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The estimate; <see cref="ClearSkyEstimate.Cost"/> is ready for <see cref="DownloadBudget.EnsureCostAllowed"/>.</returns>
    /// <exception cref="ArgumentException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused the call.</exception>
    public virtual Task<ClearSkyEstimate> EstimateAsync(ClearSkyCompositeRequest request, CancellationToken cancellationToken = default) =>
        EstimateAsync(Prepare(request), cancellationToken);

    /// <summary>
    /// Describes the composite as an <see cref="ImageryAsset"/> (a POST-produced file) for your own
    /// <see cref="AssetDownloader"/> call. Nothing is sent until it is downloaded; no availability or budget check is made.
    /// </summary>
    /// <param name="request">The composite request (without <c>UploadUrl</c>).</param>
    /// <param name="cost">The estimate's cost, to let the downloader's budget check it.</param>
    /// <returns>The asset.</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    public virtual ImageryAsset CreateCompositeAsset(ClearSkyCompositeRequest request, CostEstimate? cost = null)
    {
        var payload = Prepare(request);
        RejectUploadUrl(payload.Request.UploadUrl);
        return CompositeAsset(payload, cost, null);
    }

    /// <summary>
    /// Runs ClearSKY's documented sequence in one call: availability → estimate → budget check → composite, streaming the
    /// GeoTIFF to <paramref name="destinationDirectory"/> through the shared downloader, named from ClearSKY's
    /// <c>Content-Disposition</c>, with the attribution notice written next to it. The same payload (built once) is sent to
    /// every step.
    /// </summary>
    /// <param name="request">The composite request (without <c>UploadUrl</c>; use <see cref="UploadCompositeAsync"/> for that).</param>
    /// <param name="destinationDirectory">Where the file goes (the downloader's file-name template applies under it).</param>
    /// <param name="options">Budget, availability and naming settings.</param>
    /// <param name="progress">Download progress.</param>
    /// <param name="cancellationToken">Cancels the sequence.</param>
    /// <returns>The file, its SHA-256, the estimate and the attribution.</returns>
    /// <exception cref="ArgumentException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ClearSkyAccountLimitException">The AOI or band list exceeds the account's limits (no processing request was sent).</exception>
    /// <exception cref="ClearSkyNotAvailableException">ClearSKY says the composite is not available as requested (no composite request was sent).</exception>
    /// <exception cref="BudgetExceededException">The estimate exceeds the budget (no composite request was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused a step (code, message and per-field messages included).</exception>
    public virtual async Task<ClearSkyDownloadResult> DownloadCompositeAsync(
        ClearSkyCompositeRequest request,
        string destinationDirectory,
        ClearSkyDownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        var payload = Prepare(request);
        RejectUploadUrl(payload.Request.UploadUrl);
        options ??= new ClearSkyDownloadOptions();
        var (availability, estimate) = await PreflightAsync(payload, options, cancellationToken).ConfigureAwait(false);
        var asset = CompositeAsset(payload, estimate.Cost, estimate.Attribution ?? availability.Attribution, _downloaderRetriesBusy);
        return await DownloadFileAsync(asset, destinationDirectory, options, progress, "POST /" + CompositePath, availability, estimate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the same sequence as <see cref="DownloadCompositeAsync"/> but lets ClearSKY deliver the file itself: it PUTs the
    /// GeoTIFF to the request's <c>UploadUrl</c> and answers 201 with no body.
    /// </summary>
    /// <param name="request">The composite request, with <c>UploadUrl</c> set.</param>
    /// <param name="options">Budget and availability settings.</param>
    /// <param name="cancellationToken">Cancels the sequence.</param>
    /// <returns>The result with <see cref="ClearSkyDownloadResult.IsUploaded"/> set.</returns>
    /// <exception cref="ArgumentException">The request is invalid or has no <c>UploadUrl</c> (nothing was sent).</exception>
    /// <exception cref="BudgetExceededException">The estimate exceeds the budget (no composite request was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused a step.</exception>
    public virtual async Task<ClearSkyDownloadResult> UploadCompositeAsync(
        ClearSkyCompositeRequest request,
        ClearSkyDownloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var payload = Prepare(request);
        if (payload.Request.UploadUrl is null)
        {
            throw new ArgumentException("UploadUrl is required for an upload: the http(s) URL ClearSKY PUTs the file to. Use DownloadCompositeAsync to receive the bytes instead.", "request.UploadUrl");
        }

        options ??= new ClearSkyDownloadOptions();
        var (availability, estimate) = await PreflightAsync(payload, options, cancellationToken).ConfigureAwait(false);
        var uploaded = await UploadAsync(CompositePath, payload.Json, payload.Request.UploadUrl, payload.Request.SatelliteConstellations, payload.Request.Date, estimate.Attribution ?? availability.Attribution, cancellationToken).ConfigureAwait(false);
        return new ClearSkyDownloadResult
        {
            Availability = availability,
            Estimate = estimate,
            Attribution = uploaded.Attribution,
            AttributionFromProvider = uploaded.AttributionFromProvider,
            IsUploaded = true,
            UploadedTo = uploaded.UploadedTo,
        };
    }

    /// <summary>Downloads a tile by GUID (<c>POST /api/satelliteimages/process/tile</c>), or has ClearSKY upload it when <c>UploadUrl</c> is set.</summary>
    /// <param name="request">The tile request (<c>TileGuid</c> set).</param>
    /// <param name="destinationDirectory">Where the file goes.</param>
    /// <param name="options">Naming and attribution settings.</param>
    /// <param name="progress">Download progress.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The file and its attribution.</returns>
    /// <exception cref="ArgumentException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused the request.</exception>
    public virtual Task<ClearSkyDownloadResult> DownloadTileAsync(
        ClearSkyTileRequest request,
        string destinationDirectory,
        ClearSkyDownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        DownloadTileCoreAsync(request, mini: false, destinationDirectory, options, progress, cancellationToken);

    /// <summary>Downloads a minitile by GUID (<c>POST /api/satelliteimages/process/minitile</c>), or has ClearSKY upload it when <c>UploadUrl</c> is set.</summary>
    /// <param name="request">The minitile request (<c>MiniTileGuid</c> set).</param>
    /// <param name="destinationDirectory">Where the file goes.</param>
    /// <param name="options">Naming and attribution settings.</param>
    /// <param name="progress">Download progress.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The file and its attribution.</returns>
    /// <exception cref="ArgumentException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused the request.</exception>
    public virtual Task<ClearSkyDownloadResult> DownloadMiniTileAsync(
        ClearSkyTileRequest request,
        string destinationDirectory,
        ClearSkyDownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        DownloadTileCoreAsync(request, mini: true, destinationDirectory, options, progress, cancellationToken);

    /// <summary>
    /// Describes a tile as an <see cref="ImageryAsset"/> (a POST-produced file) for your own <see cref="AssetDownloader"/>
    /// call. Nothing is sent until it is downloaded.
    /// </summary>
    /// <param name="request">The tile request (<c>TileGuid</c> set, no <c>UploadUrl</c>).</param>
    /// <returns>The asset.</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    public virtual ImageryAsset CreateTileAsset(ClearSkyTileRequest request)
    {
        ClearSkyRequestValidator.ValidateTile(request, mini: false);
        RejectUploadUrl(request.UploadUrl);
        return TileAsset(request, mini: false);
    }

    /// <summary>
    /// Describes a minitile as an <see cref="ImageryAsset"/> (a POST-produced file) for your own <see cref="AssetDownloader"/>
    /// call. Nothing is sent until it is downloaded.
    /// </summary>
    /// <param name="request">The minitile request (<c>MiniTileGuid</c> set, no <c>UploadUrl</c>).</param>
    /// <returns>The asset.</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    public virtual ImageryAsset CreateMiniTileAsset(ClearSkyTileRequest request)
    {
        ClearSkyRequestValidator.ValidateTile(request, mini: true);
        RejectUploadUrl(request.UploadUrl);
        return TileAsset(request, mini: true);
    }

    /// <summary>
    /// Runs a unified composite request without <see cref="SatDownloadClient"/>: for each of its dates the same sequence as
    /// <see cref="DownloadCompositeAsync"/> (availability, estimate, budget, download), with
    /// <see cref="ClearSkyCompositeImageryRequest.RequireAvailability"/> applied. With several dates every composite is
    /// checked and estimated first, and the budget applies to their sum, before any is downloaded.
    /// </summary>
    /// <param name="request">The unified request.</param>
    /// <param name="destinationDirectory">Where the files go.</param>
    /// <param name="options">Budget, naming and attribution settings.</param>
    /// <param name="progress">Download progress.</param>
    /// <param name="cancellationToken">Cancels the sequence.</param>
    /// <returns>One result per date, in date order: the file, its SHA-256, the estimate and the attribution.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ClearSkyNotAvailableException">ClearSKY says a composite is not available as requested (no composite request was sent).</exception>
    /// <exception cref="BudgetExceededException">The estimates exceed the budget (no composite request was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused a step.</exception>
    public virtual async Task<IReadOnlyList<ClearSkyDownloadResult>> DownloadAsync(
        ClearSkyCompositeImageryRequest request,
        string destinationDirectory,
        ClearSkyDownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        options = (options ?? new ClearSkyDownloadOptions()) with { RequireAvailability = request.RequireAvailability };
        if (request.EffectiveDates.Count > 1 && options.Budget is { MaxCost: not null } budget)
        {
            // The budget is for the whole series: check the sum before the first composite is produced.
            var estimates = await EstimateAsync(request, cancellationToken).ConfigureAwait(false);
            budget.EnsureCostAllowed(new CostEstimate(estimates.Sum(e => e.ProcessingUnitCost ?? 0m), ClearSkyEstimate.CostUnit));
        }

        var results = new List<ClearSkyDownloadResult>();
        foreach (var composite in request.Composites())
        {
            results.Add(await DownloadCompositeAsync(composite, destinationDirectory, options, progress, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Runs a unified tile request without <see cref="SatDownloadClient"/> (see <see cref="DownloadTileAsync"/>).</summary>
    /// <param name="request">The unified request.</param>
    /// <param name="destinationDirectory">Where the file goes.</param>
    /// <param name="options">Naming and attribution settings.</param>
    /// <param name="progress">Download progress.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The file and its attribution.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused the request.</exception>
    public virtual Task<ClearSkyDownloadResult> DownloadAsync(
        ClearSkyTileImageryRequest request,
        string destinationDirectory,
        ClearSkyDownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return DownloadTileAsync(request.Request, destinationDirectory, options, progress, cancellationToken);
    }

    /// <summary>Runs a unified minitile request without <see cref="SatDownloadClient"/> (see <see cref="DownloadMiniTileAsync"/>).</summary>
    /// <param name="request">The unified request.</param>
    /// <param name="destinationDirectory">Where the file goes.</param>
    /// <param name="options">Naming and attribution settings.</param>
    /// <param name="progress">Download progress.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The file and its attribution.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused the request.</exception>
    public virtual Task<ClearSkyDownloadResult> DownloadAsync(
        ClearSkyMinitileImageryRequest request,
        string destinationDirectory,
        ClearSkyDownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return DownloadMiniTileAsync(request.Request, destinationDirectory, options, progress, cancellationToken);
    }

    /// <summary>
    /// Checks a unified composite request the way <see cref="SatDownloadClient"/> does before anything that costs: account
    /// limits, availability (when <see cref="ClearSkyCompositeImageryRequest.RequireAvailability"/>), then the estimate, for
    /// each of its dates.
    /// </summary>
    /// <param name="request">The unified request.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One estimate per date, in date order (each <see cref="ClearSkyEstimate.Cost"/> in <see cref="ClearSkyEstimate.CostUnit"/>).</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ClearSkyAccountLimitException">The AOI or band list exceeds the account's limits.</exception>
    /// <exception cref="ClearSkyNotAvailableException">ClearSKY says a composite is not available as requested.</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused a step, or an estimate carried no cost field.</exception>
    public virtual async Task<IReadOnlyList<ClearSkyEstimate>> EstimateAsync(ClearSkyCompositeImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var estimates = new List<ClearSkyEstimate>();
        foreach (var composite in request.Composites())
        {
            var payload = Prepare(composite);
            var (_, estimate) = await PreflightAsync(payload, new ClearSkyDownloadOptions { RequireAvailability = request.RequireAvailability }, cancellationToken).ConfigureAwait(false);
            if (estimate.Cost is null)
            {
                // Returning "no estimate" would let a budget's MaxCost be skipped; ClearSKY documents a cost, so its absence is a malformed answer.
                throw new ProviderRequestException(new ProviderErrorDetails
                {
                    Provider = ProviderNames.ClearSky,
                    Operation = "POST /" + EstimatePath,
                    Status = 200,
                    Message = "ClearSKY's estimate has no cost field (CreditEstimate, ProcessingUnitEstimate or ProcessingUnits), so the cost cannot be checked; nothing that costs was sent.",
                    IsRetryable = false,
                });
            }

            estimates.Add(estimate);
        }

        return estimates;
    }

    /// <summary>
    /// The finished task for a unified request, listing its POST-produced assets (one per composite date, or the tile);
    /// nothing is sent (ClearSKY has no
    /// order to create: the download request is what produces, and charges, the file). Run
    /// <see cref="EstimateAsync(ClearSkyCompositeImageryRequest, CancellationToken)"/> first for the availability and cost checks.
    /// </summary>
    /// <param name="request">A composite, tile or minitile request.</param>
    /// <param name="cost">The estimate to carry on the asset (checked again by the downloader's budget), or null.</param>
    /// <returns>A <see cref="CompletedProviderTask"/> whose id is stable for the request (from its fingerprint).</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid.</exception>
    /// <exception cref="ArgumentException">The request is not a ClearSKY composite, tile or minitile request.</exception>
    public virtual CompletedProviderTask CreateTask(ImageryRequest request, CostEstimate? cost = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        IReadOnlyList<ImageryAsset> assets = request switch
        {
            // Each composite of a series carries its share of the cost only when there is one (the sum is the request's estimate).
            ClearSkyCompositeImageryRequest composite => composite.Composites().Select(c => CompositeAsset(Prepare(c), composite.EffectiveDates.Count == 1 ? cost : null, null)).ToArray(),
            ClearSkyTileImageryRequest tile => [TileAsset(tile.Request, mini: false)],
            ClearSkyMinitileImageryRequest minitile => [TileAsset(minitile.Request, mini: true)],
            _ => throw new ArgumentException($"A {request.GetType().Name} is not a ClearSKY request; use ClearSkyCompositeImageryRequest, ClearSkyTileImageryRequest or ClearSkyMinitileImageryRequest.", nameof(request)),
        };
        return new CompletedProviderTask(ProviderNames.ClearSky, TaskIdOf(request), assets, request.Kind, timeProvider: TimeProvider);
    }

    /// <summary>The stable task id of a unified request: its kind and the start of its fingerprint.</summary>
    /// <param name="request">The request.</param>
    /// <returns>For example <c>composite-3f2a…</c>.</returns>
    public static string TaskIdOf(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind + "-" + request.GetFingerprint()[..32];
    }

    internal ClearSkyPayload Prepare(ClearSkyCompositeRequest request)
    {
        ClearSkyRequestValidator.ValidateComposite(request);
        var aoi = request.Aoi
            ?? (request.Wkt is { } wkt ? Aoi.FromWkt(wkt) : Aoi.FromGeoJson(request.GeoJson!.Value.GetRawText()));
        var resolved = request;
        if (request.Aoi is not null)
        {
            resolved = Options.GeometryEncoding == ClearSkyGeometryEncoding.Wkt
                ? request with { Aoi = null, Wkt = aoi.ToWkt() }
                : request with { Aoi = null, GeoJson = ParseJson(aoi.ToGeoJson()) };
        }

        if (resolved.EpsgProjection is null)
        {
            // ClearSKY needs an output CRS; the AOI's own UTM zone keeps metre pixels square and is what users expect.
            resolved = resolved with { EpsgProjection = aoi.UtmEpsgCode };
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(resolved, ClearSkyJsonContext.Default.ClearSkyCompositeRequest);
        var hash = Convert.ToHexString(SHA256.HashData(json)).ToLowerInvariant()[..12];
        return new ClearSkyPayload(resolved, aoi, json, hash);
    }

    private async Task<(ClearSkyAvailability Availability, ClearSkyEstimate Estimate)> PreflightAsync(ClearSkyPayload payload, ClearSkyDownloadOptions options, CancellationToken cancellationToken)
    {
        await CheckAccountAsync(payload, cancellationToken).ConfigureAwait(false);
        var availability = await AvailableAsync(payload, cancellationToken).ConfigureAwait(false);
        if (options.RequireAvailability)
        {
            EnsureAvailable(payload.Request, availability);
        }

        var estimate = await EstimateAsync(payload, cancellationToken).ConfigureAwait(false);
        if (options.Budget is { MaxCost: { } max } budget)
        {
            if (estimate.Cost is not { } cost)
            {
                throw new BudgetExceededException(BudgetLimit.Cost, 0m, max, ClearSkyEstimate.CostUnit,
                    "ClearSKY's estimate carried no cost field (CreditEstimate), so the budget cannot be checked; nothing was downloaded. Remove DownloadBudget.MaxCost to download without a cost check.");
            }

            budget.EnsureCostAllowed(cost);
        }

        Log.Estimated(_logger, payload.Hash, estimate.ProcessingUnitCost ?? 0m, estimate.AreaEstimateKm2 ?? 0d);
        return (availability, estimate);
    }

    private Task<ClearSkyAvailability> AvailableAsync(ClearSkyPayload payload, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, AvailablePath, payload.Json, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyAvailability, cancellationToken);

    private Task<ClearSkyEstimate> EstimateAsync(ClearSkyPayload payload, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, EstimatePath, payload.Json, ClearSkyJsonContext.Default.ClearSkyServiceResultClearSkyEstimate, cancellationToken);

    private static void EnsureAvailable(ClearSkyCompositeRequest request, ClearSkyAvailability a)
    {
        if (a.IsReady || request.AutomaticOrderCreation == true ||
            (request.AllowPartialImage == true && a.PartiallyAvailable && a.DataAvailableForUser && a.OrdersCoverPolygon))
        {
            return;
        }

        string reason;
        if (!a.PolygonInDataArea && !a.FullyAvailable && !a.PartiallyAvailable)
        {
            reason = "the AOI lies outside ClearSKY's data area";
        }
        else if (!a.OrdersCoverPolygon || !a.DataAvailableForUser)
        {
            reason = "the AOI and date are not covered by an order of this account; order them first or set AutomaticOrderCreation = true";
        }
        else if (a.PartiallyAvailable)
        {
            reason = "imagery covers only part of the AOI; set AllowPartialImage = true to accept a partial image";
        }
        else
        {
            reason = "no imagery is available for this date; pick a date from SearchAvailableDatesAsync";
        }

        throw new ClearSkyNotAvailableException(
            $"ClearSKY cannot produce the composite for {request.Date:yyyy-MM-dd}: {reason}. No composite request was sent (set ClearSkyDownloadOptions.RequireAvailability = false to send it anyway).",
            a);
    }

    private async Task CheckAccountAsync(ClearSkyPayload payload, CancellationToken cancellationToken)
    {
        if (Options.CheckAccountLimits)
        {
            var info = await CachedAsync(ref _accountCache, () => TryGetAccountInfoAsync()).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (info?.MaxCompositeAreaKm2 is { } maxArea && payload.Aoi.AreaSquareKilometers > maxArea)
            {
                throw new ClearSkyAccountLimitException("MaxCompositeAreaKm2", payload.Aoi.AreaSquareKilometers, maxArea,
                    "Split the AOI into smaller parts or use tile/minitile downloads. Nothing was sent.");
            }

            if (info?.MaxTotalBands is { } maxBands && ClearSkyRequestValidator.CountBands(payload.Request.Bandnames) is { } bands && bands > maxBands)
            {
                throw new ClearSkyAccountLimitException("MaxTotalBands", bands, maxBands, "Ask for fewer Bandnames. Nothing was sent.");
            }
        }

        if (Options.CheckModelConstellations)
        {
            var models = await CachedAsync(ref _modelsCache, () => TryGetModelsAsync()).WaitAsync(cancellationToken).ConfigureAwait(false);
            var model = models?.TaskingModels.FirstOrDefault(m => string.Equals(m.Model, payload.Request.Model, StringComparison.OrdinalIgnoreCase));
            if (models is not null && models.TaskingModels.Count > 0 && model is null)
            {
                throw new ArgumentException(
                    $"Model '{payload.Request.Model}' is not available to this account; use one of {string.Join(", ", models.TaskingModels.Select(m => m.Model))}.", "request.Model");
            }

            if (model is not null && model.SupportedSatelliteConstellations.Count > 0)
            {
                var supported = model.SupportedSatelliteConstellations.Select(s => s.SatelliteConstellation).ToList();
                var unsupported = payload.Request.SatelliteConstellations!.Where(c => !supported.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
                if (unsupported.Count > 0)
                {
                    throw new ArgumentException(
                        $"Model '{model.Model}' does not support {string.Join(", ", unsupported)}; it supports {string.Join(", ", supported)}.", "request.SatelliteConstellations");
                }
            }
        }
    }

    private async Task<ClearSkyAccountInfo?> TryGetAccountInfoAsync()
    {
        try
        {
            return await GetAccountInfoAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ProviderRequestException ex) when (ex.Status is 404 or 405 or 501)
        {
            // Older deployments only have /api/apikey/info (credit fields, no limits); the server then enforces 1004/1005 itself.
            return null;
        }
    }

    private async Task<ClearSkyTaskingModels?> TryGetModelsAsync()
    {
        try
        {
            return await GetModelsAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ProviderRequestException ex) when (ex.Status is 404 or 405 or 501)
        {
            // The model list is a convenience check; accounts or deployments without it fall back to server-side validation.
            return null;
        }
    }

    private Task<T> CachedAsync<T>(ref (DateTimeOffset Until, Task<T> Value)? cache, Func<Task<T>> load)
    {
        lock (_cacheGate)
        {
            var now = TimeProvider.GetUtcNow();
            if (cache is { } c && c.Until > now && !c.Value.IsFaulted && !c.Value.IsCanceled)
            {
                return c.Value;
            }

            var task = load();
            cache = (now + Options.MetadataCacheDuration, task);
            return task;
        }
    }

    private ImageryAsset CompositeAsset(ClearSkyPayload payload, CostEstimate? cost, string? attribution, bool pipelineRetriesBusy = false)
    {
        var r = payload.Request;
        var productId = string.Create(CultureInfo.InvariantCulture, $"composite-{r.Date:yyyyMMdd}-{payload.Hash}");
        var fileName = string.Create(CultureInfo.InvariantCulture, $"clearsky_{Sanitize(r.Model)}_{r.Date:yyyyMMdd}_{r.Resolution}m_{payload.Hash}.tif");
        return FileAsset(CompositePath, payload.Json, productId, "composite", fileName, r.SatelliteConstellations, r.Date, cost, attribution, payload.Aoi, pipelineRetriesBusy,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["clearsky:model"] = r.Model ?? string.Empty,
                ["clearsky:resolution"] = r.Resolution?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                ["clearsky:epsg"] = r.EpsgProjection?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            });
    }

    private ImageryAsset FileAsset(
        string path, byte[] json, string productId, string assetKey, string fileName, IReadOnlyList<string>? constellations, DateTimeOffset date,
        CostEstimate? cost, string? attribution, Aoi? aoi, bool pipelineRetriesBusy, IReadOnlyDictionary<string, string> properties)
    {
        // Whatever downloader fetches the file (this client's, or SatDownloadClient's shared one), a ClearSKY error on the
        // paid POST keeps its code and message, and "busy" (1003) is retried like a 429 — by the downloader, unless it sends
        // through this client's pipeline, which retries 1003 itself (retrying in both would multiply the attempts).
        // The file response's headers reach the capture whatever downloader sends the request; ClearSkyImageryProvider
        // reads the attribution header from it after SatDownloadClient's download.
        var capture = new ClearSkyResponseCapture();
        var location = new DownloadLocation(new Uri(Options.Endpoint, path))
        {
            OnResponse = capture.Record,
            Method = HttpMethod.Post,
            Body = json,
            BodyContentType = "application/json",
            AllowRanges = false,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [ClearSkyPipeline.ApiKeyHeader] = Options.ApiKey },
            ErrorDecoder = body => DecodeDownloadError(body, retryBusy: !pipelineRetriesBusy),
        };
        var asset = new ImageryAsset
        {
            Provider = ProviderNames.ClearSky,
            ProductId = productId,
            AssetKey = assetKey,
            Title = $"ClearSKY {assetKey} {date:yyyy-MM-dd}",
            MediaType = GeoTiffMediaType,
            Roles = [AssetRoles.Data],
            SuggestedFileName = fileName,
            Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(location)),
            Cost = cost,
            Attribution = attribution ?? ClearSkyAttribution.FromConstellations(constellations, date.Year),
            Footprint = aoi?.Geometry,
            AcquiredAt = date,
            Properties = properties,
        };
        capture.AttachTo(asset);
        return asset;
    }

    private async Task<ClearSkyDownloadResult> DownloadTileCoreAsync(
        ClearSkyTileRequest request, bool mini, string destinationDirectory, ClearSkyDownloadOptions? options, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ClearSkyRequestValidator.ValidateTile(request, mini);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        options ??= new ClearSkyDownloadOptions();
        var path = mini ? MiniTilePath : TilePath;
        var json = JsonSerializer.SerializeToUtf8Bytes(request, ClearSkyJsonContext.Default.ClearSkyTileRequest);
        if (request.UploadUrl is { } uploadUrl)
        {
            var uploaded = await UploadAsync(path, json, uploadUrl, request.SatelliteConstellations, request.Date, null, cancellationToken).ConfigureAwait(false);
            return new ClearSkyDownloadResult { Attribution = uploaded.Attribution, AttributionFromProvider = uploaded.AttributionFromProvider, IsUploaded = true, UploadedTo = uploaded.UploadedTo };
        }

        var asset = TileAsset(request, mini, json, _downloaderRetriesBusy);
        return await DownloadFileAsync(asset, destinationDirectory, options, progress, "POST /" + path, null, null, cancellationToken).ConfigureAwait(false);
    }

    private ImageryAsset TileAsset(ClearSkyTileRequest request, bool mini, byte[]? json = null, bool pipelineRetriesBusy = false)
    {
        json ??= JsonSerializer.SerializeToUtf8Bytes(request, ClearSkyJsonContext.Default.ClearSkyTileRequest);
        var kind = mini ? "minitile" : "tile";
        var guid = (mini ? request.MiniTileGuid : request.TileGuid)!.Value.ToString("D");
        return FileAsset(mini ? MiniTilePath : TilePath, json, string.Create(CultureInfo.InvariantCulture, $"{kind}-{guid}-{request.Date:yyyyMMdd}"), kind,
            string.Create(CultureInfo.InvariantCulture, $"clearsky_{kind}_{guid}_{request.Date:yyyyMMdd}.tif"), request.SatelliteConstellations, request.Date, null, null, null, pipelineRetriesBusy,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["clearsky:" + kind] = guid, ["clearsky:model"] = request.Model ?? string.Empty });
    }

    private async Task<ClearSkyDownloadResult> DownloadFileAsync(
        ImageryAsset asset, string destinationDirectory, ClearSkyDownloadOptions options, IProgress<DownloadProgress>? progress, string operation,
        ClearSkyAvailability? availability, ClearSkyEstimate? estimate, CancellationToken cancellationToken)
    {
        var capture = new ClearSkyResponseCapture();
        var previous = ClearSkyResponseCapture.Current;
        ClearSkyResponseCapture.Current = capture;
        DownloadResult result;
        try
        {
            var downloadOptions = options.Download ?? DownloadOptions.Default;
            if (options.Budget is not null)
            {
                downloadOptions = downloadOptions with { Budget = options.Budget };
            }

            result = await _downloader.DownloadAsync(asset, destinationDirectory, downloadOptions, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ClearSkyResponseCapture.Current = previous;
        }

        if (!result.Succeeded)
        {
            throw TranslateDownloadFailure(result, operation);
        }

        var filePath = result.FilePath!;
        if (options.UseServerFileName && capture.FileName is { Length: > 0 } serverName && !result.Skipped &&
            !string.Equals(Path.GetFileName(filePath), serverName, StringComparison.Ordinal))
        {
            // With the default template the folder is specific to this payload (its hash is in the product id), so a file of
            // the same name there is an earlier download of the very same request and may be replaced; elsewhere an existing
            // file is never overwritten and the SDK's name is kept.
            var folder = Path.GetDirectoryName(filePath)!;
            var target = Path.Combine(folder, serverName);
            var ownFolder = string.Equals(Path.GetFileName(folder), asset.ProductId, StringComparison.Ordinal);
            if (ownFolder || !File.Exists(target))
            {
                File.Move(filePath, target, overwrite: ownFolder);
                filePath = target;
            }
        }

        var settled = await ClearSkyAttribution.SettleAsync(
            filePath,
            capture.Attribution ?? ClearSkyResponseCapture.Of(asset)?.Attribution,
            estimate?.Attribution ?? availability?.Attribution,
            asset.Attribution!,
            options.WriteAttributionFile,
            cancellationToken).ConfigureAwait(false);

        return new ClearSkyDownloadResult
        {
            Availability = availability,
            Estimate = estimate,
            Download = result,
            FilePath = filePath,
            Sha256 = result.Sha256,
            BytesWritten = result.BytesWritten,
            ServerFileName = capture.FileName,
            Attribution = settled.Notice,
            AttributionFromProvider = settled.FromProvider,
            AttributionFilePath = settled.FilePath,
        };
    }

    private DecodedProviderError? DecodeDownloadError(ProviderErrorBody body, bool retryBusy)
    {
        var decoded = ClearSkyErrorDecoder.Decode(body);
        if (decoded is null)
        {
            return null;
        }

        return new DecodedProviderError
        {
            ErrorCode = decoded.ErrorCode,
            Message = decoded.Message,
            RequestId = decoded.RequestId,
            IsRetryable = retryBusy ? decoded.IsRetryable : null,
            RetryAfter = decoded.RetryAfter ?? (body.Headers?.RetryAfter is { } header ? RetryAfterParser.Parse(header, TimeProvider.GetUtcNow()) : null),
        };
    }

    private static Exception TranslateDownloadFailure(DownloadResult result, string operation)
    {
        for (var ex = result.Exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is ProviderRequestException { BodyExcerpt: { Length: > 0 } excerpt } pre && ClearSkyErrorDecoder.ReadCode(excerpt) is not null)
            {
                // The downloader keeps the error body; decoding it here gives the same ClearSKY code and message as the JSON endpoints.
                return ProviderErrors.Create(new ProviderErrorBody(pre.Status, "application/json", excerpt), ProviderNames.ClearSky, operation,
                    ClearSkyErrorDecoder.Decode, pre.RetryAfter, pre.RequestId);
            }
        }

        return result.Exception switch
        {
            SatDownloadException known => known,
            OperationCanceledException canceled => canceled,
            { } other => new DownloadFailedException($"The ClearSKY download {result.Asset.Identity} failed: {Redactor.Redact(other.Message)}", other),
            null => new DownloadFailedException($"The ClearSKY download {result.Asset.Identity} failed."),
        };
    }

    private async Task<(string Attribution, bool AttributionFromProvider, string UploadedTo)> UploadAsync(
        string path, byte[] json, string uploadUrl, IReadOnlyList<string>? constellations, DateTimeOffset date, string? knownAttribution, CancellationToken cancellationToken)
    {
        var operation = "POST /" + path;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.Endpoint, path)) { Content = JsonContent(json) };
        message.WithOperation(operation);
        using var response = await SendRawAsync(message, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProviderErrors.CreateExceptionAsync(response, ProviderNames.ClearSky, operation, ClearSkyErrorDecoder.Decode, timeProvider: TimeProvider, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode != HttpStatusCode.Created)
        {
            Log.UnexpectedUploadStatus(_logger, (int)response.StatusCode);
        }

        var fromProvider = ClearSkyAttribution.FromHeaders(response) ?? knownAttribution;
        return (fromProvider ?? ClearSkyAttribution.FromConstellations(constellations, date.Year), fromProvider is not null, Redactor.RedactUri(new Uri(uploadUrl)));
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? json, JsonTypeInfo<ClearSkyServiceResult<T>> typeInfo, CancellationToken cancellationToken)
    {
        var operation = method.Method + " /" + path;
        using var message = new HttpRequestMessage(method, new Uri(Options.Endpoint, path));
        if (json is not null)
        {
            message.Content = JsonContent(json);
        }

        message.WithOperation(operation);
        using var response = await SendRawAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var envelope = await ProviderJson.ReadAsync(response, typeInfo, ProviderNames.ClearSky, operation, ClearSkyErrorDecoder.Decode, cancellationToken).ConfigureAwait(false);
        if (!envelope.Succeeded || envelope.Data is null)
        {
            var code = envelope.Error?.Code;
            var text = JsonSerializer.Serialize(new ClearSkyServiceResult<JsonElement> { Succeeded = false, Error = envelope.Error, Data = NullElement }, ClearSkyJsonContext.Default.ClearSkyServiceResultJsonElement);
            throw ProviderErrors.Create(
                new ProviderErrorBody((int)response.StatusCode, "application/json", text, response.Headers),
                ProviderNames.ClearSky,
                operation,
                b => ClearSkyErrorDecoder.Decode(b) ?? new DecodedProviderError
                {
                    ErrorCode = code?.ToString(CultureInfo.InvariantCulture),
                    Message = envelope.Succeeded ? "ClearSKY reported success but sent no Data." : "ClearSKY reported a failure without an error message.",
                });
        }

        return envelope.Data;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage message, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            throw ProviderErrors.FromTransportFailure(ex, ProviderNames.ClearSky, operation);
        }
    }

    private static ByteArrayContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void RejectUploadUrl(string? uploadUrl)
    {
        if (uploadUrl is not null)
        {
            throw new ArgumentException("This request has an UploadUrl, so ClearSKY would upload the file instead of returning it. Use UploadCompositeAsync, or remove UploadUrl.", "request.UploadUrl");
        }
    }

    private static string Sanitize(string? text) =>
        string.IsNullOrEmpty(text) ? "model" : new string(text.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static AssetDownloaderOptions DownloaderOptions(ClearSkyClientOptions options, ILoggerFactory? loggerFactory)
    {
        if (options.DownloaderOptions is { } given)
        {
            return given;
        }

        // ClearSKY renders the composite before the first byte, so the headers can take as long as a whole attempt.
        return new AssetDownloaderOptions
        {
            LoggerFactory = loggerFactory,
            ResponseHeadersTimeout = options.Retry.PerAttemptTimeout ?? TimeSpan.FromMinutes(10),
        };
    }
}
