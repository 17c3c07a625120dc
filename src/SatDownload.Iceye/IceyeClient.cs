using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.Http;
using SatDownload.Iceye.Assets;
using SatDownload.Iceye.Errors;
using SatDownload.Iceye.Http;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Serialization;
using SatDownload.Iceye.Tasks;
using SatDownload.Iceye.Unified;
using SatDownload.Iceye.Validation;

namespace SatDownload.Iceye;

/// <summary>
/// The ICEYE Tasking API v2 client: create, poll, list and cancel tasks, list contracts, and turn a task's products into
/// <see cref="ImageryAsset"/>s whose one-hour URLs renew themselves during downloads.
/// Thread-safe and immutable; create one per set of credentials and reuse it.
/// </summary>
public class IceyeClient
{
    /// <summary>The <c>Accept</c> value ICEYE asks for on every call, so errors come back as problem details.</summary>
    public const string AcceptHeaderValue = "application/json, application/problem+json";

    private const string TasksPath = "api/tasking/v2/tasks";
    private const string ContractsPath = "api/company/v1/contracts";

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly int _pageSize;
    private readonly TimeProvider _timeProvider;
    private readonly TaskPollingOptions _polling;
    private readonly IceyeAssetResolver _resolver;

    /// <summary>For mocking.</summary>
    protected IceyeClient()
    {
        _http = null!;
        _baseAddress = new Uri(IceyeClientOptions.DefaultBaseAddress);
        _timeProvider = TimeProvider.System;
        _polling = new TaskPollingOptions();
        _resolver = null!;
    }

    /// <summary>
    /// Creates a client that authenticates by itself: OAuth2 client credentials (HTTP Basic) against
    /// <see cref="IceyeClientOptions.TokenEndpoint"/>, with retries and the optional rate limit.
    /// </summary>
    /// <param name="options">The options, with credentials (see <see cref="IceyeClientOptions.FromEnvironment"/>).</param>
    /// <exception cref="ArgumentException">A credential is missing or an option is out of range.</exception>
    public IceyeClient(IceyeClientOptions options)
        : this(IceyeHttpPipeline.CreateHttpClient(options), options)
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> that already authenticates (for example one from
    /// <c>AddSatDownload().AddIceye(...)</c>, or one whose handlers add the bearer token).
    /// </summary>
    /// <param name="httpClient">The HTTP client; its <c>BaseAddress</c> is ignored in favour of <paramref name="options"/>.</param>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    [ActivatorUtilitiesConstructor]
    public IceyeClient(HttpClient httpClient, IceyeClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= new IceyeClientOptions();
        options.Validate();
        _http = httpClient;
        var baseText = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/");
        _pageSize = options.PageSize;
        _timeProvider = options.TimeProvider;
        _polling = options.Polling;
        SignedUrlLifetime = options.SignedUrlLifetime;
        Redactor.RegisterSecret(options.ClientSecret);
        _resolver = new IceyeAssetResolver(this, _timeProvider, options.SignedUrlRefreshMargin);
    }

    /// <summary>The API base address.</summary>
    public virtual Uri BaseAddress => _baseAddress;

    /// <summary>How long a listed download URL stays valid.</summary>
    public virtual TimeSpan SignedUrlLifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>The resolver attached to every asset this client creates.</summary>
    public virtual IceyeAssetResolver AssetResolver => _resolver;

    /// <summary>The clock the client uses.</summary>
    protected TimeProvider TimeProvider => _timeProvider;

    /// <summary>The polling defaults of tasks created by this client.</summary>
    internal TaskPollingOptions PollingOptions => _polling;

    /// <summary>The clock, for the unified provider's pre-order checks.</summary>
    internal TimeProvider Clock => _timeProvider;

    /// <summary>
    /// Runs an <see cref="IceyeTaskImageryRequest"/> without <see cref="SatDownloadClient"/>: validates it (no network),
    /// then creates its task, or reads the existing task it names.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task; wait on it with <see cref="ProviderTask.WaitForCompletionAsync"/>, then list its assets.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ICEYE refused the call.</exception>
    public virtual async Task<IceyeTask> StartAsync(IceyeTaskImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.TaskId is { } existing)
        {
            return await ResumeAsync(request, existing, cancellationToken).ConfigureAwait(false);
        }

        var problems = IceyeTaskRequestValidator.GetProblems(request.TaskRequest!, _timeProvider.GetUtcNow());
        if (problems.Count > 0)
        {
            throw new ImageryRequestValidationException("IceyeTaskImageryRequest.TaskRequest", "is invalid; nothing was sent. " + string.Join(" ", problems));
        }

        var created = await CreateTaskAsync(request.TaskRequest!, cancellationToken).ConfigureAwait(false);
        return request.DownloadWhenFulfilled ? new IceyeTask(this, created.Info!, _timeProvider, completeWhenFulfilled: true) : created;
    }

