using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.Capella;

/// <summary>
/// Emulates the Capella Space API as the SatDownload notes describe it (shared/providers §1.7): API-key and deprecated
/// token authentication, <c>/user</c>, AOIs, the change-map products of an AOI in the shape of Capella's article, asset
/// hrefs that answer with a signed URL (JSON, plain text or redirect, behind <see cref="HrefAnswerMode"/>), STAC items,
/// orders with presigned downloads and expiry, and Capella's error bodies. Files live in the host's blob store; time is
/// the host's virtual clock. Written against the wire contract only.
/// </summary>
public sealed class CapellaEmulator : IEmulatedProvider
{
    /// <summary>The API key accepted by default.</summary>
    public const string DefaultApiKey = "capella-test-api-key-0001";

    /// <summary>The user name accepted by the token flow by default.</summary>
    public const string DefaultUsername = "analyst@example.com";

    /// <summary>The password accepted by the token flow by default.</summary>
    public const string DefaultPassword = "capella-test-password";

    /// <summary>The AOI id of the article's example.</summary>
    public const string ArticleAoiId = "58045dcd-77c9-4097-82eb-710181e3e58f";

    /// <summary>The product id of the article's example.</summary>
    public const string ArticleProductId = "4135d7b3-c5e0-4170-adf9-eb65299b3352";

    /// <summary>The user id of the article's example (the emulated user).</summary>
    public const string ArticleUserId = "4d457ecc-7bbb-45f0-a9ae-b4fbf5f8609f";

    private static readonly (string Key, string File, string Title, string Type)[] ChangeMapFiles =
    {
        ("a", "A.tif", "VV", "image/tiff; application=geotiff;"),
        ("b", "B.tif", "VH", "image/tiff; application=geotiff;"),
        ("a_cog", "A_cog.tif", "VV", "image/tiff; application=geotiff; profile=cloud-optimized"),
        ("b_cog", "B_cog.tif", "VH", "image/tiff; application=geotiff; profile=cloud-optimized"),
    };

    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _aois = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<JsonObject>> _products = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _stacItems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CapellaEmulatedOrder> _orders = new(StringComparer.Ordinal);
    private readonly object _sync = new();
    private ProviderEmulator? _host;
    private int _seed = 6000;

    /// <inheritdoc />
    public string Name => "capella";

    /// <inheritdoc />
    public string BasePath => "/capella";

    /// <summary>Accepted API keys.</summary>
    public ISet<string> ApiKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { DefaultApiKey };

