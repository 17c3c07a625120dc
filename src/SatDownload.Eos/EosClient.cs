using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetTopologySuite.Geometries;
using SatDownload.Eos.Http;
using SatDownload.Eos.Models;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Validation;
using SatDownload.Http;

namespace SatDownload.Eos;

/// <summary>
/// Client for EOS Data Analytics API Connect: scene search (source of <c>view_id</c>) and load-by-extent tasks whose
/// results are downloaded with the shared <c>AssetDownloader</c>. Immutable and thread-safe; cache and reuse it.
/// </summary>
/// <remarks>
/// Every call goes through the shared client-side limiter (10 requests per minute per endpoint and API key, shared by
/// every client using the same key), retries transient failures honouring <c>Retry-After</c>, and sends the key as the
/// <c>x-api-key</c> header (or the <c>api_key</c> query parameter when configured), never logging it.
/// </remarks>
public partial class EosClient
{
    internal const string TaskEndpoint = "api/gdw/api";
    internal const string SearchEndpoint = "api/lms/search/v2";
    internal const string StatusOperation = "GET /" + TaskEndpoint + "/{task_id}";

    private readonly HttpClient _http = null!;
    private readonly EosRateLimits _limits = null!;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly HashSet<string> _loggedStatuses = new(StringComparer.Ordinal);
    private readonly EosClientOptions _options;

    /// <summary>For mocking.</summary>
    protected EosClient()
    {
        _options = new EosClientOptions();
        TimeProvider = TimeProvider.System;
    }

