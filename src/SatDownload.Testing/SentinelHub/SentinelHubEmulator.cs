using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.SentinelHub;

/// <summary>
/// Emulates Sentinel Hub from its public contract: Keycloak and legacy token endpoints for the <c>main</c> and <c>CDSE</c>
/// realms, three deployments (<c>eu</c>, <c>uswest</c>, <c>cdse</c>) each with the canonical <c>/api/...</c> routes and the
/// short aliases, Process (PU header, tar for several responses), Async (RUNNING then 404), Batch v2 and Batch
/// Statistical state machines on the virtual clock, Catalog (paging, CQL2 subset, fields, distinct), Statistical
/// (interval splitting, per-interval errors), and a policy engine answering 429 with <c>Retry-After</c> in milliseconds.
/// Object storage (<c>s3://bucket/key</c>) is the host's blob store under <c>s3/bucket/key</c>.
/// </summary>
public sealed class SentinelHubEmulator : IEmulatedProvider
{
    /// <summary>The Sentinel Hub realm.</summary>
    public const string MainRealm = "main";

    /// <summary>The Copernicus Data Space realm.</summary>
    public const string CdseRealm = "CDSE";

    private readonly ShTokenService _tokens;
    private readonly ShPolicyEngine _policy;
    private readonly ShCatalog _catalog;
    private readonly ConcurrentDictionary<string, AsyncJob> _async = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ShBatchTask> _batch = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastOutputs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _responseHashes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ProviderEmulator? _host;
    private int _sequence;

    /// <summary>Creates the emulator.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public SentinelHubEmulator(SentinelHubEmulatorOptions? options = null)
    {
        Options = options ?? new SentinelHubEmulatorOptions();
        var clock = new ClockProxy(this);
        _tokens = new ShTokenService(Options, clock);
        _policy = new ShPolicyEngine(Options, clock);
        _catalog = new ShCatalog(Options);
    }

    /// <inheritdoc />
    public string Name => "sentinel-hub";

    /// <inheritdoc />
    public string BasePath => "/sentinel-hub";

    /// <summary>The settings (mutable between requests).</summary>
    public SentinelHubEmulatorOptions Options { get; }

    /// <summary>Requests the policy engine refused with 429.</summary>
    public int ThrottledRequests => _policy.Throttled;

    /// <summary>Tokens issued so far.</summary>
    public int TokensIssued => _tokens.TokensIssued;

    /// <summary>SHA-256 (hex) of the last Process output per identifier.</summary>
    public IReadOnlyDictionary<string, string> LastProcessOutputs => _lastOutputs;

    /// <summary>SHA-256 (hex) → length of every Process response body served (one image, or the tar of several).</summary>
    public IReadOnlyDictionary<string, int> ProcessResponseHashes => _responseHashes;

    private ProviderEmulator Host => _host ?? throw new InvalidOperationException("The emulator has not been started by a ProviderEmulator.");

    private TimeProvider Clock => Host.Clock;

    /// <summary>Registers an OAuth client in a realm (<see cref="MainRealm"/> or <see cref="CdseRealm"/>).</summary>
    /// <param name="realm">The realm.</param>
    /// <param name="clientId">Client id.</param>
    /// <param name="clientSecret">Client secret.</param>
    public void RegisterClient(string realm, string clientId, string clientSecret) => _tokens.Register(realm, clientId, clientSecret);

    /// <summary>Invalidates every issued token (as if they expired server-side).</summary>
    public void RevokeAllTokens() => _tokens.RevokeAll();

    /// <summary>API base URL of a deployment: <c>eu</c>, <c>uswest</c> or <c>cdse</c>.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <returns>The URL, ending with <c>/</c>.</returns>
    public Uri DeploymentUri(string deployment) => new(Host.GetProviderUri(this), deployment + "/");

    /// <summary>Keycloak token endpoint of a realm.</summary>
    /// <param name="realm">The realm.</param>
    /// <returns>The URL.</returns>
    public Uri TokenUri(string realm) => new(Host.GetProviderUri(this), "auth/realms/" + realm + "/protocol/openid-connect/token");

    /// <summary>The legacy <c>/oauth/token</c> endpoint (realm <c>main</c>).</summary>
    public Uri LegacyTokenUri => new(Host.GetProviderUri(this), "oauth/token");

    /// <summary>The blob name that stands for an <c>s3://bucket/key</c> object.</summary>
    /// <param name="s3Url">The URL.</param>
    /// <returns>The blob name.</returns>
    public static string BlobNameFor(string s3Url)
    {
        ArgumentNullException.ThrowIfNull(s3Url);
        return "s3/" + (s3Url.StartsWith("s3://", StringComparison.Ordinal) ? s3Url[5..] : s3Url);
    }

    /// <summary>Ends every running Async request now (on the next status poll it answers 404).</summary>
    public void FinishAsyncRequests()
    {
        foreach (var job in _async.Values)
        {
            job.FinishAt = Clock.GetUtcNow();
        }
    }

    /// <inheritdoc />
    public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _host = emulator ?? throw new ArgumentNullException(nameof(emulator));

