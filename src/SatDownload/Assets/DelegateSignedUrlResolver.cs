namespace SatDownload;

/// <summary>An <see cref="ISignedUrlResolver"/> over a delegate, for user-supplied signing (for example an S3 presigner for <c>s3://</c> hrefs).</summary>
public sealed class DelegateSignedUrlResolver : ISignedUrlResolver
{
    private readonly Func<ImageryAsset, SignedUrlResolveContext, CancellationToken, ValueTask<DownloadLocation>> _resolve;

    /// <summary>Creates a resolver.</summary>
    /// <param name="resolve">Returns a fresh location for an asset.</param>
    public DelegateSignedUrlResolver(Func<ImageryAsset, SignedUrlResolveContext, CancellationToken, ValueTask<DownloadLocation>> resolve)
    {
        _resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
    }

    /// <inheritdoc />
    public ValueTask<DownloadLocation> ResolveAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(context);
        return _resolve(asset, context, cancellationToken);
    }
}