    /// <summary>Reads a task of a unified request by id (orders nothing), with the request's notion of completion.</summary>
    internal async Task<IceyeTask> ResumeAsync(IceyeTaskImageryRequest request, string taskId, CancellationToken cancellationToken)
    {
        var info = await GetTaskInfoAsync(taskId, cancellationToken).ConfigureAwait(false);
        return new IceyeTask(this, info, _timeProvider, request.DownloadWhenFulfilled);
    }

    /// <summary>Creates a task (<c>POST /api/tasking/v2/tasks</c>) after validating the request locally.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task, RECEIVED; wait on it with <see cref="ProviderTask.WaitForCompletionAsync"/>.</returns>
    /// <exception cref="ArgumentException">The request is invalid (nothing was sent).</exception>
    /// <exception cref="ProviderRequestException">ICEYE refused it (for example a mode the contract does not allow: 400 with ICEYE's details).</exception>
    public virtual async Task<IceyeTask> CreateTaskAsync(IceyeCreateTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IceyeTaskRequestValidator.Validate(request, _timeProvider.GetUtcNow());
        var body = JsonSerializer.SerializeToUtf8Bytes(request, IceyeJsonContext.Default.IceyeCreateTaskRequest);
        var info = await SendAsync(HttpMethod.Post, TasksPath, "POST /api/tasking/v2/tasks", body, IceyeJsonContext.Default.IceyeTaskInfo, TaskProblem, cancellationToken).ConfigureAwait(false);
        return new IceyeTask(this, info, _timeProvider);
    }