        routes.MapPost("/auth/realms/{realm}/protocol/openid-connect/token", (HttpContext c, string realm) => _tokens.IssueAsync(c, realm, legacy: false));
        routes.MapPost("/oauth/token", (Func<HttpContext, Task<IResult>>)(c => _tokens.IssueAsync(c, MainRealm, legacy: true)));

        void Both(string method, string canonical, string alias, Func<HttpContext, string, Task<IResult>> handler)
        {
            foreach (var p in new[] { canonical, alias })
            {
                routes.MapMethods("/{dep}/" + p, [method], (HttpContext c, string dep) => handler(c, dep));
            }
        }

        Both("POST", "api/v1/process", "process/v1", ProcessAsync);
        Both("POST", "api/v1/async/process", "async/v1/process", AsyncSubmitAsync);
        Both("GET", "api/v1/async/process/{id}", "async/v1/process/{id}", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(AsyncStatus((string)c.Request.RouteValues["id"]!))));
        Both("POST", "api/v2/batch/process", "batch/v2/process", (c, dep) => BatchCreateAsync(c, dep, statistical: false));
        Both("GET", "api/v2/batch/process", "batch/v2/process", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(BatchList(c, statistical: false))));
        Both("GET", "api/v2/batch/process/{id}", "batch/v2/process/{id}", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(BatchGet(c, false, statusOnly: false))));
        Both("PUT", "api/v2/batch/process/{id}", "batch/v2/process/{id}", (c, dep) => Authed(c, dep, false, _ => BatchUpdateAsync(c)));
        Both("POST", "api/v2/batch/process/{id}/{action}", "batch/v2/process/{id}/{action}", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(BatchAction(c, statistical: false))));
        Both("GET", "api/v2/batch/tilinggrids", "batch/v2/tilinggrids", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(TilingGrids(c, null))));
        Both("GET", "api/v2/batch/tilinggrids/{id}", "batch/v2/tilinggrids/{id}", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(TilingGrids(c, (string)c.Request.RouteValues["id"]!))));
        Both("POST", "api/v1/statistics", "statistics/v1", StatisticsAsync);
        Both("POST", "api/v1/statistics/batch", "statistics/batch/v1", (c, dep) => BatchCreateAsync(c, dep, statistical: true));
        Both("GET", "api/v1/statistics/batch", "statistics/batch/v1", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(BatchList(c, statistical: true))));
        Both("GET", "api/v1/statistics/batch/{id}", "statistics/batch/v1/{id}", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(BatchGet(c, true, statusOnly: false))));
        Both("GET", "api/v1/statistics/batch/{id}/status", "statistics/batch/v1/{id}/status", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(BatchGet(c, true, statusOnly: true))));
        Both("POST", "api/v1/statistics/batch/{id}/{action}", "statistics/batch/v1/{id}/{action}", (c, dep) => Authed(c, dep, false, _ => Task.FromResult(BatchAction(c, statistical: true))));
        Both("POST", "api/v1/catalog/1.0.0/search", "catalog/v1/search", (c, dep) => Authed(c, dep, true, _ => CatalogSearchAsync(c, dep)));
        Both("GET", "api/v1/catalog/1.0.0/collections", "catalog/v1/collections", (c, dep) => Authed(c, dep, true, _ => Task.FromResult(CatalogCollections(dep, null))));
        Both("GET", "api/v1/catalog/1.0.0/collections/{cid}", "catalog/v1/collections/{cid}", (c, dep) => Authed(c, dep, true, _ => Task.FromResult(CatalogCollections(dep, (string)c.Request.RouteValues["cid"]!))));
        Both("GET", "api/v1/catalog/1.0.0/collections/{cid}/items/{iid}", "catalog/v1/collections/{cid}/items/{iid}", (c, dep) => Authed(c, dep, true, _ => Task.FromResult(CatalogItem(dep, (string)c.Request.RouteValues["cid"]!, (string)c.Request.RouteValues["iid"]!))));
    }

    private static string? RealmOf(string dep) => dep switch
    {
        "eu" or "uswest" => MainRealm,
        "cdse" => CdseRealm,
        _ => null,
    };

    private async Task<IResult> Authed(HttpContext c, string dep, bool catalog, Func<string, Task<IResult>> next, double pu = 0)
    {
        var realm = RealmOf(dep);
        if (realm is null)
        {
            return ShError.Wrapped(404, "COMMON_NOT_FOUND", "Unknown deployment " + dep);
        }

        var (clientId, error) = _tokens.Authenticate(c, realm, catalog);
        if (error is not null)
        {
            return error;
        }

        if (_policy.QuotaExhausted(clientId!, pu) is { } quota)
        {
            return ShError.Wrapped(403, "COMMON_INSUFFICIENT_PERMISSIONS", quota);
        }

        var retry = _policy.TryConsume(clientId!, pu);
        if (retry is not null)
        {
            return ShError.Wrapped(429, "RATE_LIMIT_EXCEEDED", "You have exceeded your rate limit", retry);
        }

        c.Response.Headers["x-request-id"] = "req-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        return await next(clientId!).ConfigureAwait(false);
    }

    private static async Task<(JsonNode? Body, string? Raw, IResult? Error)> ReadRequestAsync(HttpContext c)
    {
        if (c.Request.HasFormContentType)
        {
            // multipart/form-data: part "request" (JSON without evalscript) and part "evalscript" (text).
            var form = await c.Request.ReadFormAsync(c.RequestAborted).ConfigureAwait(false);
            var json = form["request"].ToString();
            try
            {
                var node = JsonNode.Parse(json);
                if (node is JsonObject o && form.ContainsKey("evalscript"))
                {
                    var target = o.ContainsKey("aggregation") ? (JsonObject)o["aggregation"]! : o;
                    target["evalscript"] = form["evalscript"].ToString();
                }

                return (node, node?.ToJsonString(), null);
            }
            catch (JsonException ex)
            {
                return (null, null, ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "Could not parse request part: " + ex.Message));
            }
        }

        using var reader = new StreamReader(c.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(c.RequestAborted).ConfigureAwait(false);
        try
        {
            return (JsonNode.Parse(raw), raw, null);
        }
        catch (JsonException ex)
        {
            return (null, raw, ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "Could not parse JSON: " + ex.Message));
        }
    }

    private async Task<IResult> ProcessAsync(HttpContext c, string dep)
    {
        var (body, raw, parseError) = await ReadRequestAsync(c).ConfigureAwait(false);
        if (parseError is not null)
        {
            return await Authed(c, dep, false, _ => Task.FromResult(parseError)).ConfigureAwait(false);
        }

        var invalid = ShProcessing.Validate(body, 2500, requireBounds: false, out var w, out var h);
        var pu = invalid is null ? ShProcessing.ProcessingUnits(body!, w, h, "process") : 0;
        return await Authed(c, dep, false, _ =>
        {
            if (invalid is not null)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", invalid));
            }

            if (ShProcessing.RendererError(body!) is { } renderError)
            {
                return Task.FromResult(ShError.Wrapped(500, "RENDERER_EXCEPTION", renderError));
            }

            var responses = ShProcessing.Responses(body!);
            var accept = c.Request.Headers.Accept.ToString();
            var wantsTar = accept.Contains("application/tar", StringComparison.OrdinalIgnoreCase) || accept.Contains("application/x-tar", StringComparison.OrdinalIgnoreCase);
            if (responses.Count > 1 && !wantsTar)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "Several responses need Accept: application/tar (or multipart/mixed)."));
            }

            var seed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw ?? string.Empty)));
            var rendered = responses.Select(r => (r.Identifier, r.Format, Bytes: ShProcessing.Render(r.Identifier, r.Format, w, h, seed, body))).ToList();
            foreach (var r in rendered)
            {
                _lastOutputs[r.Identifier] = Convert.ToHexString(SHA256.HashData(r.Bytes)).ToLowerInvariant();
            }

            var payload = wantsTar ? ShProcessing.Tar(rendered.Select(r => (r.Identifier + "." + ShProcessing.Extension(r.Format), r.Bytes))) : rendered[0].Bytes;
            _responseHashes[Convert.ToHexString(SHA256.HashData(payload)).ToLowerInvariant()] = payload.Length;

            c.Response.Headers["x-processingunits-spent"] = pu.ToString("0.######", CultureInfo.InvariantCulture);
            return Task.FromResult(Results.Bytes(payload, wantsTar ? (Options.TarContentTypeX ? "application/x-tar" : "application/tar") : rendered[0].Format));
        }, pu).ConfigureAwait(false);
    }

    private async Task<IResult> AsyncSubmitAsync(HttpContext c, string dep)
    {
        var (body, raw, parseError) = await ReadRequestAsync(c).ConfigureAwait(false);
        var invalid = parseError is null ? ShProcessing.Validate(body, 10000, requireBounds: false, out var w, out var h) : null;
        w = h = 0;
        if (invalid is null && parseError is null)
        {
            ShProcessing.Validate(body, 10000, false, out w, out h);
        }

        var pu = invalid is null && parseError is null ? ShProcessing.ProcessingUnits(body!, w, h, "async") : 0;
        return await Authed(c, dep, false, clientId =>
        {
            if (parseError is not null)
            {
                return Task.FromResult(parseError);
            }

            if (invalid is not null)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", invalid));
            }

            var url = body!["output"]?["delivery"]?["s3"]?["url"]?.GetValue<string>();
            if (url is null || !url.StartsWith("s3://", StringComparison.Ordinal))
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "output.delivery.s3.url: must be an s3:// URL"));
            }

            var now = Clock.GetUtcNow();
            lock (_gate)
            {
                var running = _async.Values.Where(j => j.ClientId == clientId && j.FinishAt > now).ToList();
                if (running.Count >= Options.AsyncConcurrencyLimit)
                {
                    var wait = Math.Ceiling((running.Min(j => j.FinishAt) - now).TotalMilliseconds);
                    return Task.FromResult(ShError.Wrapped(429, "RATE_LIMIT_EXCEEDED", "Too many concurrent async requests.", wait.ToString(CultureInfo.InvariantCulture)));
                }

                var id = Guid.NewGuid().ToString();
                _async[id] = new AsyncJob(id, clientId, now + Options.AsyncDuration, body!, raw ?? string.Empty, w, h, pu, url);
                c.Response.Headers["x-processingunits-spent"] = "0";
                return Task.FromResult(Results.Json(new Dictionary<string, string> { ["id"] = id, ["status"] = "RUNNING" }));
            }
        }).ConfigureAwait(false);
    }

    private IResult AsyncStatus(string id)
    {
        if (!_async.TryGetValue(id, out var job))
        {
            return ShError.Wrapped(404, "COMMON_NOT_FOUND", "Request not found.");
        }

        if (Clock.GetUtcNow() < job.FinishAt)
        {
            return Results.Json(new Dictionary<string, string> { ["id"] = id, ["status"] = "RUNNING" });
        }

        MaterializeAsync(job);
        return ShError.Wrapped(404, "COMMON_NOT_FOUND", "Request not found.");
    }

    private void MaterializeAsync(AsyncJob job)
    {
        lock (job)
        {
            if (job.Written)
            {
                return;
            }

            job.Written = true;
            var template = job.DeliveryUrl.Contains("<REQUEST_ID>", StringComparison.Ordinal) || job.DeliveryUrl.Contains("<OUTPUT>", StringComparison.Ordinal)
                ? job.DeliveryUrl
                : job.DeliveryUrl.TrimEnd('/') + "/<REQUEST_ID>/<OUTPUT>";
            if (ShProcessing.RendererError(job.Body) is { } error)
            {
                var errorUrl = template.Replace("<REQUEST_ID>", job.Id, StringComparison.Ordinal).Replace("<OUTPUT>", "error.json", StringComparison.Ordinal);
                Host.Blobs.Put(BlobNameFor(errorUrl), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error })), "application/json");
                return;
            }

            var seed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(job.Raw)));
            foreach (var (identifier, format) in ShProcessing.Responses(job.Body))
            {
                var name = identifier + "." + ShProcessing.Extension(format);
                var url = template.Replace("<REQUEST_ID>", job.Id, StringComparison.Ordinal).Replace("<OUTPUT>", name, StringComparison.Ordinal);
                Host.Blobs.Put(BlobNameFor(url), ShProcessing.Render(identifier, format, job.Width, job.Height, seed), format);
            }
        }
    }

    private async Task<IResult> BatchCreateAsync(HttpContext c, string dep, bool statistical)
    {
        var (body, _, parseError) = await ReadRequestAsync(c).ConfigureAwait(false);
        return await Authed(c, dep, false, clientId =>
        {
            if (parseError is not null)
            {
                return Task.FromResult(parseError);
            }

            if (_policy.RemainingMonthlyUnits(clientId) is < 1000)
            {
                return Task.FromResult(ShError.Wrapped(403, "COMMON_INSUFFICIENT_PERMISSIONS", "Batch requests need at least 1000 processing units left on the account."));
            }

            if (statistical && dep != "eu")
            {
                return Task.FromResult(ShError.Wrapped(404, "COMMON_NOT_FOUND", "Batch Statistical is available on the EU deployment only."));
            }

            if (body is not JsonObject o)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "Body must be a JSON object."));
            }

            string? invalid = statistical ? ValidateBatchStatistical(o) : ValidateBatch(o);
            if (invalid is not null)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", invalid));
            }

            var now = Clock.GetUtcNow();
            var task = new ShBatchTask { Id = Guid.NewGuid().ToString(), Request = (JsonObject)o.DeepClone(), Statistical = statistical, Created = now, LastUpdated = now, EstimatedPu = 150 };
            _batch[task.Id] = task;
            return Task.FromResult(Results.Json(task.ToJson(), statusCode: 201));
        }).ConfigureAwait(false);
    }

    private static string? ValidateBatch(JsonObject o)
    {
        if (o["processRequest"] is not JsonObject pr || pr["input"]?["data"] is not JsonArray { Count: > 0 })
        {
            return "processRequest.input.data: must not be empty";
        }

        if (pr["output"]?["width"] is not null || pr["output"]?["height"] is not null)
        {
            return "processRequest.output: width/height are not allowed in Batch (the tiling grid sets the size)";
        }

        var type = o["input"]?["type"]?.GetValue<string>();
        if (type == "tiling-grid")
        {
            var id = o["input"]?["id"]?.GetValue<int>();
            var res = o["input"]?["resolution"]?.GetValue<double>();
            var grid = id is null ? null : Grids.FirstOrDefault(g => g.Id == id);
            if (grid is null)
            {
                return "input.id: unknown tiling grid";
            }

            if (res is null || !grid.Resolutions.Contains(res.Value))
            {
                return "input.resolution: must be one of " + string.Join(", ", grid.Resolutions.Select(r => r.ToString(CultureInfo.InvariantCulture)));
            }
        }
        else if (type == "geopackage")
        {
            if (o["input"]?["features"]?["s3"]?["url"] is null)
            {
                return "input.features.s3.url: must not be null";
            }
        }
        else
        {
            return "input.type: must be tiling-grid or geopackage";
        }

        var outType = o["output"]?["type"]?.GetValue<string>();
        if (outType is not ("raster" or "zarr") || o["output"]?["delivery"]?["s3"]?["url"] is null)
        {
            return "output: type raster or zarr with delivery.s3.url is required";
        }

        var url = o["output"]!["delivery"]!["s3"]!["url"]!.GetValue<string>();
        var responses = ShProcessing.Responses(pr);
        if (outType == "raster" && url.Contains('<', StringComparison.Ordinal) && !url.Contains("<tileName>", StringComparison.Ordinal))
        {
            return "output.delivery.s3.url: the template must contain <tileName>";
        }

        if (outType == "raster" && responses.Count > 1 && url.Contains('<', StringComparison.Ordinal) && !url.Contains("<outputId>", StringComparison.Ordinal))
        {
            return "output.delivery.s3.url: the template must contain <outputId> when there are several outputs";
        }

        return null;
    }

    private static string? ValidateBatchStatistical(JsonObject o)
    {
        if (o["input"]?["features"]?["s3"]?["url"] is null)
        {
            return "input.features.s3.url: must not be null";
        }

        if (o["aggregation"]?["timeRange"] is null || o["aggregation"]?["aggregationInterval"]?["of"] is null)
        {
            return "aggregation.timeRange and aggregation.aggregationInterval.of are required";
        }

        if (o["output"]?["s3"]?["url"] is null)
        {
            return "output.s3.url: must not be null";
        }

        return null;
    }

    private ShBatchTask? FindBatch(HttpContext c, bool statistical)
    {
        var id = (string)c.Request.RouteValues["id"]!;
        if (!_batch.TryGetValue(id, out var task) || task.Statistical != statistical)
        {
            return null;
        }

        lock (task)
        {
            task.Advance(Clock.GetUtcNow(), Options, WriteBatchOutputs, WriteFeatureManifest);
        }

        return task;
    }

    private IResult BatchGet(HttpContext c, bool statistical, bool statusOnly)
    {
        var task = FindBatch(c, statistical);
        return task is null ? ShError.Wrapped(404, "COMMON_NOT_FOUND", "Request not found.") : Results.Json(task.ToJson(statusOnly));
    }

    private IResult BatchList(HttpContext c, bool statistical)
    {
        var all = _batch.Values.Where(t => t.Statistical == statistical).OrderBy(t => t.Created).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        foreach (var t in all)
        {
            lock (t)
            {
                t.Advance(Clock.GetUtcNow(), Options, WriteBatchOutputs, WriteFeatureManifest);
            }
        }

        return Paged(c, all.Select(t => (JsonNode)t.ToJson()).ToList());
    }

    private static IResult Paged(HttpContext c, IReadOnlyList<JsonNode> all)
    {
        var count = int.TryParse(c.Request.Query["count"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 100) : 100;
        var offset = int.TryParse(c.Request.Query["viewtoken"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var page = new JsonArray(all.Skip(offset).Take(count).Select(x => x.DeepClone()).ToArray());
        var links = new JsonObject { ["currentToken"] = offset.ToString(CultureInfo.InvariantCulture) };
        if (offset + count < all.Count)
        {
            links["nextToken"] = (offset + count).ToString(CultureInfo.InvariantCulture);
        }

        if (offset > 0)
        {
            links["previousToken"] = Math.Max(0, offset - count).ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json(new JsonObject { ["data"] = page, ["links"] = links });
    }

    private async Task<IResult> BatchUpdateAsync(HttpContext c)
    {
        var task = FindBatch(c, statistical: false);
        if (task is null)
        {
            return ShError.Wrapped(404, "COMMON_NOT_FOUND", "Request not found.");
        }

        var (body, _, error) = await ReadRequestAsync(c).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        lock (task)
        {
            if (task.Status == "PROCESSING")
            {
                return ShError.Wrapped(409, "COMMON_BAD_PAYLOAD", "Requests that are being processed cannot be updated.");
            }

            if (body is JsonObject o && o.Any(p => p.Key != "description"))
            {
                return ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "Only the description can be updated.");
            }

            task.Request["description"] = body?["description"]?.GetValue<string>();
            return Results.Json(task.ToJson());
        }
    }

    private IResult BatchAction(HttpContext c, bool statistical)
    {
        var task = FindBatch(c, statistical);
        if (task is null)
        {
            return ShError.Wrapped(404, "COMMON_NOT_FOUND", "Request not found.");
        }

        var action = ((string)c.Request.RouteValues["action"]!).ToLowerInvariant();
        var now = Clock.GetUtcNow();
        lock (task)
        {
            switch (action)
            {
                case "analyse" when task.Status == "CREATED":
                    task.Status = "ANALYSING";
                    task.AnalysisStarted = now;
                    break;
                case "analyse":
                    return ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "Only CREATED requests can be analysed; status is " + task.Status + ".");
                case "start":
                    if (task.Status == "STOPPED" && task.StoppedReason == "USER_ACTION" && task.StoppedAt is { } stopped && now - stopped < ShBatchTask.RestartLock)
                    {
                        return ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "A request stopped by the user cannot be restarted within 30 minutes.");
                    }

                    if (task.Status == "CREATED")
                    {
                        task.Status = "ANALYSING";
                        task.AnalysisStarted = now;
                        task.StartAfterAnalysis = true;
                    }
                    else if (task.Status == "ANALYSING")
                    {
                        task.StartAfterAnalysis = true;
                    }
                    else if (task.Status is "ANALYSIS_DONE" or "STOPPED")
                    {
                        // Resume where processing stopped.
                        task.ProcessingStarted = now - TimeSpan.FromSeconds(Options.BatchProcessingDuration.TotalSeconds * task.Completion / 100);
                        task.Status = "PROCESSING";
                        task.StoppedReason = null;
                    }
                    else
                    {
                        return ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "A request in status " + task.Status + " cannot be started.");
                    }

                    break;
                case "stop" when task.Status is "ANALYSING" or "ANALYSIS_DONE" or "PROCESSING":
                    task.Status = "STOPPED";
                    task.StoppedReason = "USER_ACTION";
                    task.StoppedAt = now;
                    break;
                case "stop":
                    return ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "A request in status " + task.Status + " cannot be stopped.");
                default:
                    return ShError.Wrapped(404, "COMMON_NOT_FOUND", "Unknown action " + action);
            }

            task.UserAction = action == "analyse" ? "ANALYSE" : action.ToUpperInvariant();
            task.UserActionUpdated = now;
            task.LastUpdated = now;
        }

        return Results.StatusCode(204);
    }

    private void WriteBatchOutputs(ShBatchTask task)
    {
        if (task.Statistical)
        {
            var url = task.Request["output"]!["s3"]!["url"]!.GetValue<string>();
            var template = url.Contains('<', StringComparison.Ordinal) ? url : url.TrimEnd('/') + "/<REQUEST_ID>/<ID>.json";
            foreach (var id in Options.BatchStatisticalFeatureIds)
            {
                var key = template.Replace("<REQUEST_ID>", task.Id, StringComparison.Ordinal).Replace("<ID>", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("<IDENTIFIER>", "feature-" + id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                var json = new JsonObject { ["id"] = id, ["identifier"] = "feature-" + id.ToString(CultureInfo.InvariantCulture), ["response"] = new JsonObject { ["status"] = "OK", ["data"] = new JsonArray(ShStatistical.IntervalData(id, Clock.GetUtcNow().AddDays(-10), Clock.GetUtcNow(), null)) } };
                Host.Blobs.Put(BlobNameFor(key), Encoding.UTF8.GetBytes(json.ToJsonString()), "application/json");
            }

            return;
        }

        var deliveryUrl = task.Request["output"]!["delivery"]!["s3"]!["url"]!.GetValue<string>();
        var outputs = ShProcessing.Responses(task.Request["processRequest"]!);
        var tpl = ShBatchOutputs.DefaultTemplate(deliveryUrl);
        var tiles = Options.BatchTileNames.ToList();
        foreach (var tile in tiles.Where(t => !Options.BatchFatalTileNames.Contains(t)))
        {
            foreach (var (identifier, format) in outputs)
            {
                var key = ShBatchOutputs.OutputKey(tpl, task.Id, tile, identifier, ShProcessing.Extension(format));
                Host.Blobs.Put(BlobNameFor(key), ShProcessing.Render(identifier, format, Options.BatchTilePixels, Options.BatchTilePixels, task.Id + tile), format);
            }
        }

        var folder = ShBatchOutputs.Folder(tpl, task.Id);
        Host.Blobs.Put(BlobNameFor(folder + "execution-" + task.Id + ".sqlite"), ShBatchOutputs.ExecutionDatabase(tiles, Options.BatchFatalTileNames, done: true), "application/vnd.sqlite3");
    }

    private void WriteFeatureManifest(ShBatchTask task)
    {
        if (task.Statistical)
        {
            return;
        }

        var deliveryUrl = task.Request["output"]!["delivery"]!["s3"]!["url"]!.GetValue<string>();
        var outputs = ShProcessing.Responses(task.Request["processRequest"]!).Select(o => (o.Identifier, ShProcessing.Extension(o.Format))).ToList();
        var tpl = ShBatchOutputs.DefaultTemplate(deliveryUrl);
        var folder = ShBatchOutputs.Folder(tpl, task.Id);
        var tiles = Options.BatchTileNames.ToList();
        var manifest = ShBatchOutputs.FeatureManifest(tiles, outputs, (tile, output) => ShBatchOutputs.OutputKey(tpl, task.Id, tile, output, outputs.First(o => o.Identifier == output).Item2), Options.BatchTilePixels);
        Host.Blobs.Put(BlobNameFor(folder + "featureManifest-" + task.Id + ".gpkg"), manifest, "application/geopackage+sqlite3");
        Host.Blobs.Put(BlobNameFor(folder + "execution-" + task.Id + ".sqlite"), ShBatchOutputs.ExecutionDatabase(tiles, Options.BatchFatalTileNames, done: false), "application/vnd.sqlite3");
    }

    private static readonly (int Id, string Name, double Size, double[] Resolutions, string Unit)[] GridTable =
    [
        (0, "UTM 20km grid", 20040, [10, 20, 30, 60], "METRE"),
        (1, "UTM 10km grid", 10000, [10, 20], "METRE"),
        (2, "UTM 100km grid", 100080, [30, 60, 120, 240, 360], "METRE"),
        (3, "WGS84 1 degree grid", 1, [0.0001, 0.0002], "DEGREE"),
        (6, "LAEA 100km grid", 100000, [40, 50, 100], "METRE"),
        (7, "LAEA 20km grid", 20000, [10, 20], "METRE"),
    ];

    private static IEnumerable<GridInfo> Grids => GridTable.Select(g => new GridInfo(g.Id, g.Resolutions));

    private static IResult TilingGrids(HttpContext c, string? id)
    {
        JsonObject ToJson((int Id, string Name, double Size, double[] Resolutions, string Unit) g) => new()
        {
            ["id"] = g.Id,
            ["name"] = g.Name,
            ["properties"] = new JsonObject { ["tileWidth"] = g.Size, ["tileHeight"] = g.Size, ["resolutions"] = new JsonArray(g.Resolutions.Select(r => (JsonNode)r).ToArray()), ["unit"] = g.Unit },
        };
        if (id is null)
        {
            return Paged(c, GridTable.Select(g => (JsonNode)ToJson(g)).ToList());
        }

        var found = GridTable.Where(g => g.Id.ToString(CultureInfo.InvariantCulture) == id).ToList();
        return found.Count == 0 ? ShError.Wrapped(404, "COMMON_NOT_FOUND", "Tiling grid not found.") : Results.Json(ToJson(found[0]));
    }

    private async Task<IResult> StatisticsAsync(HttpContext c, string dep)
    {
        var (body, _, parseError) = await ReadRequestAsync(c).ConfigureAwait(false);
        return await Authed(c, dep, false, _ =>
        {
            if (parseError is not null)
            {
                return Task.FromResult(parseError);
            }

            var agg = body?["aggregation"];
            if (body?["input"]?["data"] is not JsonArray { Count: > 0 })
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "input.data: must not be empty"));
            }

            if (agg?["timeRange"]?["from"] is null || agg["timeRange"]?["to"] is null)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "aggregation.timeRange: from and to are required"));
            }

            if (agg["width"]?.GetValue<int>() > 2500 || agg["height"]?.GetValue<int>() > 2500)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", "aggregation: width and height must not exceed 2500"));
            }

            var from = DateTimeOffset.Parse(agg["timeRange"]!["from"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(agg["timeRange"]!["to"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var intervals = ShStatistical.Intervals(from, to, agg["aggregationInterval"]?["of"]?.GetValue<string>(), agg["aggregationInterval"]?["lastIntervalBehavior"]?.GetValue<string>(), out var error);
            if (intervals is null)
            {
                return Task.FromResult(ShError.Wrapped(400, "COMMON_BAD_PAYLOAD", error!));
            }

            var data = new JsonArray();
            var failed = 0;
            for (var i = 0; i < intervals.Count; i++)
            {
                var (f, t) = intervals[i];
                var key = f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var index = (int)(f - new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalDays;
                if (intervals.Count > 1 && Options.StatisticalFailOnce.Remove(key))
                {
                    failed++;
                    data.Add(new JsonObject { ["interval"] = new JsonObject { ["from"] = ShStatistical.Iso(f), ["to"] = ShStatistical.Iso(t) }, ["error"] = new JsonObject { ["type"] = "EXECUTION_ERROR" } });
                    continue;
                }

                data.Add(ShStatistical.IntervalData(index, f, t, body!["calculations"]));
            }

            var status = failed == 0 ? "OK" : failed == intervals.Count ? "FAILED" : "PARTIAL";
            c.Response.Headers["x-processingunits-spent"] = "0.01";
            return Task.FromResult(Results.Json(new JsonObject { ["status"] = status, ["data"] = data }));
        }).ConfigureAwait(false);
    }

    private async Task<IResult> CatalogSearchAsync(HttpContext c, string dep)
    {
        var (body, _, parseError) = await ReadRequestAsync(c).ConfigureAwait(false);
        if (parseError is not null || body is not JsonObject q)
        {
            return ShError.Catalog(400, "Invalid JSON body.");
        }

        var collections = (q["collections"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [];
        if (collections.Count == 0)
        {
            return ShError.Catalog(400, "collections: at least one collection is required.");
        }

        foreach (var col in collections)
        {
            if (!ShCatalog.Collections[dep].Contains(col))
            {
                return ShError.Catalog(404, "Collection not found.");
            }
        }

        var datetime = q["datetime"]?.GetValue<string>();
        if (string.IsNullOrEmpty(datetime))
        {
            return ShError.Catalog(400, "datetime: required.");
        }

        var parts = datetime.Split('/');
        var from = parts[0] is ".." or "" ? new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero) : DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture);
        var to = parts.Length < 2 ? from : parts[1] is ".." or "" ? Clock.GetUtcNow() : DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture);
        var limit = Math.Clamp(q["limit"]?.GetValue<int>() ?? 10, 1, 100);
        var next = q["next"]?.GetValue<int>() ?? 0;
        var bbox = q["bbox"] is JsonArray b && b.Count >= 4 ? b.Take(4).Select(n => n!.GetValue<double>()).ToArray() : q["intersects"] is JsonNode g ? ShProcessing.Bbox(new JsonObject { ["geometry"] = g.DeepClone() }) : null;
        var ids = (q["ids"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var filter = q["filter"];
        if (filter is not null && q["filter-lang"]?.GetValue<string>() is { } lang && lang != "cql2-json")
        {
            return ShError.Catalog(400, "POST search supports filter-lang cql2-json only in this emulator.");
        }

        var matches = new List<JsonObject>();
        foreach (var col in collections)
        {
            foreach (var item in _catalog.Items(col, from, to, ThumbnailUrl))
            {
                if (!ShCatalog.Intersects(item, bbox) || (ids is not null && !ids.Contains(item["id"]!.GetValue<string>())))
                {
                    continue;
                }

                if (!ShCatalog.Matches(item, filter, out var filterError))
                {
                    if (filterError is not null)
                    {
                        return ShError.Catalog(400, filterError);
                    }

                    continue;
                }

                matches.Add(item);
            }
        }

        if (q["distinct"]?.GetValue<string>() is { } distinct)
        {
            var values = matches.Select(m => distinct == "date" ? m["properties"]!["datetime"]!.GetValue<string>()[..10] : m["properties"]?[distinct]?.ToJsonString() ?? "null").Distinct().ToList();
            var page = values.Skip(next).Take(limit).Select(v => (JsonNode)v).ToArray();
            var context = new JsonObject { ["limit"] = limit, ["returned"] = page.Length };
            if (next + limit < values.Count)
            {
                context["next"] = next + limit;
            }

            return Results.Json(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(page), ["links"] = new JsonArray(), ["context"] = context }, contentType: "application/geo+json");
        }

        var features = matches.Skip(next).Take(limit).Select(m => (JsonNode)ShCatalog.ApplyFields(m, q["fields"])).ToArray();
        var ctx = new JsonObject { ["limit"] = limit, ["returned"] = features.Length };
        var links = new JsonArray(new JsonObject { ["rel"] = "self", ["type"] = "application/geo+json" });
        if (next + limit < matches.Count)
        {
            ctx["next"] = next + limit;
            links.Add(new JsonObject { ["rel"] = "next", ["type"] = "application/geo+json", ["title"] = "Next set of results", ["method"] = "POST", ["body"] = new JsonObject { ["next"] = next + limit }, ["merge"] = true });
        }

        return Results.Json(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features), ["links"] = links, ["context"] = ctx }, contentType: "application/geo+json");
    }

    private string ThumbnailUrl(string itemId)
    {
        var name = "catalog/" + itemId + "/thumbnail.jpg";
        if (!Host.Blobs.TryGet(name, out _))
        {
            Host.Blobs.PutGenerated(name, Options.CatalogThumbnailBytes, itemId.GetHashCode(StringComparison.Ordinal), "image/jpeg");
        }

        return Host.Blobs.GetUrl(name).AbsoluteUri;
    }

    private IResult CatalogCollections(string dep, string? id)
    {
        if (id is null)
        {
            return Results.Json(new JsonObject { ["collections"] = new JsonArray(ShCatalog.Collections[dep].Select(c => (JsonNode)_catalog.CollectionJson(c)).ToArray()), ["links"] = new JsonArray() });
        }

        return ShCatalog.Collections[dep].Contains(id) ? Results.Json(_catalog.CollectionJson(id)) : ShError.Catalog(404, "Collection not found.");
    }

    private IResult CatalogItem(string dep, string collection, string itemId)
    {
        if (!ShCatalog.Collections[dep].Contains(collection))
        {
            return ShError.Catalog(404, "Collection not found.");
        }

        var date = itemId.Split('_').Select(p => p.Length >= 8 && DateTimeOffset.TryParseExact(p[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null).FirstOrDefault(d => d is not null);
        if (date is { } day)
        {
            var item = _catalog.Items(collection, day, day.AddDays(1).AddTicks(-1), ThumbnailUrl).FirstOrDefault(i => i["id"]!.GetValue<string>() == itemId);
            if (item is not null)
            {
                return Results.Json(item, contentType: "application/geo+json");
            }
        }

        return ShError.Catalog(404, "Item not found.");
    }

    private sealed record GridInfo(int Id, double[] Resolutions);

    private sealed class AsyncJob(string id, string clientId, DateTimeOffset finishAt, JsonNode body, string raw, int width, int height, double pu, string deliveryUrl)
    {
        public string Id { get; } = id;

        public string ClientId { get; } = clientId;

        public DateTimeOffset FinishAt { get; set; } = finishAt;

        public JsonNode Body { get; } = body;

        public string Raw { get; } = raw;

        public int Width { get; } = width;

        public int Height { get; } = height;

        public double Pu { get; } = pu;

        public string DeliveryUrl { get; } = deliveryUrl;

        public bool Written { get; set; }
    }

    // Token and policy services are created before the host exists; they read its clock lazily.
    private sealed class ClockProxy(SentinelHubEmulator owner) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => owner.Clock.GetUtcNow();
    }
}
