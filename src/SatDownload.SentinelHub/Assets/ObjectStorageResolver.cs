namespace SatDownload.SentinelHub;

/// <summary>Resolves <c>s3://</c> asset hrefs through <see cref="ISentinelHubObjectStorage.PresignAsync"/>, caching until near expiry and re-signing on 403/expiry.</summary>
public sealed class ObjectStorageResolver : CachingSignedUrlResolver
{
    private readonly ISentinelHubObjectStorage _storage;

    /// <summary>Creates the resolver.</summary>
    /// <param name="storage">The bucket access.</param>
    /// <param name="timeProvider">Clock.</param>
    public ObjectStorageResolver(ISentinelHubObjectStorage storage, TimeProvider? timeProvider = null)
        : base(timeProvider) => _storage = storage ?? throw new ArgumentNullException(nameof(storage));

    /// <inheritdoc />
    protected override async Task<DownloadLocation> ResolveFreshAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.Href is not { Scheme: "s3" } href)
        {
            throw new SatDownloadException($"Asset {asset.Identity} has no s3:// href to presign.");
        }

        return await _storage.PresignAsync(href, cancellationToken).ConfigureAwait(false);
    }
}
