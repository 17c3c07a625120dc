using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NetTopologySuite.Geometries;
using SatDownload.Capella.Models;
using SatDownload.Capella.Serialization;
using SatDownload.Http;

namespace SatDownload.Capella;

/// <summary>
/// Client of the Capella Space API for change-map analytics and ordered data: AOIs, the change-map products of an AOI,
/// the STAC items behind them, orders and their presigned downloads. Every file comes back as an <see cref="ImageryAsset"/>
/// whose resolver exchanges the provider's link for a fresh signed URL, for the shared <see cref="ISignedUrlResolver"/>-aware downloader.
/// </summary>
/// <remarks>Immutable and thread-safe: create one per credential and reuse it. All members are virtual for mocking.</remarks>
public class CapellaClient
{
    private readonly HttpClient _httpClient;
    private readonly CapellaClientOptions _options;
    private readonly CapellaCredential _credential;
    private readonly CapellaAnalyticsHrefResolver _hrefResolver;
    private readonly CapellaOrderAssetResolver _orderResolver;

    /// <summary>
    /// Creates a client with its own connection pool and the standard pipeline: retries (<see cref="CapellaClientOptions.Retry"/>),
    /// the optional shared rate limiter, and no automatic redirects (asset hrefs redirect to signed URLs, which are read, not
    /// followed, so that credentials never leave Capella).
    /// </summary>
    /// <param name="options">Endpoint and credentials.</param>
    /// <exception cref="ArgumentException">The options are incomplete (the message names the setting).</exception>
    public CapellaClient(CapellaClientOptions options)
        : this(CreateHttpClient(options), options)
    {
    }

    /// <summary>Creates a client over an existing <see cref="HttpClient"/> (for example from <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">
    /// The transport. It should not follow redirects automatically; if it does, signed URLs are still recovered from the
    /// final response. The client adds credentials itself, per request, only to Capella hosts.
    /// </param>
    /// <param name="options">Endpoint and credentials.</param>
    /// <exception cref="ArgumentException">The options are incomplete (the message names the setting).</exception>
    public CapellaClient(HttpClient httpClient, CapellaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _httpClient = httpClient;
        _credential = new CapellaCredential(_options);
        _hrefResolver = new CapellaAnalyticsHrefResolver(this, _options.TimeProvider);
        _orderResolver = new CapellaOrderAssetResolver(this, _options.TimeProvider);
    }

    /// <summary>For mocking.</summary>
    protected CapellaClient()
    {
        _httpClient = null!;
        _options = new CapellaClientOptions();
        _credential = null!;
        _hrefResolver = null!;
        _orderResolver = null!;
    }

    /// <summary>The API root.</summary>
    public virtual Uri Endpoint => _options.Endpoint;

    /// <summary>The credential in use.</summary>
    public virtual CapellaAuthenticationMethod AuthenticationMethod => _credential.Method;

    /// <summary>The resolver attached to change-map and source-item assets (exchanges an href for a signed URL).</summary>
    public virtual ISignedUrlResolver AnalyticsHrefResolver => _hrefResolver;

    /// <summary>The resolver attached to ordered assets (calls <c>/orders/{id}/download</c> again when a presigned href expires).</summary>
    public virtual ISignedUrlResolver OrderAssetResolver => _orderResolver;

    internal CapellaClientOptions Options => _options;

    internal HttpClient HttpClient => _httpClient;

    /// <summary>The shared token cache of the deprecated token flow; null with an API key.</summary>
    internal OAuth2TokenProvider? TokenProvider => _credential.Tokens;

    // ---------------------------------------------------------------- identity