    /// <summary>Reads a task (<c>GET /api/tasking/v2/tasks/{id}</c>).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task as ICEYE returns it.</returns>
    public virtual Task<IceyeTaskInfo> GetTaskInfoAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(taskId);
        return SendAsync(HttpMethod.Get, TasksPath + "/" + Uri.EscapeDataString(id), "GET /api/tasking/v2/tasks/{id}", null, IceyeJsonContext.Default.IceyeTaskInfo, TaskProblem, cancellationToken);
    }

    /// <summary>Reads a task and returns it as a <see cref="ProviderTask"/> to poll, cancel and download from.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task with its current state.</returns>
    public virtual async Task<IceyeTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var info = await GetTaskInfoAsync(taskId, cancellationToken).ConfigureAwait(false);
        return new IceyeTask(this, info, _timeProvider);
    }

    /// <summary>Rehydrates a task from its id without calling ICEYE (the first poll reads its state).</summary>
    /// <param name="taskIdOrRehydrationToken">The task id, or a <see cref="ProviderTask.RehydrationToken"/> (<c>iceye:tasking:&lt;id&gt;</c>).</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">The token belongs to another provider or kind.</exception>
    public virtual IceyeTask GetTask(string taskIdOrRehydrationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskIdOrRehydrationToken);
        var id = taskIdOrRehydrationToken.Trim();
        var prefix = ProviderNames.Iceye + ":" + IceyeTask.TaskKind + ":";
        if (id.StartsWith(prefix, StringComparison.Ordinal))
        {
            id = id[prefix.Length..];
        }
        else if (id.Count(c => c == ':') >= 2)
        {
            throw new ArgumentException(
                $"'{id}' is not an ICEYE task id or rehydration token (expected '{prefix}<task id>').", nameof(taskIdOrRehydrationToken));
        }

        return new IceyeTask(this, RequireId(id), _timeProvider);
    }

    /// <summary>Lists the company's tasks (<c>GET /api/tasking/v2/tasks</c>), following the cursor lazily.</summary>
    /// <param name="pageSize">Items per request; <see cref="IceyeClientOptions.PageSize"/> when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The tasks.</returns>
    public virtual async IAsyncEnumerable<IceyeTaskInfo> GetTasksAsync(int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await GetTasksPageAsync(cursor, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var task in page.Data)
            {
                yield return task;
            }

            cursor = page.Cursor;
        }
        while (!string.IsNullOrEmpty(cursor));
    }

    /// <summary>Reads one page of tasks.</summary>
    /// <param name="cursor">The cursor of the previous page, or null for the first.</param>
    /// <param name="pageSize">Items per request; <see cref="IceyeClientOptions.PageSize"/> when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; <see cref="IceyePage{T}.HasMore"/> tells whether another follows.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is below 1.</exception>
    public virtual Task<IceyePage<IceyeTaskInfo>> GetTasksPageAsync(string? cursor = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var limit = pageSize ?? _pageSize;
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), limit, "The ICEYE page size must be at least 1.");
        }

        var path = TasksPath + "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + CursorQuery(cursor, "&");
        return SendAsync(HttpMethod.Get, path, "GET /api/tasking/v2/tasks", null, IceyeJsonContext.Default.IceyePageIceyeTaskInfo, static p => IceyeResponseValidator.ProblemOf(p, IceyeResponseValidator.ProblemOf), cancellationToken);
    }

    /// <summary>
    /// Cancels a task (<c>PATCH /api/tasking/v2/tasks/{id}</c> with <c>{"status":"CANCELED"}</c>). ICEYE allows it only
    /// while the task is RECEIVED or ACTIVE.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cancelled task.</returns>
    /// <exception cref="IceyeTaskNotCancelableException">ICEYE refused because the task is past ACTIVE.</exception>
    public virtual async Task<IceyeTaskInfo> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(taskId);
        var body = JsonSerializer.SerializeToUtf8Bytes(new IceyeCancelTaskRequest(), IceyeJsonContext.Default.IceyeCancelTaskRequest);
        try
        {
            return await SendAsync(HttpMethod.Patch, TasksPath + "/" + Uri.EscapeDataString(id), "PATCH /api/tasking/v2/tasks/{id}", body, IceyeJsonContext.Default.IceyeTaskInfo, TaskProblem, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderRequestException refused) when (refused.Status is 400 or 409)
        {
            IceyeTaskStatus? status = null;
            try
            {
                status = (await GetTaskInfoAsync(id, cancellationToken).ConfigureAwait(false)).Status;
            }
            catch (ProviderRequestException)
            {
                // The refusal is what matters; the status only makes the message clearer.
            }

            if (status is { } s && IceyeStatusMapping.IsCancelable(s))
            {
                throw;
            }

            throw new IceyeTaskNotCancelableException(id, status, refused);
        }
    }

    /// <summary>Lists the company's contracts (<c>GET /api/company/v1/contracts</c>), following the cursor lazily.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The contracts.</returns>
    public virtual async IAsyncEnumerable<IceyeContract> GetContractsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await SendAsync(HttpMethod.Get, ContractsPath + CursorQuery(cursor, "?"), "GET /api/company/v1/contracts", null, IceyeJsonContext.Default.IceyePageIceyeContract, static p => IceyeResponseValidator.ProblemOf(p, IceyeResponseValidator.ProblemOf), cancellationToken).ConfigureAwait(false);
            foreach (var contract in page.Data)
            {
                yield return contract;
            }

            cursor = page.Cursor;
        }
        while (!string.IsNullOrEmpty(cursor));
    }

    /// <summary>
    /// Lists a task's products with their pre-signed URLs, following every cursor page
    /// (<c>GET /api/tasking/v2/tasks/{id}/products</c>, or <c>.../products/{type}</c> for one type).
    /// A 404 (task not FULFILLED yet, or that type not produced yet) is a listing with <see cref="IceyeProductListing.IsReady"/> false.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="productType">One product type, or null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The listing. Its URLs expire after <see cref="SignedUrlLifetime"/>: do not store them.</returns>
    public virtual async Task<IceyeProductListing> GetProductsAsync(string taskId, IceyeProductType? productType = null, CancellationToken cancellationToken = default)
    {
        var id = RequireId(taskId);
        if (productType is { } t && string.IsNullOrWhiteSpace(t.Value))
        {
            throw new ArgumentException("The product type is empty: use an IceyeProductType member such as IceyeProductType.GrdCog, or null for all types.", nameof(productType));
        }

        var basePath = TasksPath + "/" + Uri.EscapeDataString(id) + "/products" + (productType is { } type ? "/" + Uri.EscapeDataString(type.Value) : string.Empty);
        var operation = productType is null ? "GET /api/tasking/v2/tasks/{id}/products" : "GET /api/tasking/v2/tasks/{id}/products/{productType}";
        var retrievedAt = _timeProvider.GetUtcNow();
        var products = new List<IceyeProduct>();
        string? cursor = null;
        do
        {
            IceyePage<IceyeProduct> page;
            try
            {
                page = await SendAsync(HttpMethod.Get, basePath + CursorQuery(cursor, "?"), operation, null, IceyeJsonContext.Default.IceyePageIceyeProduct, static p => IceyeResponseValidator.ProblemOf(p, IceyeResponseValidator.ProblemOf), cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderRequestException notFound) when (notFound.Status == 404 && products.Count == 0)
            {
                return new IceyeProductListing(id, productType, isReady: false, Array.Empty<IceyeProduct>(), retrievedAt, notFound.ProviderMessage);
            }

            products.AddRange(page.Data);
            cursor = page.Cursor;
        }
        while (!string.IsNullOrEmpty(cursor));

        return new IceyeProductListing(id, productType, isReady: true, products, retrievedAt);
    }

    /// <summary>
    /// Lists a task's files as <see cref="ImageryAsset"/>s for <c>AssetDownloader</c>, filtered before download.
    /// Yields nothing while the products are not ready (task not FULFILLED). In FULFILLED this is the SLA products; in DONE, all.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="filter">Which files to keep; all when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The assets, each with a resolver that renews its URL.</returns>
    public virtual async IAsyncEnumerable<ImageryAsset> GetAssetsAsync(string taskId, IceyeAssetFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The whole listing rather than /products/{type}: only the former is confirmed, and filtering is local anyway.
        var listing = await GetProductsAsync(taskId, productType: null, cancellationToken).ConfigureAwait(false);
        foreach (var asset in CreateAssets(listing, filter))
        {
            yield return asset;
        }
    }

    /// <summary>Turns a product listing into assets (no network call).</summary>
    /// <param name="listing">The listing.</param>
    /// <param name="filter">Which files to keep; all when null.</param>
    /// <returns>The assets.</returns>
    public virtual IReadOnlyList<ImageryAsset> CreateAssets(IceyeProductListing listing, IceyeAssetFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var assets = new List<ImageryAsset>();
        foreach (var product in listing.Products)
        {
            if (filter is not null && !filter.Matches(product))
            {
                continue;
            }

            assets.AddRange(IceyeAssetFactory.Create(listing.TaskId, product, listing.RetrievedAt, SignedUrlLifetime, AssetResolver)
                .Where(a => filter is null || filter.Matches(a)));
        }

        return assets;
    }

    /// <inheritdoc />
    public override string ToString() => $"IceyeClient({Redactor.RedactUri(_baseAddress)})";

    private static string RequireId(string taskId)
    {
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new ArgumentException("The ICEYE task id is empty: pass the id returned by CreateTaskAsync or GetTasksAsync.", nameof(taskId));
        }

        return taskId.Trim();
    }

    private static string CursorQuery(string? cursor, string separator) =>
        string.IsNullOrEmpty(cursor) ? string.Empty : separator + "cursor=" + Uri.EscapeDataString(cursor);

    private static string? TaskProblem(IceyeTaskInfo task) => IceyeResponseValidator.ProblemOf(task);

    private async Task<T> SendAsync<T>(HttpMethod method, string relativePath, string operation, byte[]? body, JsonTypeInfo<T> typeInfo, Func<T, string?> validate, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, relativePath)).WithOperation(operation);
        request.Headers.Accept.ParseAdd(AcceptHeaderValue);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            throw ProviderErrors.FromTransportFailure(ex, ProviderNames.Iceye, operation);
        }

        using (response)
        {
            var value = await ProviderJson.ReadAsync(response, typeInfo, ProviderNames.Iceye, operation, IceyeErrorDecoder.Decode, cancellationToken).ConfigureAwait(false);
            if (validate(value) is { } problem)
            {
                throw new ProviderRequestException(new ProviderErrorDetails
                {
                    Provider = ProviderNames.Iceye,
                    Operation = operation,
                    Status = (int)response.StatusCode,
                    ErrorCode = "INVALID_RESPONSE",
                    Message = problem,
                    RequestId = ProviderErrors.GetRequestId(response.Headers),
                    IsRetryable = false,
                });
            }

            return value;
        }
    }
}
