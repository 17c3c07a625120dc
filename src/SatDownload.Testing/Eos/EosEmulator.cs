using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.Eos;

/// <summary>
/// Emulates EOS Data Analytics API Connect as far as SatDownload uses it (see the EOS notes, §2.5): the scene search
/// (<c>POST /api/lms/search/v2[/{dataset}]</c>), <c>lbe</c> task creation (<c>POST /api/gdw/api</c>) and the task status
/// call (<c>GET /api/gdw/api/{task_id}</c>), with API-key auth in the header or query, a 10 requests/minute token bucket
/// per endpoint and key on the virtual clock, a <c>created → started → success|failed</c> state machine, the documented
/// result-type rule, and every plausible completion form behind <see cref="EosEmulatorOptions.CompletionMode"/>.
/// </summary>
/// <remarks>Routes live under <c>/eos</c>; point clients at <c>new Uri(emulator.BaseUri, "eos/")</c>.</remarks>
public sealed class EosEmulator : IEmulatedProvider
{
    private readonly ConcurrentDictionary<string, EosEmulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _callbacksSent = new();
    private ProviderEmulator? _host;
    private int _taskCounter;

    /// <summary>Creates the emulator.</summary>
    /// <param name="options">Behaviour switches; defaults when null.</param>
    public EosEmulator(EosEmulatorOptions? options = null)
    {
        Options = options ?? new EosEmulatorOptions();
    }

    /// <inheritdoc />
    public string Name => "eos";

    /// <inheritdoc />
    public string BasePath => "/eos";

    /// <summary>The behaviour switches (may be changed between requests).</summary>
    public EosEmulatorOptions Options { get; }

    /// <summary>The server-side rate limiter.</summary>
    public EosRateLimiter RateLimiter { get; } = new();

    /// <summary>The tasks created so far.</summary>
    public IReadOnlyCollection<EosEmulatedTask> Tasks => _tasks.Values.ToArray();

    /// <summary>The callback bodies delivered so far.</summary>
    public IReadOnlyCollection<string> CallbacksSent => _callbacksSent.ToArray();

    /// <summary>How many requests were refused with 429.</summary>
    public int RateLimitedCount => _rateLimited;

    private int _rateLimited;

    /// <summary>Gets a task by id.</summary>
    /// <param name="taskId">The id.</param>
    /// <returns>The task.</returns>
    public EosEmulatedTask GetTask(string taskId) => _tasks[taskId];

    /// <summary>The blob name holding a task's result (built on first success).</summary>
    /// <param name="taskId">The id.</param>
    /// <returns>The name.</returns>
    public string ResultBlobName(string taskId) => "eos/results/" + EosResultFiles.FileNameOf(_tasks[taskId]);

    /// <summary>Builds (once) and returns a finished task's result bytes, as the client should receive them.</summary>
    /// <param name="taskId">The id.</param>
    /// <returns>The bytes.</returns>
    public byte[] GetResultBytes(string taskId) => EnsureResult(_tasks[taskId]).ToArray();

