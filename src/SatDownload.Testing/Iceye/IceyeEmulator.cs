using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.Iceye;

/// <summary>
/// An in-process emulator of the ICEYE Tasking API v2, written from the wire contract only: the OAuth2 token endpoint
/// (Basic client authentication, expiring tokens), bearer enforcement, task create/get/list/cancel with ICEYE's checks,
/// the task status machine on the virtual clock, products (404 before FULFILLED, SLA types in FULFILLED, all types in
/// DONE, small cursor pages) whose asset URLs are signed blob URLs that stop working after a TTL, and contracts.
/// </summary>
/// <remarks>
/// Point clients at <c>new Uri(emulator.BaseUri, "iceye/")</c> and the token URL at <see cref="GetTokenEndpoint"/>.
/// Errors are ICEYE problem details (<c>title</c>, <c>code</c>, <c>details</c>, <c>reference</c>).
/// </remarks>
public sealed class IceyeEmulator : IEmulatedProvider
{
    /// <summary>The default contract id.</summary>
    public const string DefaultContractId = "contract-sar-1";

    private const string ProblemReference = "https://docs.iceye.com/constellation/api/getting-started/error-handling/";

    private readonly ConcurrentDictionary<string, IceyeEmulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IceyeEmulatedOutcome> _scriptedOutcomes = new();
    private readonly object _blobGate = new();
    private readonly IReadOnlyList<IceyeEmulatedContract> _contracts;
    private ProviderEmulator? _emulator;
    private int _tokensIssued;
    private int _taskCounter;

    /// <summary>Creates the emulator.</summary>
    /// <param name="options">Its settings; defaults when null.</param>
    public IceyeEmulator(IceyeEmulatorOptions? options = null)
    {
        Options = options ?? new IceyeEmulatorOptions();
        _contracts = Options.Contracts.Count > 0
            ? Options.Contracts.ToArray()
            : new[] { new IceyeEmulatedContract { Id = DefaultContractId } };
    }

    /// <inheritdoc />
    public string Name => "iceye";

    /// <inheritdoc />
    public string BasePath => "/iceye";

    /// <summary>The settings.</summary>
    public IceyeEmulatorOptions Options { get; }

    /// <summary>The contracts served.</summary>
    public IReadOnlyList<IceyeEmulatedContract> Contracts => _contracts;

    /// <summary>The tasks created so far.</summary>
    public IReadOnlyCollection<IceyeEmulatedTask> Tasks => _tasks.Values.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToArray();

    /// <summary>How many access tokens the token endpoint issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>The client's API base address (<c>{BaseUri}iceye/</c>).</summary>
    /// <returns>The address.</returns>
    public Uri GetApiBaseAddress() => new(Host.BaseUri, "iceye/");

    /// <summary>The token endpoint URL.</summary>
    /// <returns>The absolute URL.</returns>
    public Uri GetTokenEndpoint() => new(Host.BaseUri, "iceye/" + Options.TokenPath.TrimStart('/'));