    /// <summary>Returns the identity behind the credentials (<c>GET /user</c>); a cheap credential check.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user.</returns>
    /// <exception cref="ProviderRequestException">The credentials are refused (<c>INVALID_API_KEY</c>/<c>INVALID_TOKEN</c>) or the call fails.</exception>
    public virtual Task<CapellaUser> GetUserAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Get, Api("user"), null, CapellaJsonContext.Default.CapellaUser, "GET /user", cancellationToken);

    // ---------------------------------------------------------------- AOIs

    /// <summary>Lists the user's areas of interest (<c>GET /aois</c>).</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The AOIs.</returns>
    public virtual async IAsyncEnumerable<CapellaAoi> GetAoisAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var root = await SendJsonAsync(HttpMethod.Get, Api("aois"), null, CapellaJsonContext.Default.JsonElement, "GET /aois", cancellationToken).ConfigureAwait(false);
        foreach (var element in EnumerateList(root, "GET /aois", "aois", "features", "results", "data"))
        {
            var aoi = Deserialize(element, CapellaJsonContext.Default.CapellaAoi, "GET /aois");
            if (aoi is not null)
            {
                yield return aoi;
            }
        }
    }

    /// <summary>Returns one AOI (<c>GET /aois/{aoiId}</c>).</summary>
    /// <param name="aoiId">The AOI id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The AOI.</returns>
    public virtual Task<CapellaAoi> GetAoiAsync(string aoiId, CancellationToken cancellationToken = default)
    {
        CapellaValidation.Id(aoiId, nameof(aoiId), "AOI id");
        return SendJsonAsync(HttpMethod.Get, Api("aois/" + Uri.EscapeDataString(aoiId)), null, CapellaJsonContext.Default.CapellaAoi, "GET /aois/{aoiId}", cancellationToken);
    }

    /// <summary>Creates an AOI from a validated <see cref="SatDownload.Aoi"/> (<c>POST /aois/</c> with a GeoJSON Feature).</summary>
    /// <param name="aoi">The area; Capella AOIs are single polygons that do not cross the antimeridian.</param>
    /// <param name="options">The name (required), description and flags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created AOI with its id.</returns>
    /// <exception cref="ArgumentException">The area is a multipolygon or crosses the antimeridian, or the name is missing; nothing was sent.</exception>
    public virtual Task<CapellaAoi> CreateAoiAsync(SatDownload.Aoi aoi, CapellaAoiOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aoi);
        if (aoi.IsMultiPolygon || aoi.Polygons.Count != 1)
        {
            throw new ArgumentException(
                $"Capella AOIs are single polygons but this area has {aoi.Polygons.Count}; create one AOI per polygon (Aoi.Polygons).", nameof(aoi));
        }

        if (aoi.CrossesAntimeridian)
        {
            throw new ArgumentException("The area crosses the antimeridian; Capella AOIs must not. Split it at 180° and create one AOI per side.", nameof(aoi));
        }

        return CreateAoiAsync(aoi.Polygons[0], options, cancellationToken);
    }

    /// <summary>Creates an AOI from a WGS84 polygon (<c>POST /aois/</c> with a GeoJSON Feature).</summary>
    /// <param name="polygon">The polygon, longitude/latitude.</param>
    /// <param name="options">The name (required), description and flags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created AOI with its id.</returns>
    /// <exception cref="ArgumentException">The polygon is invalid or the name is missing; nothing was sent.</exception>
    public virtual Task<CapellaAoi> CreateAoiAsync(Polygon polygon, CapellaAoiOptions options, CancellationToken cancellationToken = default)
    {
        CapellaValidation.AoiPolygon(polygon, nameof(polygon));
        CapellaValidation.AoiCreate(options, nameof(options));
        var body = new CapellaAoiFeatureRequest
        {
            Type = "Feature",
            Geometry = CapellaGeoJson.PolygonToElement(polygon),
            Properties = options.ToProperties(),
        };
        return SendJsonAsync(HttpMethod.Post, Api("aois/"), Json(body, CapellaJsonContext.Default.CapellaAoiFeatureRequest), CapellaJsonContext.Default.CapellaAoi, "POST /aois/", cancellationToken);
    }

    /// <summary>Changes an AOI's properties (<c>PATCH /aois/{aoiId}</c> with a partial body).</summary>
    /// <param name="aoiId">The AOI id.</param>
    /// <param name="changes">The properties to change; unset ones stay as they are.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated AOI.</returns>
    public virtual Task<CapellaAoi> UpdateAoiAsync(string aoiId, CapellaAoiOptions changes, CancellationToken cancellationToken = default)
    {
        CapellaValidation.Id(aoiId, nameof(aoiId), "AOI id");
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Name is not null && string.IsNullOrWhiteSpace(changes.Name))
        {
            throw new ArgumentException("CapellaAoiOptions.Name must not be blank; leave it null to keep the current name.", nameof(changes));
        }

        var body = new CapellaAoiFeatureRequest { Properties = changes.ToProperties() };
        return SendJsonAsync(HttpMethod.Patch, Api("aois/" + Uri.EscapeDataString(aoiId)), Json(body, CapellaJsonContext.Default.CapellaAoiFeatureRequest), CapellaJsonContext.Default.CapellaAoi, "PATCH /aois/{aoiId}", cancellationToken);
    }

    /// <summary>Deletes an AOI (<c>DELETE /aois/{aoiId}</c>).</summary>
    /// <param name="aoiId">The AOI id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the AOI is deleted.</returns>
    public virtual async Task DeleteAoiAsync(string aoiId, CancellationToken cancellationToken = default)
    {
        CapellaValidation.Id(aoiId, nameof(aoiId), "AOI id");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, Api("aois/" + Uri.EscapeDataString(aoiId))), true, "DELETE /aois/{aoiId}", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "DELETE /aois/{aoiId}", cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- change-map products

    /// <summary>
    /// Lists the change-map products of an AOI (the article's products call, <see cref="CapellaClientOptions.ProductsPathTemplate"/>),
    /// following <c>rel=next</c> links when the service pages, and applying <paramref name="query"/> on the client.
    /// </summary>
    /// <param name="aoiId">The AOI id.</param>
    /// <param name="query">Creation-date range, methods, latest only; all products when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The products, in the service's order (or the single latest one).</returns>
    /// <exception cref="ArgumentException">The id or query is invalid; nothing was sent.</exception>
    public virtual IAsyncEnumerable<CapellaAnalyticsProduct> GetProductsAsync(string aoiId, CapellaProductQuery? query = null, CancellationToken cancellationToken = default)
    {
        CapellaValidation.Id(aoiId, nameof(aoiId), "AOI id");
        query?.Validate();
        return GetProductsCoreAsync(aoiId, query, cancellationToken);
    }

    /// <summary>Returns the most recently created change-map product of an AOI that passes <paramref name="query"/>, or null.</summary>
    /// <param name="aoiId">The AOI id.</param>
    /// <param name="query">Extra filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest product, or null when there is none.</returns>
    public virtual async Task<CapellaAnalyticsProduct?> GetLatestProductAsync(string aoiId, CapellaProductQuery? query = null, CancellationToken cancellationToken = default)
    {
        var latest = new CapellaProductQuery { CreatedFrom = query?.CreatedFrom, CreatedTo = query?.CreatedTo, Methods = query?.Methods, LatestOnly = true };
        await foreach (var p in GetProductsAsync(aoiId, latest, cancellationToken).ConfigureAwait(false))
        {
            return p;
        }

        return null;
    }

    /// <summary>
    /// Turns a change-map product's files into downloadable assets. Each asset's href is the provider link; its resolver
    /// exchanges it for a signed URL right before each download attempt. No request is made here.
    /// </summary>
    /// <param name="product">The product.</param>
    /// <param name="filter">Which files (keys <c>a</c>, <c>b</c>, <c>a_cog</c>, <c>b_cog</c>; roles; media types); all when null.</param>
    /// <returns>The assets.</returns>
    public virtual IReadOnlyList<ImageryAsset> GetProductAssets(CapellaAnalyticsProduct product, CapellaAssetFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        filter ??= CapellaAssetFilter.All;
        filter.Validate();
        var result = new List<ImageryAsset>();
        foreach (var (key, asset) in product.Assets.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (asset is null || string.IsNullOrWhiteSpace(asset.Href) || !filter.Matches(key, asset.Type, asset.Roles))
            {
                continue;
            }

            var href = ToAbsolute(asset.Href);
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            Add(properties, "capella:aoi_id", product.AoiId);
            Add(properties, "capella:job_id", product.JobId);
            Add(properties, "capella:method_applied", product.MethodApplied);
            Add(properties, "capella:collection_searched", product.CollectionSearched);
            Add(properties, "capella:date_created", product.DateCreated?.ToString("O", CultureInfo.InvariantCulture));
            Add(properties, "capella:date_start", product.DateStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(properties, "capella:date_end", product.DateEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(properties, "polarization", asset.Title);
            result.Add(new ImageryAsset
            {
                Provider = ProviderNames.Capella,
                ProductId = product.Id,
                AssetKey = key,
                Title = asset.Title,
                MediaType = asset.Type,
                Roles = asset.Roles ?? new[] { AssetRoles.Data },
                Href = href,
                SuggestedFileName = FileNameOf(href, key),
                Resolver = _hrefResolver,
                Properties = properties,
            });
        }

        return result;
    }

    /// <summary>
    /// Lists the change-map files of an AOI's products as downloadable assets: <see cref="GetProductsAsync"/> with
    /// <paramref name="query"/>, then <see cref="GetProductAssets"/> with <paramref name="filter"/> for each product.
    /// </summary>
    /// <param name="aoiId">The AOI id.</param>
    /// <param name="query">Which products (for example <c>LatestOnly</c>); all when null.</param>
    /// <param name="filter">Which files of each product; all when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The assets, product by product.</returns>
    /// <exception cref="ArgumentException">The id, query or filter is invalid; nothing was sent.</exception>
    public virtual IAsyncEnumerable<ImageryAsset> GetAoiAssetsAsync(string aoiId, CapellaProductQuery? query = null, CapellaAssetFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter?.Validate();
        var products = GetProductsAsync(aoiId, query, cancellationToken);
        return Flatten(products, filter, cancellationToken);

        async IAsyncEnumerable<ImageryAsset> Flatten(IAsyncEnumerable<CapellaAnalyticsProduct> source, CapellaAssetFilter? f, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var product in source.WithCancellation(ct).ConfigureAwait(false))
            {
                foreach (var asset in GetProductAssets(product, f))
                {
                    yield return asset;
                }
            }
        }
    }

    // ---------------------------------------------------------------- STAC items

    /// <summary>Fetches the STAC item of the SAR input a change map was made from (<c>stac_item_ref</c>), or null when the product has none.</summary>
    /// <param name="product">The product.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or null.</returns>
    public virtual Task<CapellaStacItem?> GetSourceItemAsync(CapellaAnalyticsProduct product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return string.IsNullOrWhiteSpace(product.StacItemRef)
            ? Task.FromResult<CapellaStacItem?>(null)
            : GetStacItemCoreAsync(ToAbsolute(product.StacItemRef), cancellationToken);
    }

    /// <summary>Fetches a STAC item by URL (absolute, or relative to the endpoint, for example <c>catalog/collections/s1-change/items/{id}</c>).</summary>
    /// <param name="itemUrl">The item's URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item.</returns>
    public virtual async Task<CapellaStacItem> GetStacItemAsync(Uri itemUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemUrl);
        var absolute = itemUrl.IsAbsoluteUri ? itemUrl : new Uri(_options.Endpoint, itemUrl);
        if (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The STAC item URL must be http(s).", nameof(itemUrl));
        }

        return (await GetStacItemCoreAsync(absolute, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Turns a STAC item's files into downloadable assets. They go through the same resolver as change maps, which copes
    /// with an href that answers with a signed URL (JSON, text or redirect) and with one that is the file itself.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="filter">Which files; all downloadable ones when null.</param>
    /// <returns>The assets.</returns>
    public virtual IReadOnlyList<ImageryAsset> GetStacItemAssets(CapellaStacItem item, CapellaAssetFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        return StacAssets(item, filter, _hrefResolver, null);
    }

    /// <summary>
    /// Searches the catalog (<c>POST /catalog/search</c>, STAC), following the service's pages (<c>rel=next</c>, same body
    /// with the next <c>page</c>) until the results, <see cref="CapellaCatalogSearch.MaxResults"/> or 10 000 items are exhausted.
    /// </summary>
    /// <param name="search">What to search.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ArgumentException">The search is invalid; nothing was sent.</exception>
    public virtual IAsyncEnumerable<CapellaStacItem> SearchCatalogAsync(CapellaCatalogSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();
        return SearchCatalogCoreAsync(search, cancellationToken);
    }

    /// <summary>Turns an ordered item's files into assets without calling the service (use <see cref="GetOrderAssetsAsync"/> to fetch them).</summary>
    /// <param name="orderId">The order the item belongs to (used to re-sign expired hrefs).</param>
    /// <param name="item">An item from <see cref="GetOrderDownloadAsync"/>.</param>
    /// <param name="filter">Which files; all downloadable ones when null.</param>
    /// <returns>The assets.</returns>
    public virtual IReadOnlyList<ImageryAsset> GetOrderItemAssets(string orderId, CapellaStacItem item, CapellaAssetFilter? filter = null)
    {
        CapellaValidation.Id(orderId, nameof(orderId), "order id");
        ArgumentNullException.ThrowIfNull(item);
        return StacAssets(item, filter, _orderResolver, orderId);
    }

    // ---------------------------------------------------------------- orders

    /// <summary>Prices an order without placing it (<c>POST /orders/review</c>).</summary>
    /// <param name="items">The granules.</param>
    /// <param name="contractId">The contract to bill, when the user has several.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The review, with <see cref="CapellaOrderReview.Authorized"/> and the total.</returns>
    public virtual Task<CapellaOrderReview> ReviewOrderAsync(IEnumerable<CapellaOrderItem> items, string? contractId = null, CancellationToken cancellationToken = default)
    {
        var body = new CapellaOrderRequest { Items = CapellaValidation.OrderItems(items, nameof(items)), ContractId = NullIfBlank(contractId) };
        return SendJsonAsync(HttpMethod.Post, Api("orders/review"), Json(body, CapellaJsonContext.Default.CapellaOrderRequest), CapellaJsonContext.Default.CapellaOrderReview, "POST /orders/review", cancellationToken);
    }

    /// <summary>Places an order (<c>POST /orders</c>) and returns it as a task to wait on and download from.</summary>
    /// <param name="items">The granules.</param>
    /// <param name="contractId">The contract to bill, when the user has several.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order task, already holding the order's first state.</returns>
    public virtual async Task<CapellaOrderTask> SubmitOrderAsync(IEnumerable<CapellaOrderItem> items, string? contractId = null, CancellationToken cancellationToken = default)
    {
        var body = new CapellaOrderRequest { Items = CapellaValidation.OrderItems(items, nameof(items)), ContractId = NullIfBlank(contractId) };
        var order = await SendJsonAsync(HttpMethod.Post, Api("orders"), Json(body, CapellaJsonContext.Default.CapellaOrderRequest), CapellaJsonContext.Default.CapellaOrder, "POST /orders", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(order.OrderId))
        {
            throw new ProviderRequestException(new ProviderErrorDetails { Provider = ProviderNames.Capella, Operation = "POST /orders", Status = 200, Message = "The order answer has no orderId." });
        }

        return new CapellaOrderTask(this, order.OrderId, CapellaOrderStatusMapper.ToState(order, _options.TimeProvider.GetUtcNow()));
    }

    /// <summary>Rehydrates an order task from its id (or from <see cref="ProviderTask.RehydrationToken"/>); no request is made.</summary>
    /// <param name="orderIdOrToken">The order id, or a token <c>capella:order:&lt;id&gt;</c>.</param>
    /// <returns>The task.</returns>
    public virtual CapellaOrderTask GetOrderTask(string orderIdOrToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderIdOrToken);
        var prefix = ProviderNames.Capella + ":" + CapellaOrderTask.TaskKind + ":";
        var id = orderIdOrToken.StartsWith(prefix, StringComparison.Ordinal) ? orderIdOrToken[prefix.Length..] : orderIdOrToken;
        CapellaValidation.Id(id, nameof(orderIdOrToken), "order id");
        return new CapellaOrderTask(this, id, null);
    }

    /// <summary>Lists the orders of a customer (<c>GET /orders?customerId=</c>; not paginated by the service).</summary>
    /// <param name="customerId">The user id; the caller's own (from <see cref="GetUserAsync"/>) when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The orders.</returns>
    public virtual async Task<IReadOnlyList<CapellaOrder>> GetOrdersAsync(string? customerId = null, CancellationToken cancellationToken = default)
    {
        if (customerId is not null)
        {
            CapellaValidation.Id(customerId, nameof(customerId), "customer id");
        }

        customerId ??= (await GetUserAsync(cancellationToken).ConfigureAwait(false)).Id;
        if (string.IsNullOrWhiteSpace(customerId))
        {
            throw new ProviderRequestException(new ProviderErrorDetails { Provider = ProviderNames.Capella, Operation = "GET /user", Status = 200, Message = "The user answer has no id, so orders cannot be listed; pass customerId." });
        }

        var root = await SendJsonAsync(HttpMethod.Get, Api("orders?customerId=" + Uri.EscapeDataString(customerId)), null, CapellaJsonContext.Default.JsonElement, "GET /orders", cancellationToken).ConfigureAwait(false);
        return EnumerateList(root, "GET /orders", "orders", "results", "data")
            .Select(e => Deserialize(e, CapellaJsonContext.Default.CapellaOrder, "GET /orders"))
            .OfType<CapellaOrder>()
            .ToList();
    }

    /// <summary>Returns one order (<c>GET /orders/{orderId}</c>).</summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order.</returns>
    public virtual Task<CapellaOrder> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        CapellaValidation.Id(orderId, nameof(orderId), "order id");
        return SendJsonAsync(HttpMethod.Get, Api("orders/" + Uri.EscapeDataString(orderId)), null, CapellaJsonContext.Default.CapellaOrder, "GET /orders/{orderId}", cancellationToken);
    }

    /// <summary>
    /// Returns the STAC items of an order with presigned asset hrefs (<c>GET /orders/{orderId}/download</c>). The hrefs are
    /// short-lived secrets: prefer <see cref="GetOrderAssetsAsync"/>, whose assets re-sign themselves.
    /// </summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ProviderRequestException">The order has expired (<c>ORDER_EXPIRED</c>) or the call fails.</exception>
    public virtual async Task<IReadOnlyList<CapellaStacItem>> GetOrderDownloadAsync(string orderId, CancellationToken cancellationToken = default)
    {
        CapellaValidation.Id(orderId, nameof(orderId), "order id");
        const string operation = "GET /orders/{orderId}/download";
        var root = await SendJsonAsync(HttpMethod.Get, Api("orders/" + Uri.EscapeDataString(orderId) + "/download"), null, CapellaJsonContext.Default.JsonElement, operation, cancellationToken).ConfigureAwait(false);
        var items = EnumerateList(root, operation, "features", "items", "results")
            .Select(e => Deserialize(e, CapellaJsonContext.Default.CapellaStacItem, operation))
            .OfType<CapellaStacItem>()
            .ToList();
        foreach (var asset in items.SelectMany(i => i.Assets.Values))
        {
            if (asset?.Href is { } h && Uri.TryCreate(h, UriKind.Absolute, out var u))
            {
                SignedUrlInspector.RegisterSecrets(u);
            }
        }

        return items;
    }

    /// <summary>
    /// Returns an order's files as assets (the license is skipped). Each carries its presigned href and a resolver that
    /// calls the download endpoint again when the href has expired or is refused.
    /// </summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="filter">Which files (for example keys <c>changemap</c>, <c>HH</c>, <c>VV</c>); all when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assets.</returns>
    public virtual async Task<IReadOnlyList<ImageryAsset>> GetOrderAssetsAsync(string orderId, CapellaAssetFilter? filter = null, CancellationToken cancellationToken = default)
    {
        CapellaValidation.Id(orderId, nameof(orderId), "order id");
        filter?.Validate();
        var items = await GetOrderDownloadAsync(orderId, cancellationToken).ConfigureAwait(false);
        return items.SelectMany(i => StacAssets(i, filter, _orderResolver, orderId)).ToList();
    }

    // ---------------------------------------------------------------- unified requests

    /// <summary>
    /// What <paramref name="request"/> would cost, without ordering: the total of <c>POST /orders/review</c> (in its currency,
    /// normally <c>USD</c>) for <see cref="CapellaChangeMapImageryRequest.Granules"/>; null for an AOI's change maps, which
    /// are paid for by the AOI's monitoring and cost nothing per call.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The estimate, or null.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ProviderRequestException">The review failed or says the account may not place the order.</exception>
    public virtual Task<CostEstimate?> EstimateCostAsync(CapellaChangeMapImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return CapellaChangeMapFlow.EstimateAsync(this, request, cancellationToken);
    }

    /// <summary>
    /// Starts <paramref name="request"/> without <see cref="SatDownloadClient"/>: places the order
    /// (<see cref="CapellaChangeMapImageryRequest.Granules"/>, a <see cref="CapellaOrderTask"/>), or selects the AOI's
    /// change-map products (<see cref="CapellaChangeMapImageryRequest.AoiId"/>, an already finished task). Wait on the task,
    /// then download <see cref="ProviderTask.GetAssetsAsync"/> with an <see cref="AssetDownloader"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task; keep its <see cref="ProviderTask.Id"/> to resume it with <see cref="GetTaskAsync(CapellaChangeMapImageryRequest, string, CancellationToken)"/>.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ProviderRequestException">The order was refused, or the AOI has no matching product (404 <c>NO_MATCHING_PRODUCTS</c>).</exception>
    public virtual Task<ProviderTask> StartAsync(CapellaChangeMapImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return CapellaChangeMapFlow.StartAsync(this, request, cancellationToken);
    }

    /// <summary>
    /// Rebuilds the task <see cref="StartAsync(CapellaChangeMapImageryRequest, CancellationToken)"/> returned, from its id
    /// (or rehydration token), without ordering anything: the order with its current status, or the same AOI products
    /// as the first time (a product published since does not change the selection).
    /// </summary>
    /// <param name="request">The request the task was started for.</param>
    /// <param name="taskId">The task's <see cref="ProviderTask.Id"/> or <see cref="ProviderTask.RehydrationToken"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ProviderRequestException">The order or a product is gone (404).</exception>
    public virtual Task<ProviderTask> GetTaskAsync(CapellaChangeMapImageryRequest request, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return CapellaChangeMapFlow.GetAsync(this, request, taskId, cancellationToken);
    }

    // ---------------------------------------------------------------- plumbing

    internal ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken) =>
        _credential.GetAuthorizationAsync(cancellationToken);

    internal Uri Api(string relative) => new(_options.Endpoint, relative);

    internal CapellaOrderTask CreateOrderTask(string orderId, ProviderTaskState? state, CapellaAssetFilter? filter)
    {
        CapellaValidation.Id(orderId, nameof(orderId), "order id");
        return new CapellaOrderTask(this, orderId, state) { AssetFilter = filter };
    }

    internal Uri ToAbsolute(string href)
    {
        var trimmed = href.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var abs) && (abs.Scheme == Uri.UriSchemeHttp || abs.Scheme == Uri.UriSchemeHttps)
            ? abs
            : new Uri(_options.Endpoint, trimmed.TrimStart('/'));
    }

    /// <summary>Whether credentials may be sent to this URL: the endpoint's own authority, or an https trusted Capella host.</summary>
    internal bool IsTrusted(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        var secure = uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback || _options.AllowInsecureHttp;
        if (!secure)
        {
            return false;
        }

        if (string.Equals(uri.GetLeftPart(UriPartial.Authority), _options.Endpoint.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return uri.Scheme == Uri.UriSchemeHttps && _options.TrustedHosts.Any(h =>
            string.Equals(uri.Host, h, StringComparison.OrdinalIgnoreCase) ||
            uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Sends a request built by <paramref name="factory"/>, adding credentials for trusted hosts and renewing a refused token once.</summary>
    internal async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> factory, bool authenticate, string operation, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var request = factory();
            try
            {
                if (request.Headers.Accept.Count == 0)
                {
                    request.Headers.Accept.ParseAdd("application/json");
                }

                request.WithOperation(operation);
                if (authenticate && IsTrusted(request.RequestUri!))
                {
                    request.Headers.Authorization = await _credential.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
                }

                HttpResponseMessage response;
                try
                {
                    response = await _httpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ProviderErrors.IsTransportFailure(ex, cancellationToken))
                {
                    throw ProviderErrors.FromTransportFailure(ex, ProviderNames.Capella, operation);
                }

                // A token refused before its stated expiry (revoked, clock skew): fetch a new one and try once more.
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0 && authenticate &&
                    _credential.Method == CapellaAuthenticationMethod.Token && request.Headers.Authorization is { } refused)
                {
                    _credential.Reject(refused);
                    response.Dispose();
                    continue;
                }

                return response;
            }
            finally
            {
                request.Dispose();
            }
        }
    }

    internal async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw await ProviderErrors.CreateExceptionAsync(
            response,
            ProviderNames.Capella,
            operation,
            CapellaErrorDecoder.For(_credential.UnauthorizedCode),
            RetryAfterUnit.Seconds,
            _options.TimeProvider,
            cancellationToken).ConfigureAwait(false);
    }

    internal async Task<T> SendJsonAsync<T>(HttpMethod method, Uri uri, HttpContent? content, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
    {
        byte[]? payload = null;
        string? contentType = null;
        if (content is not null)
        {
            payload = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            contentType = content.Headers.ContentType?.ToString();
            content.Dispose();
        }

        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, uri);
                if (payload is not null)
                {
                    request.Content = new ByteArrayContent(payload);
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
                }

                return request;
            },
            true,
            operation,
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
        var value = await ProviderJson.ReadAsync(response, typeInfo, ProviderNames.Capella, operation, CapellaErrorDecoder.For(_credential.UnauthorizedCode), cancellationToken).ConfigureAwait(false);
        return CapellaResponseCheck.Checked(value, operation);
    }

    internal IReadOnlyList<ImageryAsset> StacAssets(CapellaStacItem item, CapellaAssetFilter? filter, ISignedUrlResolver resolver, string? orderId)
    {
        filter ??= CapellaAssetFilter.All;
        filter.Validate();
        var result = new List<ImageryAsset>();
        foreach (var (key, asset) in item.Assets.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (asset is null || string.IsNullOrWhiteSpace(asset.Href) || !filter.Matches(key, asset.Type, asset.Roles))
            {
                continue;
            }

            var href = ToAbsolute(asset.Href);
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            Add(properties, "capella:collection", item.Collection);
            Add(properties, "capella:order_id", orderId);
            result.Add(new ImageryAsset
            {
                Provider = ProviderNames.Capella,
                ProductId = item.Id,
                AssetKey = key,
                Title = asset.Title,
                MediaType = asset.Type,
                Roles = asset.Roles ?? new[] { AssetRoles.Data },
                Href = href,
                Size = asset.FileSize,
                ExpiresAt = orderId is null ? null : SignedUrlInspector.ReadExpiry(href),
                SuggestedFileName = FileNameOf(href, key),
                Resolver = resolver,
                AcquiredAt = item.DateTime,
                Properties = properties,
            });
        }

        return result;
    }

    private async IAsyncEnumerable<CapellaAnalyticsProduct> GetProductsCoreAsync(string aoiId, CapellaProductQuery? query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const string operation = "GET /products/{aoi_id}";
        Uri? next = Api(_options.ProductsPathTemplate.Replace("{aoi_id}", Uri.EscapeDataString(aoiId), StringComparison.Ordinal));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        CapellaAnalyticsProduct? latest = null;
        for (var page = 0; next is not null; page++)
        {
            if (page >= _options.MaxPages)
            {
                throw new ProviderRequestException(new ProviderErrorDetails
                {
                    Provider = ProviderNames.Capella,
                    Operation = operation,
                    Message = $"The product listing did not end after {_options.MaxPages} pages (CapellaClientOptions.MaxPages); the service may be looping.",
                });
            }

            var root = await SendJsonAsync(HttpMethod.Get, next, null, CapellaJsonContext.Default.JsonElement, operation, cancellationToken).ConfigureAwait(false);
            next = null;
            foreach (var element in EnumerateList(root, operation, "products"))
            {
                var product = Deserialize(element, CapellaJsonContext.Default.CapellaAnalyticsProduct, operation);
                if (product is null || (query is not null && !query.Matches(product)))
                {
                    continue;
                }

                if (query?.LatestOnly == true)
                {
                    if (latest is null || (product.DateCreated ?? DateTimeOffset.MinValue) > (latest.DateCreated ?? DateTimeOffset.MinValue))
                    {
                        latest = product;
                    }
                }
                else
                {
                    yield return product;
                }
            }

            if (NextLink(root) is { } link && seen.Add(link.AbsoluteUri))
            {
                next = link;
            }
        }

        if (latest is not null)
        {
            yield return latest;
        }
    }

    private async IAsyncEnumerable<CapellaStacItem> SearchCatalogCoreAsync(CapellaCatalogSearch search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const string operation = "POST /catalog/search";
        var max = search.MaxResults ?? CapellaCatalogSearch.MaxItems;
        var returned = 0;
        var page = 1;
        Uri? target = Api("catalog/search");
        for (var pages = 0; target is not null; pages++)
        {
            if (pages >= _options.MaxPages)
            {
                throw new ProviderRequestException(new ProviderErrorDetails { Provider = ProviderNames.Capella, Operation = operation, Message = $"The search did not end after {_options.MaxPages} pages (CapellaClientOptions.MaxPages)." });
            }

            var body = new CapellaCatalogSearchRequest
            {
                Collections = search.Collections is { Count: > 0 } c ? c : null,
                Ids = search.Ids is { Count: > 0 } ids ? ids : null,
                BoundingBox = search.BoundingBox is { } b ? new[] { b.West, b.South, b.East, b.North } : null,
                Intersects = search.Intersects is { } polygon ? CapellaGeoJson.PolygonToElement(polygon) : null,
                DateTime = search.DateTimeInterval,
                Limit = Math.Min(search.PageSize, max - returned),
                Page = page,
            };
            var result = await SendJsonAsync(HttpMethod.Post, target, Json(body, CapellaJsonContext.Default.CapellaCatalogSearchRequest), CapellaJsonContext.Default.CapellaItemCollection, operation, cancellationToken).ConfigureAwait(false);
            var features = result.Features ?? Array.Empty<CapellaStacItem>();
            foreach (var item in features)
            {
                yield return item;
                if (++returned >= max)
                {
                    yield break;
                }
            }

            target = null;
            var next = result.Links?.FirstOrDefault(l => string.Equals(l.Rel, "next", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(l.Href));
            if (next is not null && features.Count > 0)
            {
                // Capella's SDK posts the same body to the next link with the page incremented, re-hosting gateway links.
                target = RehostNext(ToAbsolute(next.Href!));
                page = ReadPage(target) ?? page + 1;
            }
        }
    }

    private static int? ReadPage(Uri link)
    {
        foreach (var part in link.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("page=", StringComparison.OrdinalIgnoreCase) &&
                int.TryParse(part.AsSpan(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0)
            {
                return p;
            }
        }

        return null;
    }

    private async Task<CapellaStacItem?> GetStacItemCoreAsync(Uri url, CancellationToken cancellationToken)
    {
        var item = await SendJsonAsync(HttpMethod.Get, url, null, CapellaJsonContext.Default.CapellaStacItem, "GET /catalog/collections/{collection}/items/{id}", cancellationToken).ConfigureAwait(false);
        return item;
    }

    private Uri? NextLink(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array)
        {
            foreach (var l in links.EnumerateArray())
            {
                if (l.ValueKind == JsonValueKind.Object && l.TryGetProperty("rel", out var rel) && rel.ValueKind == JsonValueKind.String &&
                    string.Equals(rel.GetString(), "next", StringComparison.OrdinalIgnoreCase) &&
                    l.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(href.GetString()))
                {
                    return RehostNext(ToAbsolute(href.GetString()!));
                }
            }
        }

        if (root.TryGetProperty("next", out var nextProp) && nextProp.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(nextProp.GetString()))
        {
            return RehostNext(ToAbsolute(nextProp.GetString()!));
        }

        return null;
    }

    // Capella's SDK rewrites next links that point at an internal gateway host onto the public endpoint; do the same,
    // so that credentials are never sent elsewhere and paging still works.
    private Uri RehostNext(Uri link) =>
        IsTrusted(link) ? link : new Uri(_options.Endpoint, link.PathAndQuery.TrimStart('/'));

    private static IEnumerable<JsonElement> EnumerateList(JsonElement root, string operation, params string[] names)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray().ToList();
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = operation,
                Status = 200,
                ErrorCode = "INVALID_RESPONSE",
                Message = $"The answer is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a list or an object with \"{names[0]}\".",
                IsRetryable = false,
            });
        }

        // An AOI object may carry its products under properties.
        var scopes = root.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object ? new[] { root, props } : new[] { root };
        foreach (var scope in scopes)
        {
            foreach (var name in names)
            {
                if (!scope.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new ProviderRequestException(new ProviderErrorDetails
                    {
                        Provider = ProviderNames.Capella,
                        Operation = operation,
                        Status = 200,
                        ErrorCode = "INVALID_RESPONSE",
                        Message = $"\"{name}\" in the answer is a JSON {list.ValueKind.ToString().ToLowerInvariant()}, not a list.",
                        IsRetryable = false,
                    });
                }

                return list.EnumerateArray().ToList();
            }
        }

        return Array.Empty<JsonElement>();
    }

    private static T? Deserialize<T>(JsonElement element, JsonTypeInfo<T> typeInfo, string operation)
    {
        try
        {
            return CapellaResponseCheck.Checked(element.Deserialize(typeInfo), operation);
        }
        catch (JsonException ex)
        {
            throw new ProviderRequestException(
                new ProviderErrorDetails { Provider = ProviderNames.Capella, Operation = operation, Status = 200, Message = $"An entry is not the expected {typeof(T).Name} JSON: {ex.Message}" },
                ex);
        }
    }

    private static StringContent Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.Serialize(value, typeInfo), Encoding.UTF8, "application/json");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void Add(Dictionary<string, string> properties, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            properties[key] = value;
        }
    }

    private static string FileNameOf(Uri href, string key)
    {
        var last = Uri.UnescapeDataString(href.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault() ?? string.Empty);
        return string.IsNullOrWhiteSpace(last) || last.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || !Path.HasExtension(last)
            ? key + ".tif"
            : last;
    }

    private static HttpClient CreateHttpClient(CapellaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return ProviderHttpPipeline.CreateClient(null, CreateHandlers(options, RateLimiterRegistry.Shared, options.LoggerFactory));
    }

    /// <summary>The standard handler chain: retries, then the account's shared limiter when limits are set. Credentials are added per request by the client.</summary>
    internal static IReadOnlyList<DelegatingHandler> CreateHandlers(CapellaClientOptions options, RateLimiterRegistry registry, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var retry = options.Retry.Clone();
        retry.ProviderName = ProviderNames.Capella;
        var limiter = options.RateLimit is { } limits
            ? registry.GetOrCreate(ProviderNames.Capella, options.ApiKey ?? options.Username, limits)
            : null;
        return ProviderHttpPipeline.CreateStandardHandlers(retry, null, limiter, TimeProvider.System, loggerFactory);
    }
}