    /// <inheritdoc />
    public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _host = emulator ?? throw new ArgumentNullException(nameof(emulator));
        routes.MapPost("/api/lms/search/v2/{dataset}", (HttpContext c, string dataset) => SearchAsync(c, dataset));
        routes.MapPost("/api/lms/search/v2", (HttpContext c) => SearchAsync(c, null));
        routes.MapPost("/api/gdw/api", CreateAsync);
        routes.MapGet("/api/gdw/api/{taskId}", (HttpContext c, string taskId) => StatusAsync(c, taskId));
    }

    /// <summary>POSTs the final status JSON once to the callback URL of every finished task that has one (when <see cref="EosEmulatorOptions.PostCallbacks"/> is on).</summary>
    /// <param name="httpClient">The client to post with.</param>
    /// <param name="cancellationToken">Cancels the posts.</param>
    /// <returns>How many callbacks were sent.</returns>
    public async Task<int> DeliverDueCallbacksAsync(HttpClient httpClient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (!Options.PostCallbacks)
        {
            return 0;
        }

        var sent = 0;
        var now = Host.Clock.GetUtcNow();
        foreach (var task in _tasks.Values)
        {
            var status = task.StatusAt(now, Options);
            if (task.CallbackUrl is null || task.CallbackSent || (status != "success" && status != Options.FailureStatus))
            {
                continue;
            }

            task.CallbackSent = true;
            var body = FinalJson(task, status).ToJsonString();
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await httpClient.PostAsync(new Uri(task.CallbackUrl), content, cancellationToken).ConfigureAwait(false);
            _callbacksSent.Enqueue(body);
            sent++;
        }

        return sent;
    }

    private ProviderEmulator Host => _host ?? throw new InvalidOperationException("The EOS emulator is not mapped into a ProviderEmulator.");

    private async Task SearchAsync(HttpContext context, string? dataset)
    {
        if (await AdmitAsync(context, "POST /api/lms/search/v2").ConfigureAwait(false) is null)
        {
            return;
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(await ReadBodyAsync(context).ConfigureAwait(false));
        }
        catch (JsonException)
        {
            await ErrorAsync(context, 400, "Request body is not valid JSON.").ConfigureAwait(false);
            return;
        }

        var search = body?["search"];
        if (search is null || search["date"] is null)
        {
            await ErrorAsync(context, 400, "search.date is required.").ConfigureAwait(false);
            return;
        }

        if (search["shape"] is null)
        {
            await ErrorAsync(context, 400, "search.shape is required.").ConfigureAwait(false);
            return;
        }

        var datasets = dataset is not null
            ? new[] { dataset }
            : (search["satellites"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? string.Empty).ToArray() ?? Array.Empty<string>();
        if (datasets.Length == 0)
        {
            await ErrorAsync(context, 400, "search.satellites is required for a multi-dataset search.").ConfigureAwait(false);
            return;
        }

        var from = DateOnly.Parse(search["date"]?["from"]?.GetValue<string>() ?? "0001-01-01", CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(search["date"]?["to"]?.GetValue<string>() ?? "9999-12-31", CultureInfo.InvariantCulture);
        var cloudFrom = search["cloudCoverage"]?["from"]?.GetValue<double>() ?? 0;
        var cloudTo = search["cloudCoverage"]?["to"]?.GetValue<double>() ?? 100;
        var limit = body?["limit"]?.GetValue<int>() ?? 500;
        var page = body?["page"]?.GetValue<int>() ?? 1;
        var sort = body?["sort"] as JsonObject;
        var descending = sort is null || !sort.Any() || string.Equals(sort.First().Value?.GetValue<string>(), "desc", StringComparison.OrdinalIgnoreCase);
        var sortByCloud = sort is not null && sort.Any() && sort.First().Key == "cloudCoverage";

        var scenes = (Options.Scenes.Count > 0 ? Options.Scenes : DefaultScenes)
            .Where(s => datasets.Contains(s.Dataset, StringComparer.OrdinalIgnoreCase))
            .Where(s => s.Date >= from && s.Date <= to && s.CloudCoverage >= cloudFrom && s.CloudCoverage <= cloudTo);
        scenes = sortByCloud
            ? (descending ? scenes.OrderByDescending(s => s.CloudCoverage) : scenes.OrderBy(s => s.CloudCoverage))
            : (descending ? scenes.OrderByDescending(s => s.Date) : scenes.OrderBy(s => s.Date));
        var all = scenes.ToList();
        var results = new JsonArray(all.Skip((page - 1) * limit).Take(limit).Select(s => (JsonNode)new JsonObject
        {
            ["view_id"] = s.ViewId,
            ["sceneID"] = s.SceneId,
            ["date"] = s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["cloudCoverage"] = s.CloudCoverage,
            ["dataset"] = s.Dataset,
            ["sunElevation"] = 61.5,
        }).ToArray());
        await JsonAsync(context, 200, new JsonObject
        {
            ["meta"] = new JsonObject { ["found"] = all.Count, ["page"] = page, ["limit"] = limit },
            ["results"] = results,
        }).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (await AdmitAsync(context, "POST /api/gdw/api").ConfigureAwait(false) is not { } key)
        {
            return;
        }

        var raw = await ReadBodyAsync(context).ConfigureAwait(false);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, 400, "Request body is not valid JSON.").ConfigureAwait(false);
            return;
        }

        if (body?["type"]?.GetValue<string>() != "lbe")
        {
            await ErrorAsync(context, 400, "type must be 'lbe' (this emulator implements load by extent only).").ConfigureAwait(false);
            return;
        }

        var p = body["params"];
        var viewId = p?["view_id"]?.GetValue<string>();
        var bands = (p?["bands"] as JsonArray)?.Select(b => b?.GetValue<string>() ?? string.Empty).ToArray();
        var geometry = p?["geometry"];
        var reference = p?["reference"]?.GetValue<string>();
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(viewId))
        {
            missing.Add("params.view_id");
        }

        if (bands is null || bands.Length == 0 || bands.Any(string.IsNullOrWhiteSpace))
        {
            missing.Add("params.bands");
        }

        if (geometry is null || geometry["type"]?.GetValue<string>() != "Polygon" || geometry["coordinates"] is not JsonArray)
        {
            missing.Add("params.geometry (a GeoJSON Polygon)");
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            missing.Add("params.reference");
        }

        if (missing.Count > 0)
        {
            await ErrorAsync(context, 400, "Missing or invalid: " + string.Join(", ", missing) + ".").ConfigureAwait(false);
            return;
        }

        if (!viewId!.Contains('/', StringComparison.Ordinal) || Options.UnknownViewIds.Contains(viewId))
        {
            await ErrorAsync(context, 404, $"Scene '{viewId}' not found.").ConfigureAwait(false);
            return;
        }

        var n = Interlocked.Increment(ref _taskCounter);
        var task = new EosEmulatedTask
        {
            TaskId = DeterministicGuid("task", n),
            RequestId = DeterministicGuid("req", n),
            ApiKey = key,
            Reference = reference!,
            ViewId = viewId,
            Bands = bands!,
            Merge = p?["merge"]?.GetValue<bool>() ?? true,
            Metadata = (p?["metadata"] as JsonArray)?.Select(m => m?.GetValue<string>() ?? string.Empty).ToArray() ?? Array.Empty<string>(),
            CallbackUrl = body["callback_url"]?.GetValue<string>(),
            CreatedAt = Host.Clock.GetUtcNow(),
            WillFail = Options.FailingViewIds.Contains(viewId),
            RawRequest = raw,
        };
        _tasks[task.TaskId] = task;
        context.Response.Headers["X-Request-Id"] = task.RequestId;
        await JsonAsync(context, Options.CreateStatusCode, new JsonObject
        {
            ["status"] = Options.InitialStatus,
            ["task_id"] = task.TaskId,
            ["req_id"] = task.RequestId,
            ["task_timeout"] = Options.TaskTimeoutSeconds,
        }).ConfigureAwait(false);
    }

    private async Task StatusAsync(HttpContext context, string taskId)
    {
        if (await AdmitAsync(context, "GET /api/gdw/api/{task_id}").ConfigureAwait(false) is not { } key)
        {
            return;
        }

        if (!_tasks.TryGetValue(taskId, out var task) || task.ApiKey != key)
        {
            await ErrorAsync(context, 404, $"Task '{taskId}' not found.").ConfigureAwait(false);
            return;
        }

        var status = task.StatusAt(Host.Clock.GetUtcNow(), Options);
        if (status != "success")
        {
            var running = new JsonObject { ["status"] = status, ["task_id"] = task.TaskId, ["req_id"] = task.RequestId };
            if (status == Options.FailureStatus)
            {
                running = FinalJson(task, status);
            }

            await JsonAsync(context, 200, running).ConfigureAwait(false);
            return;
        }

        var blob = EnsureResult(task);
        switch (Options.CompletionMode)
        {
            case EosCompletionMode.InlineBinary:
                var bytes = blob.ToArray();
                context.Response.StatusCode = 200;
                context.Response.ContentType = blob.ContentType;
                context.Response.Headers.ContentDisposition = blob.ContentDisposition;
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                return;
            case EosCompletionMode.Redirect:
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = SignedUrl(task).AbsoluteUri;
                return;
            default:
                await JsonAsync(context, 200, FinalJson(task, status)).ConfigureAwait(false);
                return;
        }
    }

    private JsonObject FinalJson(EosEmulatedTask task, string status)
    {
        var json = new JsonObject { ["status"] = status, ["task_id"] = task.TaskId, ["req_id"] = task.RequestId };
        if (status != "success")
        {
            json["errors"] = new JsonArray($"Processing of scene {task.ViewId} failed: no data in the requested extent.");
            json["error_message"] = "No data in the requested extent.";
            return json;
        }

        EnsureResult(task);
        if (Options.CompletionMode == EosCompletionMode.JsonResultUrl)
        {
            json["result_url"] = SignedUrl(task).AbsoluteUri;
        }
        else
        {
            json["result"] = new JsonArray(new JsonObject { ["url"] = SignedUrl(task).AbsoluteUri });
        }

        return json;
    }

    private Uri SignedUrl(EosEmulatedTask task) => Host.Blobs.GetSignedUrl(task.ResultBlobName!, Options.ResultUrlLifetime);

    private EmulatorBlob EnsureResult(EosEmulatedTask task)
    {
        lock (task)
        {
            if (task.ResultBlobName is null)
            {
                var name = "eos/results/" + EosResultFiles.FileNameOf(task);
                var kind = EosResultFiles.KindOf(task);
                var extent = ExtentOf(task);
                var seed = task.TaskId.Sum(c => c) & 0xFF;
                var bytes = EosResultFiles.Build(task, bands => new GeoTiffWriter
                {
                    Width = Options.RasterSize,
                    Height = Options.RasterSize,
                    BandCount = bands.Count,
                    Extent = extent,
                }.ToArray((x, y, b) => (x * 7) + (y * 3) + (b * 40) + seed + bands[b].Length));
                var disposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"" + EosResultFiles.FileNameOf(task) + "\"" }.ToString();
                Host.Blobs.Put(name, bytes, EosResultFiles.ContentTypeOf(kind), disposition);
                task.ResultBlobName = name;
            }

            return Host.Blobs.Get(task.ResultBlobName);
        }
    }

    private async Task<string?> AdmitAsync(HttpContext context, string endpoint)
    {
        var key = context.Request.Headers["x-api-key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            key = context.Request.Query["api_key"].ToString();
        }

        if (string.IsNullOrEmpty(key) || !Options.ApiKeys.Contains(key))
        {
            var missing = string.IsNullOrEmpty(key);
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(missing ? "{\"message\":\"API key is missing. Pass api_key or x-api-key.\"}" : "{\"message\":\"Invalid API key.\"}", context.RequestAborted).ConfigureAwait(false);
            return null;
        }

        if (!RateLimiter.TryAcquire(endpoint, key, Options.RequestsPerMinute, Host.Clock.GetUtcNow(), out var retryAfter))
        {
            Interlocked.Increment(ref _rateLimited);
            context.Response.StatusCode = 429;
            context.Response.ContentType = "application/json";
            if (Options.SendRetryAfter)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsync("{\"message\":\"Rate limit exceeded: 10 requests per minute for each endpoint in the context of your api_key.\"}", context.RequestAborted).ConfigureAwait(false);
            return null;
        }

        return key;
    }

    private static GeoTiffExtent ExtentOf(EosEmulatedTask task)
    {
        using var doc = JsonDocument.Parse(task.RawRequest ?? "{}");
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        if (doc.RootElement.TryGetProperty("params", out var p) && p.TryGetProperty("geometry", out var g) && g.TryGetProperty("coordinates", out var rings))
        {
            foreach (var ring in rings.EnumerateArray())
            {
                foreach (var pos in ring.EnumerateArray())
                {
                    minX = Math.Min(minX, pos[0].GetDouble());
                    maxX = Math.Max(maxX, pos[0].GetDouble());
                    minY = Math.Min(minY, pos[1].GetDouble());
                    maxY = Math.Max(maxY, pos[1].GetDouble());
                }
            }
        }

        return minX < maxX && minY < maxY ? new GeoTiffExtent(minX, minY, maxX, maxY) : new GeoTiffExtent(0, 0, 1, 1);
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } });

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static string DeterministicGuid(string kind, int n)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(kind + n.ToString(CultureInfo.InvariantCulture)));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static readonly EosEmulatedScene[] DefaultScenes =
    [
        new("sentinel2", "S2/13/R/EL/2023/7/4/0", "S2A_tile_20230704_13REL_0", new DateOnly(2023, 7, 4), 41.2),
        new("sentinel2", "S2/13/R/EL/2023/7/9/0", "S2B_tile_20230709_13REL_0", new DateOnly(2023, 7, 9), 3.5),
        new("sentinel2", "S2/13/R/EL/2023/7/14/0", "S2A_tile_20230714_13REL_0", new DateOnly(2023, 7, 14), 78.9),
        new("sentinel2", "S2/13/R/EL/2023/7/19/0", "S2B_tile_20230719_13REL_0", new DateOnly(2023, 7, 19), 0.4),
        new("sentinel2", "S2/13/R/EL/2023/7/24/0", "S2A_tile_20230724_13REL_0", new DateOnly(2023, 7, 24), 12.0),
        new("sentinel2", "S2/13/R/EL/2023/7/29/0", "S2B_tile_20230729_13REL_0", new DateOnly(2023, 7, 29), 25.3),
        new("landsat8", "L8/LC80330412023197LGN00", "LC80330412023197LGN00", new DateOnly(2023, 7, 16), 5.1),
        new("landsat8", "L8/LC80330412023213LGN00", "LC80330412023213LGN00", new DateOnly(2023, 8, 1), 60.0),
    ];
}