    /// <summary>Accepted Basic credentials of the token flow.</summary>
    public IDictionary<string, string> Passwords { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultUsername] = DefaultPassword };

    /// <summary>The lifetime of tokens from <c>POST /token</c> (Capella: 3600 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How analytics asset hrefs answer.</summary>
    public CapellaHrefAnswerMode HrefAnswerMode { get; set; } = CapellaHrefAnswerMode.JsonUrl;

    /// <summary>How long signed URLs last (unpublished by Capella; about an hour assumed).</summary>
    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after it is placed an order becomes <c>completed</c>; zero makes it complete at once.</summary>
    public TimeSpan OrderProcessingTime { get; set; } = TimeSpan.Zero;

    /// <summary>How long an order's downloads stay available.</summary>
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The price of one ordered granule in <c>POST /orders/review</c>.</summary>
    public decimal PricePerGranule { get; set; } = 250m;

    /// <summary>When set, product listings are paged with this many products per page and a <c>links[rel=next]</c>.</summary>
    public int? ProductsPageSize { get; set; }

    /// <summary>Known contract ids; an order naming another gets <c>CONTRACT_NOT_FOUND</c>.</summary>
    public ISet<string> Contracts { get; } = new HashSet<string>(StringComparer.Ordinal) { "contract-1" };

    /// <summary>AOIs the user may not read (answer 403 <c>NOT_AUTHORIZED</c>).</summary>
    public ISet<string> ForbiddenAoiIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// When set, API calls beyond this many per virtual-clock minute get <c>429</c> with <c>{"message":"Too Many Requests"}</c>
    /// and no <c>Retry-After</c> (Capella publishes no limits and guarantees no Retry-After).
    /// </summary>
    public int? RequestsPerMinuteLimit { get; set; }

    /// <summary>The emulated user's id.</summary>
    public string UserId { get; set; } = ArticleUserId;

    /// <summary>The emulated user's organization.</summary>
    public string OrganizationId { get; set; } = "0f5e0ab9-52a5-4ef8-8a55-3b4d5b3c5a01";

    /// <summary>The orders placed so far.</summary>
    public IReadOnlyDictionary<string, CapellaEmulatedOrder> Orders => _orders;

    /// <summary>How many tokens <c>POST /token</c> has issued.</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;
    private long _rateWindow = -1;
    private int _rateCount;

    private ProviderEmulator Host => _host ?? throw new InvalidOperationException("Add the CapellaEmulator to a started ProviderEmulator first.");

    private Uri Root => Host.GetProviderUri(this);

    /// <summary>Name of the blob holding a change-map file.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="file">The file name, for example <c>A.tif</c>.</param>
    /// <returns>The blob name.</returns>
    public static string ChangeMapBlobName(string productId, string file) => $"capella/analytics/{productId}/{file}";

    /// <summary>Name of the blob holding a granule asset.</summary>
    /// <param name="granuleId">The STAC item id.</param>
    /// <param name="key">The asset key.</param>
    /// <returns>The blob name.</returns>
    public static string GranuleBlobName(string granuleId, string key) => $"capella/archive/{granuleId}/{key}.tif";

    /// <inheritdoc />
    public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _host = emulator ?? throw new ArgumentNullException(nameof(emulator));

        routes.MapPost("/token", TokenAsync);
        routes.MapGet("/user", Authenticated(UserAsync));
        routes.MapGet("/aois", Authenticated(ListAoisAsync));
        routes.MapPost("/aois", Authenticated(CreateAoiAsync));
        routes.MapGet("/aois/{aoiId}", Authenticated(GetAoiAsync));
        routes.MapMethods("/aois/{aoiId}", ["PATCH"], Authenticated(PatchAoiAsync));
        routes.MapDelete("/aois/{aoiId}", Authenticated(DeleteAoiAsync));
        routes.MapGet("/products/{aoiId}", Authenticated(ListProductsAsync));
        routes.MapGet("/analytics/assets/{productId}/{**file}", Authenticated(ResolveHrefAsync));
        routes.MapGet("/catalog/collections/{collection}/items/{itemId}", Authenticated(GetStacItemAsync));
        routes.MapPost("/catalog/search", Authenticated(SearchCatalogAsync));
        routes.MapPost("/orders/review", Authenticated(ReviewOrderAsync));
        routes.MapPost("/orders", Authenticated(SubmitOrderAsync));
        routes.MapGet("/orders", Authenticated(ListOrdersAsync));
        routes.MapGet("/orders/{orderId}", Authenticated(GetOrderAsync));
        routes.MapGet("/orders/{orderId}/download", Authenticated(DownloadOrderAsync));
    }

    // ------------------------------------------------------------------ seeding

    /// <summary>
    /// Seeds the article's example: AOI <see cref="ArticleAoiId"/> with product <see cref="ArticleProductId"/> (created
    /// 2020-06-12 22:06:57, <c>cov</c>, <c>sentinel-s1-l2</c>, 12-month window), its four change-map files, and the
    /// <c>s1-change</c> STAC item behind <c>stac_item_ref</c>.
    /// </summary>
    /// <param name="fileSize">Size of each change-map file.</param>
    /// <returns>The product's JSON as served.</returns>
    public JsonObject SeedArticleExample(int fileSize = 64 * 1024)
    {
        AddAoi(ArticleAoiId, "Article AOI", "The AOI of Capella's analytics article", Square(-122.52, 37.70, 0.1));
        return AddProduct(
            ArticleAoiId,
            ArticleProductId,
            new DateTimeOffset(2020, 6, 12, 22, 6, 57, TimeSpan.Zero),
            method: "cov",
            jobId: "0bdede89-4e63-479e-9e82-20a1085f3865",
            dateStart: "2019-05-27",
            dateEnd: "2020-05-27",
            fileSize: fileSize);
    }

    /// <summary>Adds an AOI (a GeoJSON Feature) owned by the emulated user.</summary>
    /// <param name="aoiId">The id.</param>
    /// <param name="name">The name.</param>
    /// <param name="description">The description.</param>
    /// <param name="polygon">The polygon coordinates (<c>[[[lon,lat],…]]</c>).</param>
    /// <returns>The feature.</returns>
    public JsonObject AddAoi(string aoiId, string name, string? description, JsonArray polygon)
    {
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = aoiId,
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = polygon },
            ["properties"] = new JsonObject
            {
                ["name"] = name,
                ["description"] = description,
                ["active"] = true,
                ["excludeOlderThanEnabled"] = false,
                ["excludeTaskedByOwnOrganization"] = false,
            },
        };
        _aois[aoiId] = feature;
        _products.TryAdd(aoiId, new List<JsonObject>());
        return feature;
    }

    /// <summary>
    /// Adds a change-map product to an AOI (continuous monitoring adds one per new acquisition) with its four files in the
    /// blob store and a source STAC item in <c>s1-change</c>.
    /// </summary>
    /// <param name="aoiId">The AOI.</param>
    /// <param name="productId">The product id; a new UUID when null.</param>
    /// <param name="createdAt">The creation time.</param>
    /// <param name="method">The method applied.</param>
    /// <param name="jobId">The job id; a new UUID when null.</param>
    /// <param name="dateStart">The window start (<c>yyyy-MM-dd</c>); a year before <paramref name="createdAt"/> when null.</param>
    /// <param name="dateEnd">The window end; the creation date when null.</param>
    /// <param name="fileSize">Size of each file.</param>
    /// <returns>The product's JSON as served.</returns>
    public JsonObject AddProduct(string aoiId, string? productId, DateTimeOffset createdAt, string method = "cov", string? jobId = null, string? dateStart = null, string? dateEnd = null, int fileSize = 16 * 1024)
    {
        if (!_aois.ContainsKey(aoiId))
        {
            throw new InvalidOperationException($"Add AOI '{aoiId}' before its products.");
        }

        productId ??= Guid.NewGuid().ToString();
        var assets = new JsonObject();
        foreach (var (key, file, title, type) in ChangeMapFiles)
        {
            Host.Blobs.Put(ChangeMapBlobName(productId, file), FakeGeoTiff(fileSize, Interlocked.Increment(ref _seed)), GeoTiffWriter.ContentType);
            assets[key] = new JsonObject
            {
                ["href"] = new Uri(Root, $"analytics/assets/{productId}/{file}").AbsoluteUri,
                ["type"] = type,
                ["roles"] = new JsonArray("data"),
                ["title"] = title,
            };
        }

        var product = new JsonObject
        {
            ["id"] = productId,
            ["job_id"] = jobId ?? Guid.NewGuid().ToString(),
            ["aoi_id"] = aoiId,
            ["user_id"] = UserId,
            ["date_created"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["snapshots_processed"] = null,
            ["date_start"] = dateStart ?? createdAt.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["date_end"] = dateEnd ?? createdAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["collection_searched"] = "sentinel-s1-l2",
            ["method_applied"] = method,
            ["assets"] = assets,
            ["stac_item_ref"] = new Uri(Root, $"catalog/collections/s1-change/items/{productId}").AbsoluteUri,
            ["stac_item_generated"] = null,
            ["window_in_months"] = 12,
        };

        // The SAR input behind the change map; its asset answers through the same signed-URL path.
        Host.Blobs.Put(ChangeMapBlobName(productId, "source/VV.tif"), FakeGeoTiff(fileSize, Interlocked.Increment(ref _seed)), GeoTiffWriter.ContentType);
        _stacItems["s1-change/" + productId] = StacItem("s1-change", productId, createdAt, new JsonObject
        {
            ["VV"] = new JsonObject
            {
                ["href"] = new Uri(Root, $"analytics/assets/{productId}/source/VV.tif").AbsoluteUri,
                ["type"] = "image/tiff; application=geotiff",
                ["roles"] = new JsonArray("data"),
                ["title"] = "Sentinel-1 VV input",
            },
        });

        lock (_sync)
        {
            _products[aoiId].Add(product);
        }

        return product;
    }

    /// <summary>Adds an orderable granule (a STAC item in a collection) with files in the blob store.</summary>
    /// <param name="collectionId">The collection, for example <c>capella-archive</c>.</param>
    /// <param name="granuleId">The STAC item id.</param>
    /// <param name="assetKeys">The asset keys, for example <c>changemap</c> for ACD or <c>HH</c>, <c>metadata</c>.</param>
    /// <param name="fileSize">Size of each file.</param>
    /// <param name="acquiredAt">The acquisition time (<c>properties.datetime</c>); the emulator's current time when null.</param>
    /// <returns>The blob names by asset key.</returns>
    public IReadOnlyDictionary<string, string> AddGranule(string collectionId, string granuleId, IEnumerable<string> assetKeys, int fileSize = 16 * 1024, DateTimeOffset? acquiredAt = null)
    {
        ArgumentNullException.ThrowIfNull(assetKeys);
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        var assets = new JsonObject();
        foreach (var key in assetKeys)
        {
            var blob = GranuleBlobName(granuleId, key);
            Host.Blobs.Put(blob, FakeGeoTiff(fileSize, Interlocked.Increment(ref _seed)), GeoTiffWriter.ContentType);
            blobs[key] = blob;
            assets[key] = new JsonObject
            {
                ["href"] = "blob:" + blob,
                ["title"] = key,
                ["type"] = "image/tiff; application=geotiff",
                ["roles"] = new JsonArray("data"),
            };
        }

        assets["license"] = new JsonObject { ["href"] = "https://www.capellaspace.com/license", ["title"] = "License", ["type"] = "text/html", ["roles"] = new JsonArray("license") };
        _stacItems[collectionId + "/" + granuleId] = StacItem(collectionId, granuleId, acquiredAt ?? Host.Clock.GetUtcNow(), assets);
        return blobs;
    }

    // ------------------------------------------------------------------ auth

    private RequestDelegate Authenticated(Func<HttpContext, Task> handler) => async context =>
    {
        if (RequestsPerMinuteLimit is { } limit && !TryCountRequest(limit))
        {
            await JsonAsync(context, 429, new JsonObject { ["message"] = "Too Many Requests" }).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("ApiKey ", StringComparison.Ordinal))
        {
            if (!ApiKeys.Contains(header["ApiKey ".Length..].Trim()))
            {
                await ErrorAsync(context, 401, "Invalid API key", "INVALID_API_KEY").ConfigureAwait(false);
                return;
            }
        }
        else if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            if (!_tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var expires) || Host.Clock.GetUtcNow() >= expires)
            {
                await ErrorAsync(context, 401, "Token is invalid or expired", "INVALID_TOKEN").ConfigureAwait(false);
                return;
            }
        }
        else
        {
            await ErrorAsync(context, 401, "Unauthorized", null).ConfigureAwait(false);
            return;
        }

        await handler(context).ConfigureAwait(false);
    };

    private bool TryCountRequest(int limit)
    {
        var minute = Host.Clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        lock (_sync)
        {
            if (minute != _rateWindow)
            {
                _rateWindow = minute;
                _rateCount = 0;
            }

            return ++_rateCount <= limit;
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string? user = null;
        string? password = null;
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    user = decoded[..colon];
                    password = decoded[(colon + 1)..];
                }
            }
            catch (FormatException)
            {
                user = null;
            }
        }

        if (user is null || !Passwords.TryGetValue(user, out var expected) || !string.Equals(expected, password, StringComparison.Ordinal))
        {
            await ErrorAsync(context, 401, "Incorrect username or password", "INVALID_CREDENTIALS").ConfigureAwait(false);
            return;
        }

        var token = "cap." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _tokens[token] = Host.Clock.GetUtcNow() + TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        await JsonAsync(context, 200, new JsonObject
        {
            ["accessToken"] = token,
            ["expiresIn"] = (int)TokenLifetime.TotalSeconds,
            ["tokenType"] = "Bearer",
        }).ConfigureAwait(false);
    }

    /// <summary>Makes every token issued so far invalid (as if revoked), to test renewal after a 401.</summary>
    public void RevokeTokens() => _tokens.Clear();

    private Task UserAsync(HttpContext context) => JsonAsync(context, 200, new JsonObject
    {
        ["id"] = UserId,
        ["organizationId"] = OrganizationId,
        ["email"] = DefaultUsername,
        ["roles"] = new JsonArray("user"),
    });

    // ------------------------------------------------------------------ AOIs

    private Task ListAoisAsync(HttpContext context)
    {
        var list = new JsonArray();
        foreach (var aoi in _aois.Values.OrderBy(a => a["id"]!.GetValue<string>(), StringComparer.Ordinal))
        {
            list.Add(aoi.DeepClone());
        }

        return JsonAsync(context, 200, list);
    }

    private async Task CreateAoiAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var problems = new JsonArray();
        if (body is not JsonObject feature || feature["type"]?.GetValue<string>() != "Feature")
        {
            problems.Add(Detail("body must be a GeoJSON Feature", "type_error", "type"));
        }
        else
        {
            if (feature["geometry"] is not JsonObject g || g["type"]?.GetValue<string>() != "Polygon" || g["coordinates"] is not JsonArray)
            {
                problems.Add(Detail("geometry must be a Polygon", "value_error", "geometry"));
            }

            if (feature["properties"]?["name"] is not JsonValue name || string.IsNullOrWhiteSpace(name.GetValue<string>()))
            {
                problems.Add(Detail("field required", "value_error.missing", "properties.name"));
            }
        }

        if (problems.Count > 0)
        {
            await ErrorAsync(context, 400, "Validation error", "VALIDATION_ERROR", problems).ConfigureAwait(false);
            return;
        }

        var created = (JsonObject)body!.DeepClone();
        var id = Guid.NewGuid().ToString();
        created["id"] = id;
        var props = (JsonObject)created["properties"]!;
        props["active"] ??= true;
        props["excludeOlderThanEnabled"] ??= false;
        props["excludeTaskedByOwnOrganization"] ??= false;
        _aois[id] = created;
        _products.TryAdd(id, new List<JsonObject>());
        await JsonAsync(context, 201, created.DeepClone()).ConfigureAwait(false);
    }

    private async Task GetAoiAsync(HttpContext context)
    {
        if (await FindAoiAsync(context) is { } aoi)
        {
            await JsonAsync(context, 200, aoi.DeepClone()).ConfigureAwait(false);
        }
    }

    private async Task PatchAoiAsync(HttpContext context)
    {
        if (await FindAoiAsync(context) is not { } aoi)
        {
            return;
        }

        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        if (body?["properties"] is JsonObject changes)
        {
            var props = (JsonObject)aoi["properties"]!;
            foreach (var (key, value) in changes.ToList())
            {
                props[key] = value?.DeepClone();
            }
        }

        await JsonAsync(context, 200, aoi.DeepClone()).ConfigureAwait(false);
    }

    private async Task DeleteAoiAsync(HttpContext context)
    {
        if (await FindAoiAsync(context) is not null)
        {
            var id = (string)context.Request.RouteValues["aoiId"]!;
            _aois.TryRemove(id, out _);
            _products.TryRemove(id, out _);
            context.Response.StatusCode = 204;
        }
    }

    private async Task<JsonObject?> FindAoiAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["aoiId"]!;
        if (ForbiddenAoiIds.Contains(id))
        {
            await ErrorAsync(context, 403, "You are not authorized to access this AOI", "NOT_AUTHORIZED").ConfigureAwait(false);
            return null;
        }

        if (!_aois.TryGetValue(id, out var aoi))
        {
            await ErrorAsync(context, 404, $"AOI {id} not found", "NOT_FOUND").ConfigureAwait(false);
            return null;
        }

        return aoi;
    }

    // ------------------------------------------------------------------ products and hrefs

    private async Task ListProductsAsync(HttpContext context)
    {
        if (await FindAoiAsync(context) is null)
        {
            return;
        }

        var id = (string)context.Request.RouteValues["aoiId"]!;
        List<JsonObject> all;
        lock (_sync)
        {
            all = _products[id].ToList();
        }

        var page = int.TryParse(context.Request.Query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var size = ProductsPageSize ?? Math.Max(all.Count, 1);
        var slice = all.Skip((page - 1) * size).Take(size).ToList();
        var answer = new JsonObject { ["id"] = id, ["products"] = new JsonArray(slice.Select(x => (JsonNode)x.DeepClone()).ToArray()) };
        if (ProductsPageSize is not null && page * size < all.Count)
        {
            answer["links"] = new JsonArray(new JsonObject
            {
                ["rel"] = "next",
                ["href"] = new Uri(Root, $"products/{id}?page={page + 1}").AbsoluteUri,
            });
        }

        await JsonAsync(context, 200, answer).ConfigureAwait(false);
    }

    private async Task ResolveHrefAsync(HttpContext context)
    {
        var productId = (string)context.Request.RouteValues["productId"]!;
        var file = (string)context.Request.RouteValues["file"]!;
        var blob = ChangeMapBlobName(productId, file);
        if (!Host.Blobs.TryGet(blob, out var stored))
        {
            await ErrorAsync(context, 404, $"Asset {file} of product {productId} not found", "NOT_FOUND").ConfigureAwait(false);
            return;
        }

        var signed = Host.Blobs.GetSignedUrl(blob, SignedUrlLifetime).AbsoluteUri;
        switch (HrefAnswerMode)
        {
            case CapellaHrefAnswerMode.Redirect:
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = signed;
                break;
            case CapellaHrefAnswerMode.File:
                var bytes = stored.ToArray();
                context.Response.StatusCode = 200;
                context.Response.ContentType = stored.ContentType;
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                break;
            case CapellaHrefAnswerMode.PlainText:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(signed, context.RequestAborted).ConfigureAwait(false);
                break;
            default:
                await JsonAsync(context, 200, new JsonObject { ["url"] = signed }).ConfigureAwait(false);
                break;
        }
    }

    private async Task GetStacItemAsync(HttpContext context)
    {
        var key = (string)context.Request.RouteValues["collection"]! + "/" + (string)context.Request.RouteValues["itemId"]!;
        if (!_stacItems.TryGetValue(key, out var item))
        {
            await ErrorAsync(context, 404, $"Item {key} not found", "NOT_FOUND").ConfigureAwait(false);
            return;
        }

        await JsonAsync(context, 200, item.DeepClone()).ConfigureAwait(false);
    }

    private async Task SearchCatalogAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false) as JsonObject ?? new JsonObject();
        var limit = body["limit"] is JsonValue l && l.TryGetValue<int>(out var li) ? li : 250;
        if (limit is < 1 or > 900)
        {
            await ErrorAsync(context, 400, "limit must be between 1 and 900", "VALIDATION_ERROR", new JsonArray(Detail("ensure this value is less than or equal to 900", "value_error", "limit"))).ConfigureAwait(false);
            return;
        }

        var page = int.TryParse(context.Request.Query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var qp) && qp > 0 ? qp
            : body["page"] is JsonValue p && p.TryGetValue<int>(out var bp) && bp > 0 ? bp : 1;
        var collections = (body["collections"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var ids = (body["ids"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var bbox = (body["bbox"] as JsonArray)?.Select(n => n!.GetValue<double>()).ToArray();
        var (from, to) = ParseInterval(body["datetime"]?.GetValue<string>());

        var matches = _stacItems.Values
            .Where(i => collections is null || collections.Contains(i["collection"]!.GetValue<string>()))
            .Where(i => ids is null || ids.Contains(i["id"]!.GetValue<string>()))
            .Where(i => bbox is not { Length: 4 } || Overlaps(i["bbox"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray(), bbox))
            .Where(i =>
            {
                var t = DateTimeOffset.Parse(i["properties"]!["datetime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                return (from is null || t >= from) && (to is null || t <= to);
            })
            .OrderBy(i => i["id"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToList();
        var slice = matches.Skip((page - 1) * limit).Take(limit).Select(i =>
        {
            var copy = (JsonObject)i.DeepClone();
            foreach (var (_, asset) in ((JsonObject)copy["assets"]!).ToList())
            {
                var href = asset!["href"]!.GetValue<string>();
                if (href.StartsWith("blob:", StringComparison.Ordinal))
                {
                    // Catalog hrefs are not downloadable: the data is delivered through orders.
                    asset["href"] = "s3://capella-archive/" + href["blob:".Length..];
                }
            }

            return (JsonNode)copy;
        }).ToArray();
        var answer = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(slice),
            ["numberMatched"] = matches.Count,
            ["numberReturned"] = slice.Length,
            ["links"] = new JsonArray(),
        };
        if (page * limit < matches.Count)
        {
            answer["links"]!.AsArray().Add(new JsonObject { ["rel"] = "next", ["href"] = new Uri(Root, $"catalog/search?page={page + 1}").AbsoluteUri, ["method"] = "POST" });
        }

        await JsonAsync(context, 200, answer).ConfigureAwait(false);
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) ParseInterval(string? interval)
    {
        if (string.IsNullOrWhiteSpace(interval))
        {
            return (null, null);
        }

        var parts = interval.Split('/');
        static DateTimeOffset? One(string s) => s is ".." or "" ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);
        return parts.Length == 2 ? (One(parts[0]), One(parts[1])) : (One(parts[0]), One(parts[0]));
    }

    private static bool Overlaps(double[] a, double[] b) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

    // ------------------------------------------------------------------ orders

    private async Task ReviewOrderAsync(HttpContext context)
    {
        if (await ReadOrderBodyAsync(context) is not { } parsed)
        {
            return;
        }

        var total = PricePerGranule * parsed.Items.Count;
        await JsonAsync(context, 200, new JsonObject
        {
            ["authorized"] = true,
            ["authorizationDenialReason"] = null,
            ["orderDetails"] = new JsonObject
            {
                ["summary"] = new JsonObject { ["total"] = total, ["currency"] = "USD", ["subtotal"] = total },
                ["lineItems"] = new JsonArray(parsed.Items.Select(i => (JsonNode)new JsonObject
                {
                    ["collectionId"] = i.CollectionId,
                    ["granuleId"] = i.GranuleId,
                    ["price"] = PricePerGranule,
                }).ToArray()),
            },
        }).ConfigureAwait(false);
    }

    private async Task SubmitOrderAsync(HttpContext context)
    {
        if (await ReadOrderBodyAsync(context) is not { } parsed)
        {
            return;
        }

        var now = Host.Clock.GetUtcNow();
        var order = new CapellaEmulatedOrder(Guid.NewGuid().ToString(), UserId, parsed.Items, now, now + OrderProcessingTime, now + OrderLifetime, parsed.ContractId);
        _orders[order.OrderId] = order;
        await JsonAsync(context, 201, OrderJson(order)).ConfigureAwait(false);
    }

    private async Task ListOrdersAsync(HttpContext context)
    {
        var customer = context.Request.Query["customerId"].ToString();
        if (string.IsNullOrEmpty(customer))
        {
            await ErrorAsync(context, 400, "customerId is required", "VALIDATION_ERROR", new JsonArray(Detail("field required", "value_error.missing", "customerId"))).ConfigureAwait(false);
            return;
        }

        var list = new JsonArray(_orders.Values.Where(o => o.UserId == customer).OrderBy(o => o.OrderDate).Select(o => (JsonNode)OrderJson(o)).ToArray());
        await JsonAsync(context, 200, list).ConfigureAwait(false);
    }

    private async Task GetOrderAsync(HttpContext context)
    {
        if (await FindOrderAsync(context) is { } order)
        {
            await JsonAsync(context, 200, OrderJson(order)).ConfigureAwait(false);
        }
    }

    private async Task DownloadOrderAsync(HttpContext context)
    {
        if (await FindOrderAsync(context) is not { } order)
        {
            return;
        }

        var now = Host.Clock.GetUtcNow();
        if (now >= order.ExpirationDate)
        {
            await JsonAsync(context, 403, new JsonObject { ["error"] = "order expired" }).ConfigureAwait(false);
            return;
        }

        if (order.StatusAt(now) != "completed")
        {
            await ErrorAsync(context, 409, $"Order {order.OrderId} is not completed yet", "ORDER_NOT_READY").ConfigureAwait(false);
            return;
        }

        var items = new JsonArray();
        foreach (var (collection, granule) in order.Items)
        {
            var item = (JsonObject)_stacItems[collection + "/" + granule].DeepClone();
            foreach (var (_, asset) in ((JsonObject)item["assets"]!).ToList())
            {
                var href = asset!["href"]!.GetValue<string>();
                if (href.StartsWith("blob:", StringComparison.Ordinal))
                {
                    asset["href"] = Host.Blobs.GetSignedUrl(href["blob:".Length..], SignedUrlLifetime).AbsoluteUri;
                }
            }

            items.Add(item);
        }

        await JsonAsync(context, 200, items).ConfigureAwait(false);
    }

    private async Task<CapellaEmulatedOrder?> FindOrderAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["orderId"]!;
        if (!_orders.TryGetValue(id, out var order))
        {
            await ErrorAsync(context, 404, $"Order {id} not found", "NOT_FOUND").ConfigureAwait(false);
            return null;
        }

        if (order.UserId != UserId)
        {
            await ErrorAsync(context, 403, "You are not authorized to access this order", "NOT_AUTHORIZED").ConfigureAwait(false);
            return null;
        }

        return order;
    }

    private async Task<(IReadOnlyList<(string CollectionId, string GranuleId)> Items, string? ContractId)?> ReadOrderBodyAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var problems = new JsonArray();
        var items = new List<(string, string)>();
        if (body?["items"] is not JsonArray array || array.Count == 0)
        {
            problems.Add(Detail("at least one item is required", "value_error", "items"));
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                var c = array[i]?["collectionId"]?.GetValue<string>();
                var g = array[i]?["granuleId"]?.GetValue<string>();
                if (string.IsNullOrEmpty(c))
                {
                    problems.Add(Detail("field required", "value_error.missing", $"items.{i}.collectionId"));
                }

                if (string.IsNullOrEmpty(g))
                {
                    problems.Add(Detail("field required", "value_error.missing", $"items.{i}.granuleId"));
                }

                if (!string.IsNullOrEmpty(c) && !string.IsNullOrEmpty(g))
                {
                    items.Add((c, g));
                }
            }
        }

        if (problems.Count > 0)
        {
            await ErrorAsync(context, 400, "Validation error", "VALIDATION_ERROR", problems).ConfigureAwait(false);
            return null;
        }

        var contract = body!["contractId"]?.GetValue<string>();
        if (contract is not null && !Contracts.Contains(contract))
        {
            await ErrorAsync(context, 404, $"Contract {contract} not found", "CONTRACT_NOT_FOUND").ConfigureAwait(false);
            return null;
        }

        var unknown = items.FirstOrDefault(i => !_stacItems.ContainsKey(i.Item1 + "/" + i.Item2));
        if (unknown != default)
        {
            await ErrorAsync(context, 400, $"Granule {unknown.Item2} not found in collection {unknown.Item1}", "ORDER_VALIDATION_ERROR").ConfigureAwait(false);
            return null;
        }

        return (items, contract);
    }

    private JsonObject OrderJson(CapellaEmulatedOrder order) => new()
    {
        ["orderId"] = order.OrderId,
        ["userId"] = order.UserId,
        ["organizationId"] = OrganizationId,
        ["contractId"] = order.ContractId,
        ["orderDate"] = order.OrderDate.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["expirationDate"] = order.ExpirationDate.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["orderStatus"] = order.StatusAt(Host.Clock.GetUtcNow()),
        ["items"] = new JsonArray(order.Items.Select(i => (JsonNode)new JsonObject { ["collectionId"] = i.CollectionId, ["granuleId"] = i.GranuleId }).ToArray()),
    };

    // ------------------------------------------------------------------ helpers

    private JsonObject StacItem(string collection, string id, DateTimeOffset time, JsonObject assets) => new()
    {
        ["type"] = "Feature",
        ["stac_version"] = "1.0.0",
        ["id"] = id,
        ["collection"] = collection,
        ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = Square(-122.52, 37.70, 0.1) },
        ["bbox"] = new JsonArray(-122.52, 37.70, -122.42, 37.80),
        ["properties"] = new JsonObject
        {
            ["datetime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["platform"] = collection == "s1-change" ? "sentinel-1a" : "capella-5",
            ["sar:instrument_mode"] = "IW",
        },
        ["assets"] = assets,
        ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = new Uri(Root, $"catalog/collections/{collection}/items/{id}").AbsoluteUri }),
    };

    /// <summary>A square polygon ring starting at (<paramref name="west"/>, <paramref name="south"/>).</summary>
    /// <param name="west">West longitude.</param>
    /// <param name="south">South latitude.</param>
    /// <param name="size">Side in degrees.</param>
    /// <returns>GeoJSON polygon coordinates.</returns>
    public static JsonArray Square(double west, double south, double size) => new(new JsonArray(
        new JsonArray(west, south),
        new JsonArray(west + size, south),
        new JsonArray(west + size, south + size),
        new JsonArray(west, south + size),
        new JsonArray(west, south)));

    /// <summary>
    /// A real georeferenced GeoTIFF over the emulated AOI (EPSG:4326, float32, like a change map), about
    /// <paramref name="approximateBytes"/> long, with deterministic content per <paramref name="seed"/>.
    /// </summary>
    private static byte[] FakeGeoTiff(int approximateBytes, int seed)
    {
        var side = Math.Max(8, (int)Math.Sqrt(Math.Max(approximateBytes, 256) / 4.0));
        var writer = new GeoTiffWriter
        {
            Width = side,
            Height = side,
            SampleType = GeoTiffSampleType.Float32,
            Extent = new GeoTiffExtent(-122.52, 37.70, -122.42, 37.80),
            EpsgCode = GeoTiffWriter.Wgs84EpsgCode,
            NoData = -9999,
        };
        return writer.ToArray((x, y, _) => Math.Sin((x * 31 + y * 17 + seed) * 0.1) * 10.0);
    }

    private static JsonObject Detail(string message, string code, string path) =>
        new() { ["message"] = message, ["code"] = code, ["path"] = new JsonArray(path.Split('.').Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()) };

    private static Task ErrorAsync(HttpContext context, int status, string message, string? code, JsonArray? detail = null)
    {
        var error = new JsonObject { ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
            error["data"] = new JsonObject();
        }

        if (detail is not null)
        {
            error["detail"] = detail;
        }

        return JsonAsync(context, status, new JsonObject { ["error"] = error });
    }

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