    /// <summary>Makes the next tasks end the given ways, in order (then <see cref="IceyeEmulatedOutcome.Deliver"/> again).</summary>
    /// <param name="outcomes">The outcomes.</param>
    public void ScriptOutcomes(params IceyeEmulatedOutcome[] outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes)
        {
            _scriptedOutcomes.Enqueue(outcome);
        }
    }

    /// <summary>Expires every issued access token now, so the next API call gets 401 until the client fetches a new token.</summary>
    public void ExpireAllTokens()
    {
        foreach (var key in _tokens.Keys)
        {
            _tokens[key] = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Finds a task.</summary>
    /// <param name="taskId">The id.</param>
    /// <returns>The task.</returns>
    public IceyeEmulatedTask GetTask(string taskId) =>
        _tasks.TryGetValue(taskId, out var task) ? task : throw new KeyNotFoundException($"The ICEYE emulator has no task '{taskId}'.");

    /// <summary>The product id the emulator gives a product type of a task (deterministic).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="productType">The product type, for example <c>GRD</c>.</param>
    /// <returns>The product id.</returns>
    public static string ProductIdFor(string taskId, string productType)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(productType);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(taskId + "|" + productType.ToUpperInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>The blob that holds an asset of a product, to compare downloaded bytes with.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="productType">The product type.</param>
    /// <param name="assetKey">The asset key, for example <c>grd-tif</c>.</param>
    /// <returns>The blob name in <see cref="ProviderEmulator.Blobs"/>.</returns>
    public static string AssetBlobName(string taskId, string productType, string assetKey) =>
        $"iceye/{taskId}/{ProductIdFor(taskId, productType)}/{assetKey}";

    /// <summary>The asset keys the emulator serves for a product type, with media types and roles.</summary>
    /// <param name="productType">The product type.</param>
    /// <returns>(key, media type, roles or null, whether it is the main data file).</returns>
    public static IReadOnlyList<(string Key, string MediaType, string[]? Roles, bool IsData)> AssetLayout(string productType)
    {
        ArgumentNullException.ThrowIfNull(productType);
        var type = productType.ToUpperInvariant();
        var isCog = type.EndsWith("-COG", StringComparison.Ordinal);
        var stem = (isCog ? type[..^4] : type).ToLowerInvariant();
        var list = new List<(string, string, string[]?, bool)>();
        switch (stem)
        {
            case "vid":
                list.Add(("vid-mp4", "video/mp4", null, true));
                break;
            case "sicd" or "sidd":
                list.Add((stem + "-ntf", "application/vnd.nitf", null, true));
                break;
            case "qlk":
                list.Add(("qlk-png", "image/png", null, true));
                break;
            default:
                list.Add((stem + "-tif", isCog ? "image/tiff; application=geotiff; profile=cloud-optimized" : "image/tiff; application=geotiff", null, true));
                break;
        }

        list.Add((stem + "-xml", "application/xml", null, false));
        if (stem == "grd")
        {
            list.Add(("quicklook-png", "image/png", null, false));
            list.Add(("thumbnail-json", "application/json", new[] { "metadata" }, false));
            list.Add(("thumbnail-png", "image/png", new[] { "thumbnail" }, false));
        }

        return list;
    }

    /// <inheritdoc />
    public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _emulator = emulator ?? throw new ArgumentNullException(nameof(emulator));
        routes.MapPost("/" + Options.TokenPath.TrimStart('/'), (RequestDelegate)IssueTokenAsync);
        routes.MapGet("/api/company/v1/contracts", Authorized(ListContractsAsync));
        routes.MapPost("/api/tasking/v2/tasks", Authorized(CreateTaskAsync));
        routes.MapGet("/api/tasking/v2/tasks", Authorized(ListTasksAsync));
        routes.MapGet("/api/tasking/v2/tasks/{taskId}", Authorized(GetTaskAsync));
        routes.MapMethods("/api/tasking/v2/tasks/{taskId}", new[] { "PATCH" }, Authorized(CancelTaskAsync));
        routes.MapGet("/api/tasking/v2/tasks/{taskId}/products", Authorized(ListProductsAsync));
        routes.MapGet("/api/tasking/v2/tasks/{taskId}/products/{productType}", Authorized(ListProductsOfTypeAsync));
    }

    private ProviderEmulator Host => _emulator ?? throw new InvalidOperationException("The ICEYE emulator is not mapped into a running ProviderEmulator yet.");

    private DateTimeOffset Now => Host.Clock.GetUtcNow();

    private RequestDelegate Authorized(RequestDelegate next) => async context =>
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await ProblemAsync(context, 401, "Unauthorized", "unauthorized", "A bearer access token is required (Authorization: Bearer <token>).").ConfigureAwait(false);
            return;
        }

        var token = header["Bearer ".Length..].Trim();
        if (!_tokens.TryGetValue(token, out var expires))
        {
            await ProblemAsync(context, 401, "Unauthorized", "invalid_token", "The access token is not valid.").ConfigureAwait(false);
            return;
        }

        if (expires <= Now)
        {
            await ProblemAsync(context, 401, "Unauthorized", "token_expired", "The access token has expired; request a new one.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    };

    private async Task IssueTokenAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string? id = null;
        string? secret = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    id = Uri.UnescapeDataString(decoded[..colon]);
                    secret = Uri.UnescapeDataString(decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                id = null;
            }
        }

        if (!context.Request.HasFormContentType)
        {
            await OAuthErrorAsync(context, 400, "invalid_request", "Send grant_type=client_credentials as application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (!string.Equals(form["grant_type"], "client_credentials", StringComparison.Ordinal))
        {
            await OAuthErrorAsync(context, 400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(id, Options.ClientId, StringComparison.Ordinal) || !string.Equals(secret, Options.ClientSecret, StringComparison.Ordinal))
        {
            await OAuthErrorAsync(context, 401, "invalid_client", "Client authentication failed (HTTP Basic with client id and secret is required).").ConfigureAwait(false);
            return;
        }

        var token = "iceye-at-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        _tokens[token] = Now + Options.TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        await JsonAsync(context, 200, new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)Options.TokenLifetime.TotalSeconds,
            ["scope"] = Options.TokenScope,
        }).ConfigureAwait(false);
    }

    private Task ListContractsAsync(HttpContext context)
    {
        var data = new JsonArray();
        foreach (var contract in _contracts)
        {
            data.Add(new JsonObject
            {
                ["id"] = contract.Id,
                ["name"] = contract.Name,
                ["imagingModes"] = new JsonArray(contract.ImagingModes.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
                ["slaProductTypes"] = new JsonArray(contract.SlaProductTypes.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            });
        }

        return JsonAsync(context, 200, new JsonObject { ["data"] = data, ["cursor"] = string.Empty });
    }

    private async Task CreateTaskAsync(HttpContext context)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException ex)
        {
            await ProblemAsync(context, 400, "Bad Request", "invalid_json", "The body is not valid JSON: " + ex.Message).ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            await ProblemAsync(context, 400, "Bad Request", "invalid_json", "The body must be a JSON object.").ConfigureAwait(false);
            return;
        }

        var problem = ValidateCreate(body, out var contract);
        if (problem is not null)
        {
            await ProblemAsync(context, 400, "Bad Request", problem.Value.Code, problem.Value.Details).ConfigureAwait(false);
            return;
        }

        var outcome = _scriptedOutcomes.TryDequeue(out var scripted) ? scripted : IceyeEmulatedOutcome.Deliver;
        var number = Interlocked.Increment(ref _taskCounter);
        // Derived from the counter and the request, not random: a fresh emulator given the same create requests in the
        // same order issues the same ids (and products), so a sample re-run against a restarted in-process emulator
        // finds its files already on disk. Ids stay unique within one emulator through the counter.
        var number4 = string.Create(CultureInfo.InvariantCulture, $"{number:D4}");
        var id = number4 + "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(number4 + "\n" + body.ToJsonString())))[..12].ToLowerInvariant();
        var task = new IceyeEmulatedTask(id, body, contract!, Now, outcome, Options);
        _tasks[id] = task;
        await JsonAsync(context, 201, task.ToJson(Now)).ConfigureAwait(false);
    }

    private (string Code, string Details)? ValidateCreate(JsonObject body, out IceyeEmulatedContract? contract)
    {
        contract = null;
        var contractId = ReadString(body, "contractID");
        if (contractId is null)
        {
            return ("missing_field", "contractID is required.");
        }

        contract = _contracts.FirstOrDefault(c => string.Equals(c.Id, contractId, StringComparison.Ordinal));
        if (contract is null)
        {
            return ("contract_not_found", $"Contract '{contractId}' does not exist or is not available to your company.");
        }

        if (body["pointOfInterest"] is not JsonObject poi || !TryNumber(poi["lat"], out var lat) || !TryNumber(poi["lon"], out var lon))
        {
            return ("missing_field", "pointOfInterest with numeric lat and lon is required.");
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return ("invalid_point_of_interest", "pointOfInterest lat must be within [-90, 90] and lon within [-180, 180].");
        }

        if (body["acquisitionWindow"] is not JsonObject window ||
            !DateTimeOffset.TryParse(ReadString(window, "start"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start) ||
            !DateTimeOffset.TryParse(ReadString(window, "end"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end))
        {
            return ("missing_field", "acquisitionWindow with RFC 3339 start and end is required.");
        }

        if (end - start < TimeSpan.FromHours(24))
        {
            return ("invalid_acquisition_window", "acquisitionWindow must be at least 24 hours long.");
        }

        if (end > Now + TimeSpan.FromDays(14))
        {
            return ("invalid_acquisition_window", "acquisitionWindow end must be at most 14 days in the future.");
        }

        var mode = ReadString(body, "imagingMode");
        if (mode is null)
        {
            return ("missing_field", "imagingMode is required.");
        }

        if (!contract.ImagingModes.Contains(mode, StringComparer.Ordinal))
        {
            return ("imaging_mode_not_allowed", $"Imaging mode '{mode}' is not allowed by contract '{contract.Id}'. Allowed: {string.Join(", ", contract.ImagingModes)}.");
        }

        if (body["productTypes"] is JsonArray types)
        {
            foreach (var node in types)
            {
                var type = node?.GetValue<string>();
                if (type is null || (!contract.SlaProductTypes.Contains(type, StringComparer.Ordinal) && !contract.OptionalProductTypes.Contains(type, StringComparer.Ordinal)))
                {
                    return ("product_type_not_allowed", $"Product type '{type}' is not available under contract '{contract.Id}'.");
                }
            }
        }

        return null;
    }

    private async Task ListTasksAsync(HttpContext context)
    {
        var limit = Options.DefaultListLimit;
        if (context.Request.Query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > Options.MaxListLimit)
            {
                await ProblemAsync(context, 400, "Bad Request", "invalid_limit", $"limit must be an integer between 1 and {Options.MaxListLimit}.").ConfigureAwait(false);
                return;
            }
        }

        var offset = 0;
        if (context.Request.Query.TryGetValue("cursor", out var cursorText) && !TryDecodeCursor(cursorText.ToString(), out offset))
        {
            await ProblemAsync(context, 400, "Bad Request", "invalid_cursor", "The cursor is not valid.").ConfigureAwait(false);
            return;
        }

        var all = Tasks.ToArray();
        var data = new JsonArray(all.Skip(offset).Take(limit).Select(t => (JsonNode?)t.ToJson(Now)).ToArray());
        var page = new JsonObject { ["data"] = data };

        // The last page carries no cursor at all (the documented end of paging for lists).
        if (offset + limit < all.Length)
        {
            page["cursor"] = EncodeCursor(offset + limit);
        }

        await JsonAsync(context, 200, page).ConfigureAwait(false);
    }

    private async Task GetTaskAsync(HttpContext context)
    {
        if (await FindTaskAsync(context).ConfigureAwait(false) is { } task)
        {
            await JsonAsync(context, 200, task.ToJson(Now)).ConfigureAwait(false);
        }
    }

    private async Task CancelTaskAsync(HttpContext context)
    {
        if (await FindTaskAsync(context).ConfigureAwait(false) is not { } task)
        {
            return;
        }

        JsonObject? body = null;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null || !string.Equals(ReadString(body, "status"), "CANCELED", StringComparison.Ordinal))
        {
            await ProblemAsync(context, 400, "Bad Request", "invalid_status", "Only {\"status\":\"CANCELED\"} is accepted.").ConfigureAwait(false);
            return;
        }

        if (!task.TryCancel(Now))
        {
            await ProblemAsync(context, Options.CancelRefusalStatus, "Conflict", "invalid_status_transition", $"Task {task.Id} is {task.StatusAt(Now)} and can only be cancelled while RECEIVED or ACTIVE.").ConfigureAwait(false);
            return;
        }

        await JsonAsync(context, 200, task.ToJson(Now)).ConfigureAwait(false);
    }

    private async Task ListProductsAsync(HttpContext context)
    {
        if (await FindTaskAsync(context).ConfigureAwait(false) is not { } task)
        {
            return;
        }

        if (task.ProductTypesAt(Now) is not { } types)
        {
            await ProblemAsync(context, 404, "Not Found", "not_found", $"Products of task {task.Id} are not available: the task is {task.StatusAt(Now)}.").ConfigureAwait(false);
            return;
        }

        var offset = 0;
        if (context.Request.Query.TryGetValue("cursor", out var cursorText) && !string.IsNullOrEmpty(cursorText) && !TryDecodeCursor(cursorText.ToString(), out offset))
        {
            await ProblemAsync(context, 400, "Bad Request", "invalid_cursor", "The cursor is not valid.").ConfigureAwait(false);
            return;
        }

        var size = Math.Max(1, Options.ProductsPageSize);
        var data = new JsonArray(types.Skip(offset).Take(size).Select(t => (JsonNode?)Product(task, t)).ToArray());

        // Products end paging with an empty-string cursor, as the documented example shows.
        var cursor = offset + size < types.Count ? EncodeCursor(offset + size) : string.Empty;
        await JsonAsync(context, 200, new JsonObject { ["cursor"] = cursor, ["data"] = data }).ConfigureAwait(false);
    }

    private async Task ListProductsOfTypeAsync(HttpContext context)
    {
        if (await FindTaskAsync(context).ConfigureAwait(false) is not { } task)
        {
            return;
        }

        var type = context.Request.RouteValues["productType"]?.ToString() ?? string.Empty;
        var available = task.ProductTypesAt(Now);
        var match = available?.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));
        if (!Options.ServeProductTypeEndpoint || match is null)
        {
            await ProblemAsync(context, 404, "Not Found", "not_found", $"No {type} product is available for task {task.Id} (task is {task.StatusAt(Now)}).").ConfigureAwait(false);
            return;
        }

        await JsonAsync(context, 200, new JsonObject { ["cursor"] = string.Empty, ["data"] = new JsonArray(Product(task, match)) }).ConfigureAwait(false);
    }

    private JsonObject Product(IceyeEmulatedTask task, string productType)
    {
        var productId = ProductIdFor(task.Id, productType);
        var assets = new JsonObject();
        foreach (var (key, media, roles, isData) in AssetLayout(productType))
        {
            var blob = AssetBlobName(task.Id, productType, key);
            EnsureBlob(blob, task, productType, key, media, isData);
            var asset = new JsonObject
            {
                ["href"] = Host.Blobs.GetSignedUrl(blob, Options.SignedUrlTimeToLive).AbsoluteUri,
                ["title"] = Title(key),
                ["type"] = media,
            };
            if (roles is not null)
            {
                asset["roles"] = new JsonArray(roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
            }

            assets[key] = asset;
        }

        var poi = task.Request["pointOfInterest"] as JsonObject;
        var lat = TryNumber(poi?["lat"], out var la) ? la : 0;
        var lon = TryNumber(poi?["lon"], out var lo) ? lo : 0;
        var start = task.AcquiredAt - TimeSpan.FromSeconds(10);
        var ring = new JsonArray(
            Position(lon - 0.1, lat - 0.1), Position(lon + 0.1, lat - 0.1), Position(lon + 0.1, lat + 0.1), Position(lon - 0.1, lat + 0.1), Position(lon - 0.1, lat - 0.1));
        var mode = (ReadString(task.Request, "imagingMode") ?? "STRIPMAP").ToLowerInvariant();
        var look = (ReadString(task.Request, "lookSide") ?? "RIGHT").ToLowerInvariant();
        return new JsonObject
        {
            ["assets"] = assets,
            ["bbox"] = new JsonArray(lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1),
            ["collection"] = string.Empty,
            ["geometry"] = new JsonObject { ["coordinates"] = new JsonArray(ring), ["type"] = "Polygon" },
            ["id"] = productId,
            ["properties"] = new JsonObject
            {
                ["created"] = Iso(task.AcquiredAt),
                ["end_datetime"] = Iso(task.AcquiredAt),
                ["frame_id"] = string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(task.Id.GetHashCode(StringComparison.Ordinal)) % 10_000_000}_1"),
                ["iceye:acquisition_mode"] = mode,
                ["iceye:azimuth_resolution"] = 3,
                ["iceye:incidence_center"] = 33.3,
                ["sar:frequency_band"] = "X",
                ["sar:observation_direction"] = look == "any" ? "right" : look,
                ["sar:polarizations"] = new JsonArray("VV"),
                ["sar:product_type"] = productType,
                ["sat:orbit_state"] = "descending",
                ["start_datetime"] = Iso(start),
                ["updated"] = Iso(task.AcquiredAt),
            },
            ["stac_version"] = "1.0.0-beta.1",
            ["type"] = "Feature",
        };
    }

    private void EnsureBlob(string name, IceyeEmulatedTask task, string productType, string key, string mediaType, bool isData)
    {
        lock (_blobGate)
        {
            if (Host.Blobs.TryGet(name, out _))
            {
                return;
            }

            var seed = StableSeed(name);
            if (isData && Options.GeoTiffImagery && mediaType.StartsWith("image/tiff", StringComparison.Ordinal) && !Options.DataFileSizes.ContainsKey(productType))
            {
                Host.Blobs.Put(name, SarGeoTiff(task, seed), mediaType);
            }
            else if (isData)
            {
                var size = Options.DataFileSizes.TryGetValue(productType, out var s) ? s : Options.DataFileSize;
                Host.Blobs.PutGenerated(name, size, seed, mediaType);
            }
            else if (mediaType.Contains("xml", StringComparison.Ordinal))
            {
                Host.Blobs.PutText(name, $"<?xml version=\"1.0\"?><product type=\"{productType}\" asset=\"{key}\"/>", mediaType);
            }
            else if (mediaType.Contains("json", StringComparison.Ordinal))
            {
                Host.Blobs.PutText(name, $"{{\"productType\":\"{productType}\",\"asset\":\"{key}\"}}", mediaType);
            }
            else
            {
                Host.Blobs.PutGenerated(name, 4096, seed, mediaType);
            }
        }
    }

    private static byte[] SarGeoTiff(IceyeEmulatedTask task, int seed)
    {
        var poi = task.Request["pointOfInterest"] as JsonObject;
        var lat = TryNumber(poi?["lat"], out var la) ? la : 0;
        var lon = TryNumber(poi?["lon"], out var lo) ? lo : 0;
        var writer = new GeoTiffWriter
        {
            Width = 256,
            Height = 256,
            SampleType = GeoTiffSampleType.UInt16,
            Extent = new GeoTiffExtent(lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1),
            NoData = 0,
        };

        // Speckled backscatter: a deterministic hash per pixel, so every download of the product is byte-identical.
        return writer.ToArray((x, y, band) => 1 + ((((x * 73856093) ^ (y * 19349663) ^ seed) & 0x7fffffff) % 4000));
    }

    private async Task<IceyeEmulatedTask?> FindTaskAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["taskId"]?.ToString() ?? string.Empty;
        if (_tasks.TryGetValue(id, out var task))
        {
            return task;
        }

        await ProblemAsync(context, 404, "Not Found", "not_found", $"Task '{id}' was not found.").ConfigureAwait(false);
        return null;
    }

    private Task ProblemAsync(HttpContext context, int status, string title, string code, string details)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (Options.ProblemDetailsWithoutAccept || accept.Contains("application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            var body = new JsonObject { ["title"] = title, ["code"] = code, ["details"] = details, ["reference"] = ProblemReference };
            return WriteAsync(context, status, "application/problem+json", body.ToJsonString());
        }

        return WriteAsync(context, status, "text/plain; charset=utf-8", $"{title}: {details}");
    }

    private static Task OAuthErrorAsync(HttpContext context, int status, string error, string description) =>
        WriteAsync(context, status, "application/json", new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());

    private static Task JsonAsync(HttpContext context, int status, JsonNode body) =>
        WriteAsync(context, status, "application/json", body.ToJsonString());

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Title(string key)
    {
        var dash = key.LastIndexOf('-');
        var kind = dash > 0 ? key[..dash] : key;
        var ext = dash > 0 ? key[(dash + 1)..] : string.Empty;
        return ext switch
        {
            "xml" or "json" or "kml" => $"{kind.ToUpperInvariant()} metadata file",
            _ => $"{kind.ToUpperInvariant()} data file",
        };
    }

    private static JsonArray Position(double lon, double lat) => new(Math.Round(lon, 6), Math.Round(lat, 6));

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static int StableSeed(string name) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0) & 0x7fffffff;

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:", StringComparison.Ordinal) &&
                   int.TryParse(text.AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? ReadString(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.TryGetValue(out value) && double.IsFinite(value);
    }
}