    /// <summary>Creates a client for the production endpoint with an API key.</summary>
    /// <param name="apiKey">The API key from the EOS developer portal.</param>
    public EosClient(string apiKey)
        : this(new EosClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Creates a client with its own HTTP pipeline (auth, retries, the shared rate limiter).</summary>
    /// <param name="options">The options; copied.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public EosClient(EosClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, httpClient: null, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> already configured by <c>AddSatDownload().AddEos(...)</c>
    /// (which adds the API key, retry and rate-limit handlers); the client does not own it.
    /// </summary>
    /// <param name="httpClient">The configured client.</param>
    /// <param name="options">The options; copied.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public EosClient(HttpClient httpClient, EosClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), loggerFactory)
    {
    }

    private EosClient(EosClientOptions options, HttpClient? httpClient, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _options.Endpoint = EnsureTrailingSlash(options.Endpoint);
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        Redactor.RegisterSecret(_options.ApiKey);
        _logger = (ILogger?)loggerFactory?.CreateLogger<EosClient>() ?? NullLogger.Instance;
        _limits = new EosRateLimits(_options.RateLimiterRegistry ?? RateLimiterRegistry.Shared, _options.ApiKey, _options.RequestsPerMinute, _options.RequestBurst, _options.EndpointRequestsPerMinute);
        _http = httpClient ?? EosPipeline.CreateHttpClient(_options, _limits, TimeProvider, loggerFactory);
    }

    /// <summary>The options in force (a copy each time; changing it has no effect on the client).</summary>
    public virtual EosClientOptions Options => _options.Clone();

    /// <summary>The options in force, without copying (read-only by convention).</summary>
    internal EosClientOptions Settings => _options;

    /// <summary>The clock used for polling, limits and expiry.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>
    /// Searches scenes page by page (<c>page</c>/<c>limit</c>), yielding each scene. One dataset uses
    /// <c>POST /api/lms/search/v2/{dataset}</c>; several use the multi-dataset form with <c>search.satellites</c>.
    /// </summary>
    /// <param name="request">The search.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The scenes, in the requested sort order.</returns>
    /// <exception cref="ArgumentException">The request is invalid (thrown before any call, on first enumeration).</exception>
    /// <exception cref="ProviderRequestException">EOS refused the search.</exception>
    public virtual async IAsyncEnumerable<EosScene> SearchScenesAsync(EosSceneSearchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var polygon = EosRequestValidator.ValidateSearch(request, _options.SearchPageSize);
        var pageSize = request.PageSize ?? _options.SearchPageSize;
        var single = request.Datasets.Count == 1;
        var path = single ? SearchEndpoint + "/" + Uri.EscapeDataString(request.Datasets[0].Trim()) : SearchEndpoint;
        var fields = request.Fields is null ? null : request.Fields.Contains("view_id", StringComparer.Ordinal) ? request.Fields : request.Fields.Append("view_id").ToArray();
        var yielded = 0;
        for (var page = 1; ; page++)
        {
            var body = new EosSearchBody
            {
                Fields = fields,
                Limit = pageSize,
                Page = page,
                Search = new EosSearchFilter
                {
                    Satellites = single ? null : request.Datasets.Select(d => d.Trim()).ToArray(),
                    Date = new EosRange<string> { From = request.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To = request.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                    CloudCoverage = request.MinCloudCoverage is null && request.MaxCloudCoverage is null
                        ? null
                        : new EosRange<double> { From = request.MinCloudCoverage ?? 0, To = request.MaxCloudCoverage ?? 100 },
                    Shape = EosGeometryConverter.ToEos(polygon),
                    ShapeRelation = request.ShapeRelation,
                },
                Sort = new Dictionary<string, string>(StringComparer.Ordinal) { [request.SortBy] = request.SortDescending ? "desc" : "asc" },
                IntersectionValidation = request.IntersectionValidation,
            };
            var json = JsonSerializer.SerializeToUtf8Bytes(body, EosJsonContext.Default.EosSearchBody);
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Endpoint, path)) { Content = JsonContent(json) };
            var operation = "POST /" + SearchEndpoint + (single ? "/{dataset}" : string.Empty);
            var result = await SendForJsonAsync(message, operation, EosJsonContext.Default.EosSearchResponse, cancellationToken).ConfigureAwait(false);
            CheckSearchResponse(result, operation);
            foreach (var scene in result.Results)
            {
                yield return scene;
                if (request.MaxResults is { } max && ++yielded >= max)
                {
                    yield break;
                }
            }

            if (result.Results.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Creates a load-by-extent task for one polygon. The request is validated (view id, unique non-empty bands, Polygon
    /// geometry, callback URL) before anything is sent; a missing reference is generated.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task, already in its first state.</returns>
    /// <exception cref="ArgumentException">The request is invalid, or its geometry has several polygons (use <see cref="CreateLoadByExtentTasksAsync"/>).</exception>
    /// <exception cref="ProviderRequestException">EOS refused the task.</exception>
    public virtual async Task<EosLoadByExtentTask> CreateLoadByExtentTaskAsync(EosLoadByExtentRequest request, CancellationToken cancellationToken = default)
    {
        var polygons = EosRequestValidator.ValidateLoadByExtent(request);
        if (polygons.Count > 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"EosLoadByExtentRequest.Geometry has {polygons.Count} polygons, which makes {polygons.Count} tasks: call CreateLoadByExtentTasksAsync instead."),
                nameof(request));
        }

        return await CreateOneAsync(request, polygons[0], request.Reference ?? NewReference(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates one load-by-extent task per polygon of the request's geometry (a Polygon gives one task; a MultiPolygon
    /// needs <see cref="EosMultiPolygonHandling.SplitIntoTasks"/>). References get a <c>-p1</c>, <c>-p2</c>, ... suffix.
    /// Every polygon is validated before the first task is created.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The tasks, in polygon order.</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="ProviderRequestException">EOS refused a task (the tasks created before it keep running).</exception>
    public virtual async Task<IReadOnlyList<EosLoadByExtentTask>> CreateLoadByExtentTasksAsync(EosLoadByExtentRequest request, CancellationToken cancellationToken = default)
    {
        var polygons = EosRequestValidator.ValidateLoadByExtent(request);
        var reference = request.Reference ?? NewReference();
        var tasks = new List<EosLoadByExtentTask>(polygons.Count);
        for (var i = 0; i < polygons.Count; i++)
        {
            var r = polygons.Count == 1 ? reference : string.Create(CultureInfo.InvariantCulture, $"{reference}-p{i + 1}");
            tasks.Add(await CreateOneAsync(request, polygons[i], r, cancellationToken).ConfigureAwait(false));
        }

        return tasks;
    }

    /// <summary>
    /// Rehydrates a load-by-extent task from its id (or its <see cref="ProviderTask.RehydrationToken"/>) without calling EOS.
    /// </summary>
    /// <param name="taskIdOrRehydrationToken">The task id, or <c>eos:lbe:{id}</c>.</param>
    /// <param name="info">What the task was asked for, when known (keeps the result-type prediction and file names).</param>
    /// <returns>The task; poll it with <see cref="ProviderTask.UpdateStatusAsync"/>.</returns>
    /// <exception cref="ArgumentException">The id is blank or the token is for another provider or kind.</exception>
    public virtual EosLoadByExtentTask GetLoadByExtentTask(string taskIdOrRehydrationToken, EosLoadByExtentTaskInfo? info = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskIdOrRehydrationToken);
        var id = taskIdOrRehydrationToken.Trim();
        var prefix = ProviderNames.Eos + ":";
        if (id.StartsWith(prefix, StringComparison.Ordinal))
        {
            var parts = id.Split(':', 3);
            if (parts.Length != 3 || parts[1] != EosLoadByExtentTask.TaskKind || string.IsNullOrWhiteSpace(parts[2]))
            {
                throw new ArgumentException($"'{id}' is not a load-by-extent rehydration token; expected 'eos:lbe:<task id>'.", nameof(taskIdOrRehydrationToken));
            }

            id = parts[2];
        }
        else if (id.Contains(':', StringComparison.Ordinal) && id.Split(':').Length == 3)
        {
            throw new ArgumentException($"'{id}' is a rehydration token of another provider or kind; expected 'eos:lbe:<task id>'.", nameof(taskIdOrRehydrationToken));
        }

        if (id.Contains('/', StringComparison.Ordinal) || id.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{id}' is not an EOS task id (a UUID such as 71297461-aaa4-4f07-9b9e-9bf581df8f60).", nameof(taskIdOrRehydrationToken));
        }

        return new EosLoadByExtentTask(this, id, info ?? new EosLoadByExtentTaskInfo(), null, TimeProvider);
    }

    /// <summary>Rehydrates the task a callback payload is about and applies the payload to it.</summary>
    /// <param name="payload">The raw JSON body EOS posted to the callback URL.</param>
    /// <param name="info">What the task was asked for, when known.</param>
    /// <returns>The task, in the state the payload describes.</returns>
    /// <exception cref="ArgumentException">The payload is not JSON or has no <c>task_id</c>.</exception>
    public virtual EosLoadByExtentTask GetLoadByExtentTaskFromCallback(string payload, EosLoadByExtentTaskInfo? info = null)
    {
        var parsed = ParseCallback(payload);
        if (string.IsNullOrWhiteSpace(parsed.TaskId))
        {
            throw new ArgumentException("The callback payload has no task_id; apply it to the task directly with EosLoadByExtentTask.ApplyCallback.", nameof(payload));
        }

        var task = GetLoadByExtentTask(parsed.TaskId, info);
        task.ApplyCallback(parsed);
        return task;
    }

    /// <summary>Reads a callback payload (the documented shape is unknown; it is read like a status answer).</summary>
    /// <param name="payload">The raw JSON body.</param>
    /// <returns>The parsed payload.</returns>
    /// <exception cref="ArgumentException">The payload is empty or not a JSON object.</exception>
    public static EosTaskStatusResponse ParseCallback(string payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            throw new ArgumentException("The callback payload is empty; pass the raw JSON body EOS posted.", nameof(payload));
        }

        try
        {
            return JsonSerializer.Deserialize(payload, EosJsonContext.Default.EosTaskStatusResponse)
                ?? throw new ArgumentException("The callback payload is JSON null; pass the raw JSON body EOS posted.", nameof(payload));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The callback payload is not a JSON object like {{\"status\":\"success\",\"task_id\":\"...\"}}: {ex.Message}", nameof(payload), ex);
        }
    }

    internal Uri TaskStatusUri(string taskId) => new(_options.Endpoint, TaskEndpoint + "/" + Uri.EscapeDataString(taskId));

    internal DownloadLocation CreateInlineLocation(string taskId)
    {
        var uri = TaskStatusUri(taskId);
        if (_options.ApiKeyLocation == EosApiKeyLocation.Query)
        {
            return new DownloadLocation(new Uri(uri + "?api_key=" + Uri.EscapeDataString(_options.ApiKey!))) { AllowRanges = false };
        }

        return new DownloadLocation(uri)
        {
            AllowRanges = false,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-api-key"] = _options.ApiKey! },
        };
    }

    internal void ReportUnknownStatus(string taskId, string? status)
    {
        var key = status ?? "<none>";
        bool first;
        lock (_loggedStatuses)
        {
            first = _loggedStatuses.Add(key);
        }

        if (first)
        {
            LogUnknownStatus(_logger, key, taskId);
        }
    }

    internal async Task<EosTaskObservation> ObserveTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, TaskStatusUri(taskId));
        message.Headers.Accept.ParseAdd("application/json");
        message.Headers.Accept.ParseAdd("*/*;q=0.8");
        var response = await SendAsync(message, StatusOperation, HttpCompletionOption.ResponseHeadersRead, cancellationToken, allowRedirect: true).ConfigureAwait(false);
        using (response)
        {
            var retryAfter = RetryAfterParser.Parse(response, RetryAfterUnit.Seconds, TimeProvider);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                var location = response.Headers.Location;
                if (location is null)
                {
                    throw new ProviderRequestException(new ProviderErrorDetails
                    {
                        Provider = ProviderNames.Eos,
                        Operation = "GET /" + TaskEndpoint + "/{task_id}",
                        Status = (int)response.StatusCode,
                        Message = "EOS answered the status call with a redirect without a Location header.",
                    });
                }

                if (!location.IsAbsoluteUri)
                {
                    location = new Uri(TaskStatusUri(taskId), location);
                }

                Redactor.RegisterSecret(location.Query.Length > 1 ? location.Query[1..] : null);
                return new EosTaskObservation { Delivery = EosResultDelivery.Redirect, ResultUrls = [location], RetryAfter = retryAfter };
            }

            var contentType = response.Content.Headers.ContentType?.MediaType;

            // JSON is sometimes labelled text/plain (the documented create call itself sends text/plain); only a binary
            // type means the file itself.
            if (IsJson(contentType) || contentType is null || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var trimmed = body.TrimStart();

                // JSON-typed bodies and anything that starts like JSON get the shared reader's precise message (empty,
                // null, array, truncated, wrong type at $.path, HTML); other text is named with its first words.
                if (!IsJson(contentType) && !trimmed.StartsWith('{') && !trimmed.StartsWith('[') && !trimmed.StartsWith("null", StringComparison.Ordinal) && trimmed.Length > 0)
                {
                    var excerpt = trimmed.Length > 120 ? trimmed[..120] + "…" : trimmed;
                    throw new ProviderRequestException(new ProviderErrorDetails
                    {
                        Provider = ProviderNames.Eos,
                        Operation = StatusOperation,
                        Status = (int)response.StatusCode,
                        ErrorCode = "INVALID_RESPONSE",
                        Message = $"EOS answered the status call with {contentType ?? "an untyped body"} that is neither task JSON nor a result file: \"{excerpt}\"",
                        BodyExcerpt = body.Length > 300 ? body[..300] : body,
                        RequestId = ProviderErrors.GetRequestId(response.Headers),
                    });
                }

                var json = ProviderJson.Deserialize(Encoding.UTF8.GetBytes(body), EosJsonContext.Default.EosTaskStatusResponse, ProviderNames.Eos, StatusOperation, (int)response.StatusCode, contentType, ProviderErrors.GetRequestId(response.Headers));
                var urls = json.GetResultUrls();
                if (urls.Count == 0 && json.DescribeUnusableResult() is { } unusable)
                {
                    // A result that is there but holds no URL is a malformed answer, not a failed task: polling again
                    // (or a later run) may get a good one, and the task is not marked failed in the journal.
                    throw new ProviderRequestException(new ProviderErrorDetails
                    {
                        Provider = ProviderNames.Eos,
                        Operation = StatusOperation,
                        Status = (int)response.StatusCode,
                        ErrorCode = "INVALID_RESPONSE",
                        Message = $"EOS reported the task as '{json.Status}' but {unusable}; expected an absolute http(s) URL (result: [{{\"url\": ...}}], result: [\"...\"] or result_url).",
                        BodyExcerpt = body.Length > 300 ? body[..300] : body,
                        RequestId = ProviderErrors.GetRequestId(response.Headers),
                    });
                }

                foreach (var url in urls)
                {
                    Redactor.RegisterSecret(url.Query.Length > 1 ? url.Query[1..] : null);
                }

                return new EosTaskObservation
                {
                    Delivery = urls.Count > 0 ? EosResultDelivery.ResultUrls : EosResultDelivery.Unknown,
                    Json = json,
                    ResultUrls = urls,
                    RetryAfter = retryAfter,
                };
            }

            // Anything else is the file itself: note its type and name, leave the body unread (the downloader fetches it).
            var disposition = response.Content.Headers.ContentDisposition;
            var fileName = (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"');
            return new EosTaskObservation
            {
                Delivery = EosResultDelivery.InlineBinary,
                ContentType = contentType,
                FileName = fileName is null ? null : Path.GetFileName(fileName),
                ContentLength = response.Content.Headers.ContentLength,
                RetryAfter = retryAfter,
            };
        }
    }

    private async Task<EosLoadByExtentTask> CreateOneAsync(EosLoadByExtentRequest request, Polygon polygon, string reference, CancellationToken cancellationToken)
    {
        var bands = request.Bands.Select(b => b.Trim()).ToArray();
        var metadata = request.Metadata?.Select(m => m.Trim()).ToArray();
        var body = new EosGdwTaskBody
        {
            Type = "lbe",
            CallbackUrl = request.CallbackUrl?.AbsoluteUri,
            Params = new EosLoadByExtentParams
            {
                ViewId = request.ViewId.Trim(),
                Bands = bands,
                Geometry = EosGeometryConverter.ToEos(polygon),
                Merge = request.Merge,
                Metadata = metadata,
                Reference = reference,
            },
        };
        var createdAt = TimeProvider.GetUtcNow();
        var created = await SendCreateAsync(JsonSerializer.SerializeToUtf8Bytes(body, EosJsonContext.Default.EosGdwTaskBody), cancellationToken).ConfigureAwait(false);
        var info = new EosLoadByExtentTaskInfo
        {
            ViewId = body.Params.ViewId,
            Bands = bands,
            Merge = request.Merge,
            Metadata = metadata,
            Reference = reference,
            CallbackUrl = request.CallbackUrl,
            CreatedAt = createdAt,
        };
        return new EosLoadByExtentTask(this, created.TaskId!, info, created, TimeProvider);
    }

    /// <summary>Sends a raw <c>POST /api/gdw/api</c> body (already validated or taken verbatim from EOS's docs).</summary>
    internal async Task<EosTaskCreated> SendCreateAsync(byte[] body, CancellationToken cancellationToken)
    {
        const string operation = "POST /" + TaskEndpoint;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Endpoint, TaskEndpoint)) { Content = JsonContent(body) };
        var created = await SendForJsonAsync(message, operation, EosJsonContext.Default.EosTaskCreated, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(created.TaskId))
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Eos,
                Operation = operation,
                Status = 200,
                Message = "EOS accepted the task but returned no task_id" + (created.Status is null ? "." : $" (status '{created.Status}')."),
                RequestId = created.RequestId,
            });
        }

        return created;
    }

    /// <summary>Waits for a permit of the status endpoint (used before an inline result download, which hits that endpoint).</summary>
    internal ValueTask WaitForStatusPermitAsync(CancellationToken cancellationToken) => _limits.AcquireAsync(StatusOperation, cancellationToken);

    private async Task<T> SendForJsonAsync<T>(HttpRequestMessage message, string operation, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(message, operation, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ProviderJson.ReadAsync(response, typeInfo, ProviderNames.Eos, operation, EosPipeline.ErrorDecoder, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, string operation, HttpCompletionOption completion, CancellationToken cancellationToken, bool allowRedirect = false)
    {
        message.WithOperation(operation);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            throw ProviderErrors.FromTransportFailure(ex, ProviderNames.Eos, operation);
        }

        if (allowRedirect && (int)response.StatusCode is >= 300 and < 400)
        {
            return response;
        }

        await ProviderErrors.EnsureSuccessAsync(response, ProviderNames.Eos, operation, EosPipeline.ErrorDecoder, RetryAfterUnit.Seconds, TimeProvider, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// The search answer's required parts: a <c>results</c> array of scenes, each with a <c>view_id</c> (what a task
    /// needs) and, when present, a finite cloud cover. Why: a null array or scene crashed enumeration with a
    /// NullReferenceException, and a scene without a view id only failed later, at task creation.
    /// </summary>
    private static void CheckSearchResponse(EosSearchResponse response, string operation)
    {
        string? problem = null;
        if (response.Results is null)
        {
            problem = "has no 'results' array ($.results is missing or null)";
        }
        else
        {
            for (var i = 0; i < response.Results.Count && problem is null; i++)
            {
                var scene = response.Results[i];
                problem = scene switch
                {
                    null => string.Create(CultureInfo.InvariantCulture, $"has a null scene at $.results[{i}]"),
                    { ViewId: null or { Length: 0 } } => string.Create(CultureInfo.InvariantCulture, $"has a scene without view_id at $.results[{i}].view_id"),
                    { CloudCoverage: { } c } when !double.IsFinite(c) => string.Create(CultureInfo.InvariantCulture, $"has a cloudCoverage that is not a finite number at $.results[{i}].cloudCoverage"),
                    _ => null,
                };
            }
        }

        if (problem is not null)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Eos,
                Operation = operation,
                Status = 200,
                ErrorCode = "INVALID_RESPONSE",
                Message = "EOS answered the search with JSON that " + problem + ".",
            });
        }
    }

    private static ByteArrayContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
                                  mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ||
                                  mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase));

    private static string NewReference() => "satdownload-" + Guid.NewGuid().ToString("N");

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "EOS returned the unknown task status '{Status}' (task {TaskId}); treating it as running. Further occurrences are not logged.")]
    private static partial void LogUnknownStatus(ILogger logger, string status, string taskId);
}
