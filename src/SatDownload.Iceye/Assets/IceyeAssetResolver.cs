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

    /// <summary>How many times the product listing was fetched to re-sign an asset (for diagnostics and tests).</summary>
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

        Interlocked.Increment(ref _refreshCount);
        var listing = await _client.GetProductsAsync(taskId, productType: null, cancellationToken).ConfigureAwait(false);
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
}
