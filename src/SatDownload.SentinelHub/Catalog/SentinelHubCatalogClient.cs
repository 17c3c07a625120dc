using System.Runtime.CompilerServices;
using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>Catalog API (STAC 1.0.0) under <c>api/v1/catalog/1.0.0/</c>.</summary>
public class SentinelHubCatalogClient
{
    private const string Base = "api/v1/catalog/1.0.0/";
    private readonly SentinelHubPipeline? _pipeline;

    internal SentinelHubCatalogClient(SentinelHubPipeline pipeline) => _pipeline = pipeline;

    /// <summary>For mocking.</summary>
    protected SentinelHubCatalogClient()
    {
    }

    private SentinelHubPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Searches items, following <c>context.next</c> until the last page.</summary>
    /// <param name="request">The search (validated before sending; <see cref="CatalogSearchRequest.Next"/> is managed here).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Every matching item.</returns>
    public virtual async IAsyncEnumerable<CatalogItem> SearchAsync(CatalogSearchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in SearchPagesAsync(request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Features)
            {
                yield return item;
            }
        }
    }

    /// <summary>Searches, one page at a time.</summary>
    /// <param name="request">The search.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The pages.</returns>
    public virtual async IAsyncEnumerable<CatalogFeatureCollection> SearchPagesAsync(CatalogSearchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Validate(request, distinct: false);
        var body = Clone(request);
        while (true)
        {
            var page = await Pipeline.SendJsonAsync(HttpMethod.Post, Base + "search", SentinelHubPipeline.Json(body, SentinelHubJsonContext.Default.CatalogSearchRequest), SentinelHubJsonContext.Default.CatalogFeatureCollection, "catalog search", cancellationToken).ConfigureAwait(false);
            yield return page;
            if (page.Context?.Next is not { } next || page.Features.Count == 0)
            {
                yield break;
            }

            body.Next = next;
        }
    }

    /// <summary>Distinct values of a property (e.g. <c>date</c>) over all pages.</summary>
    /// <param name="request">The search with <see cref="CatalogSearchRequest.Distinct"/> set.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The values.</returns>
    public virtual async IAsyncEnumerable<JsonElement> SearchDistinctAsync(CatalogSearchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Validate(request, distinct: true);
        var body = Clone(request);
        while (true)
        {
            var page = await Pipeline.SendJsonAsync(HttpMethod.Post, Base + "search", SentinelHubPipeline.Json(body, SentinelHubJsonContext.Default.CatalogSearchRequest), SentinelHubJsonContext.Default.CatalogDistinctPage, "catalog distinct", cancellationToken).ConfigureAwait(false);
            foreach (var v in page.Features)
            {
                yield return v;
            }

            if (page.Context?.Next is not { } next || page.Features.Count == 0)
            {
                yield break;
            }

            body.Next = next;
        }
    }

    /// <summary>Searches and converts items to assets (see <see cref="CatalogAssetConverter"/>).</summary>
    /// <param name="request">The search.</param>
    /// <param name="s3Resolver">Resolves <c>s3://</c> asset hrefs (e.g. an S3 presigner); without it such assets are skipped.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The downloadable assets.</returns>
    public virtual async IAsyncEnumerable<ImageryAsset> SearchAssetsAsync(CatalogSearchRequest request, ISignedUrlResolver? s3Resolver = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in SearchAsync(request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var asset in CatalogAssetConverter.ToAssets(item, s3Resolver))
            {
                yield return asset;
            }
        }
    }

    /// <summary>Lists the deployment's collections.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The collections.</returns>
    public virtual async Task<IReadOnlyList<CatalogCollection>> GetCollectionsAsync(CancellationToken cancellationToken = default)
    {
        var list = await Pipeline.SendJsonAsync(HttpMethod.Get, Base + "collections", null, SentinelHubJsonContext.Default.CatalogCollectionList, "catalog collections", cancellationToken).ConfigureAwait(false);
        return list.Collections.ToArray();
    }

    /// <summary>Gets one collection.</summary>
    /// <param name="collectionId">The id, e.g. <c>sentinel-2-l2a</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The collection.</returns>
    public virtual Task<CatalogCollection> GetCollectionAsync(string collectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionId);
        return Pipeline.SendJsonAsync(HttpMethod.Get, Base + "collections/" + Uri.EscapeDataString(collectionId), null, SentinelHubJsonContext.Default.CatalogCollection, "catalog collection", cancellationToken);
    }

    /// <summary>Gets one item.</summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="itemId">The item (product) id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The item.</returns>
    public virtual Task<CatalogItem> GetItemAsync(string collectionId, string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return Pipeline.SendJsonAsync(HttpMethod.Get, Base + "collections/" + Uri.EscapeDataString(collectionId) + "/items/" + Uri.EscapeDataString(itemId), null, SentinelHubJsonContext.Default.CatalogItem, "catalog item", cancellationToken);
    }

    internal static void Validate(CatalogSearchRequest request, bool distinct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Collections is null || request.Collections.Count == 0 || request.Collections.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("CatalogSearchRequest.Collections needs at least one collection id, e.g. \"sentinel-2-l2a\".", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.Datetime))
        {
            throw new ArgumentException("CatalogSearchRequest.Datetime is required: an RFC 3339 instant or an interval such as \"2020-12-10T00:00:00Z/2020-12-30T00:00:00Z\" (open ends \"..\").", nameof(request));
        }

        foreach (var part in request.Datetime.Split('/'))
        {
            if (part is not (".." or "") && !DateTimeOffset.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _))
            {
                throw new ArgumentException($"CatalogSearchRequest.Datetime part '{part}' is not an RFC 3339 date-time.", nameof(request));
            }
        }

        if (request.Limit is < 1 or > 100)
        {
            throw new ArgumentException("CatalogSearchRequest.Limit must be between 1 and 100 (the service default is 10).", nameof(request));
        }

        if (request.Bbox is { } b)
        {
            if (b.Count is not (4 or 6))
            {
                throw new ArgumentException("CatalogSearchRequest.Bbox needs 4 numbers (west, south, east, north) in WGS84.", nameof(request));
            }

            if (b[1] < -90 || b[3] > 90 || b[1] > b[3] || b[0] < -180 || b[2] > 180)
            {
                throw new ArgumentException("CatalogSearchRequest.Bbox must be WGS84 lon/lat: west/east in -180..180, south ≤ north in -90..90.", nameof(request));
            }
        }

        if (request.Filter is { } f && (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("op", out _)))
        {
            throw new ArgumentException("CatalogSearchRequest.Filter must be a CQL2-JSON object such as {\"op\":\"<\",\"args\":[{\"property\":\"eo:cloud_cover\"},20]}.", nameof(request));
        }

        if (!distinct && request.Distinct is not null)
        {
            throw new ArgumentException("CatalogSearchRequest.Distinct returns values, not items: use SearchDistinctAsync.", nameof(request));
        }

        if (distinct && string.IsNullOrWhiteSpace(request.Distinct))
        {
            throw new ArgumentException("SearchDistinctAsync needs CatalogSearchRequest.Distinct (e.g. \"date\").", nameof(request));
        }
    }

    private static CatalogSearchRequest Clone(CatalogSearchRequest request)
    {
        var copy = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(request, SentinelHubJsonContext.Default.CatalogSearchRequest), SentinelHubJsonContext.Default.CatalogSearchRequest)!;
        if (copy.Filter is not null && copy.FilterLang is null)
        {
            copy.FilterLang = "cql2-json";
        }

        return copy;
    }
}
