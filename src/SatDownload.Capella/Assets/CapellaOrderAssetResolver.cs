namespace SatDownload.Capella;

/// <summary>
/// Resolves ordered assets: the presigned href the asset came with while it is fresh, then, once it has expired or storage
/// refused it, a new presigned href from <c>GET /orders/{orderId}/download</c> (matched by item id and asset key).
/// </summary>
internal sealed class CapellaOrderAssetResolver : CachingSignedUrlResolver
{
    private readonly CapellaClient _client;

    public CapellaOrderAssetResolver(CapellaClient client, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _client = client;
    }

    protected override async Task<DownloadLocation> ResolveFreshAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken)
    {
        var now = _client.Options.TimeProvider.GetUtcNow();
        if (context.Reason == ResolveReason.Initial && context.PreviousResolutions == 0 && asset.Href is { } href)
        {
            var expiry = SignedUrlInspector.ReadExpiry(href) ?? asset.ExpiresAt;
            if (expiry is null || now + RefreshMargin < expiry)
            {
                return new DownloadLocation(href) { ExpiresAt = expiry ?? now + _client.Options.AssumedSignedUrlLifetime };
            }
        }

        if (!asset.Properties.TryGetValue("capella:order_id", out var orderId) || string.IsNullOrWhiteSpace(orderId))
        {
            throw new ArgumentException($"Asset {asset.Identity} has no 'capella:order_id' property, so its presigned URL cannot be renewed; get it from CapellaClient.GetOrderAssetsAsync.", nameof(asset));
        }

        var items = await _client.GetOrderDownloadAsync(orderId, cancellationToken).ConfigureAwait(false);
        var item = items.FirstOrDefault(i => string.Equals(i.Id, asset.ProductId, StringComparison.Ordinal));
        if (item is null || !item.Assets.TryGetValue(asset.AssetKey, out var fresh) || string.IsNullOrWhiteSpace(fresh?.Href))
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = "GET /orders/{orderId}/download",
                Status = 200,
                Message = $"Order {orderId} no longer lists asset '{asset.AssetKey}' of item {asset.ProductId}.",
            });
        }

        var uri = _client.ToAbsolute(fresh.Href);
        return new DownloadLocation(uri) { ExpiresAt = SignedUrlInspector.ReadExpiry(uri) ?? now + _client.Options.AssumedSignedUrlLifetime };
    }
}
