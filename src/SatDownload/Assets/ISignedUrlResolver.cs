namespace SatDownload;

/// <summary>
/// Turns an <see cref="ImageryAsset"/> into a fresh, authenticated <see cref="DownloadLocation"/>. The downloader calls it
/// before the first attempt, and again when a location has expired or storage refused it (401/403), then continues from
/// the byte it had reached.
/// </summary>
/// <remarks>Implementations must be thread-safe: the downloader resolves several assets, and several segments of one asset, at once.</remarks>
public interface ISignedUrlResolver
{
    /// <summary>Resolves an asset to a location to request now.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="context">Why the resolver is called (first attempt, expiry, refusal) and what was tried before.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The location.</returns>
    ValueTask<DownloadLocation> ResolveAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken = default);
}
