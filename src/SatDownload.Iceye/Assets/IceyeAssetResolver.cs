using System.Collections.Concurrent;
using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Assets;

/// <summary>
/// Keeps ICEYE downloads going past the one-hour life of their pre-signed URLs: the first attempt uses the URL of the
/// listing that produced the asset while it is fresh; when it has expired, or storage answers 403, the resolver lists
/// the task's products again and takes the asset's new URL, and the downloader continues from the byte it reached.
/// URLs live only in memory, never in files.
/// </summary>
public class IceyeAssetResolver : CachingSignedUrlResolver
{
    private readonly IceyeClient _client;
    private readonly TimeProvider _timeProvider;

    // One listing per task shared by every asset of that task that needs a new URL at about the same time (a batch
    // whose URLs all expired together), so renewing nine files costs one listing, not nine.
    private readonly ConcurrentDictionary<string, Lazy<Task<IceyeProductListing>>> _listings = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver over a client.</summary>
    /// <param name="client">The client that lists products.</param>
    /// <param name="timeProvider">The clock that judges expiry.</param>
    /// <param name="refreshMargin">How long before expiry a URL counts as expired.</param>
    public IceyeAssetResolver(IceyeClient client, TimeProvider? timeProvider = null, TimeSpan? refreshMargin = null)
        : base(timeProvider, refreshMargin)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many times the product listing was fetched to renew URLs (for diagnostics and tests).</summary>
    public int RefreshCount => _refreshCount;

    private int _refreshCount;

    /// <inheritdoc />
    protected override async Task<DownloadLocation> ResolveFreshAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(context);
        var now = _timeProvider.GetUtcNow();
        if (!context.MustRefresh && asset.Href is { } listed && asset.ExpiresAt is { } expires && now + RefreshMargin < expires)
        {
            return new DownloadLocation(listed) { ExpiresAt = expires };
        }

        if (!asset.Properties.TryGetValue(IceyeAssetFactory.TaskIdProperty, out var taskId) || string.IsNullOrEmpty(taskId))
        {
            throw new SatDownloadException(
                $"ICEYE asset {asset.Identity} has no '{IceyeAssetFactory.TaskIdProperty}' property, so its expired download URL cannot be renewed. Create ICEYE assets through IceyeClient or IceyeTask.GetAssetsAsync.");
        }

        var listing = await GetFreshListingAsync(taskId, context, now, cancellationToken).ConfigureAwait(false);
        if (!listing.IsReady)
        {
            throw new SatDownloadException(
                $"ICEYE no longer lists the products of task '{taskId}' (it answered 404{(listing.NotReadyReason is null ? string.Empty : ": " + listing.NotReadyReason)}), so the download URL of {asset.Identity} cannot be renewed.");
        }

        var product = listing.Products.FirstOrDefault(p => string.Equals(p.Id, asset.ProductId, StringComparison.Ordinal));
        if (product is null || !product.Assets.TryGetValue(asset.AssetKey, out IceyeProductAsset? file) || file.Href is null)
        {
            throw new SatDownloadException(
                $"ICEYE task '{taskId}' no longer lists asset '{asset.AssetKey}' of product '{asset.ProductId}', so its download URL cannot be renewed.");
        }

        return new DownloadLocation(file.Href) { ExpiresAt = listing.RetrievedAt + _client.SignedUrlLifetime };
    }

    private async Task<IceyeProductListing> GetFreshListingAsync(string taskId, SignedUrlResolveContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shared = await GetListingAsync(taskId, cancellationToken).ConfigureAwait(false);

        // A shared listing is good enough when it is newer than the one behind the failed URL and still fresh itself.
        var failedListingTime = context.PreviousLocation?.ExpiresAt - _client.SignedUrlLifetime;
        var usable = shared.Listing.IsReady &&
                     (failedListingTime is not { } failed || shared.Listing.RetrievedAt > failed) &&
                     now + RefreshMargin < shared.Listing.RetrievedAt + _client.SignedUrlLifetime;
        if (usable)
        {
            return shared.Listing;
        }

        _listings.TryRemove(new KeyValuePair<string, Lazy<Task<IceyeProductListing>>>(taskId, shared.Entry));
        return (await GetListingAsync(taskId, cancellationToken).ConfigureAwait(false)).Listing;
    }

    private async Task<(IceyeProductListing Listing, Lazy<Task<IceyeProductListing>> Entry)> GetListingAsync(string taskId, CancellationToken cancellationToken)
    {
        var entry = _listings.GetOrAdd(taskId, id => new Lazy<Task<IceyeProductListing>>(() => FetchAsync(id)));
        try
        {
            return (await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false), entry);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _listings.TryRemove(new KeyValuePair<string, Lazy<Task<IceyeProductListing>>>(taskId, entry));
            throw;
        }
    }

    private Task<IceyeProductListing> FetchAsync(string taskId)
    {
        Interlocked.Increment(ref _refreshCount);

        // Not tied to one caller's token: other assets of the task wait on the same listing.
        return _client.GetProductsAsync(taskId, productType: null, CancellationToken.None);
    }
}
