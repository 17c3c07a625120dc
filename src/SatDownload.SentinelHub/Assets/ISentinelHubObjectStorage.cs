namespace SatDownload.SentinelHub;

/// <summary>
/// Access to the user's own bucket where Async, Batch and Batch Statistical results land. Sentinel Hub never serves
/// those bytes itself, so the caller plugs in an S3 client: list keys under a prefix and presign a GET for one object.
/// </summary>
/// <example>
/// With AWS SDK: <c>ListObjectsV2</c> under the prefix, and <c>GetPreSignedURL</c> for <c>PresignAsync</c>
/// (return <c>new DownloadLocation(url) { ExpiresAt = expiry }</c>). See docs/providers/sentinel-hub.md.
/// </example>
public interface ISentinelHubObjectStorage
{
    /// <summary>Lists object URLs (<c>s3://bucket/key</c>) under a prefix.</summary>
    /// <param name="prefix">An <c>s3://bucket/prefix/</c> URL.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The object URLs.</returns>
    IAsyncEnumerable<Uri> ListAsync(Uri prefix, CancellationToken cancellationToken = default);

    /// <summary>Returns a downloadable (presigned) location for one object.</summary>
    /// <param name="objectUri">The <c>s3://bucket/key</c> URL.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The location.</returns>
    ValueTask<DownloadLocation> PresignAsync(Uri objectUri, CancellationToken cancellationToken = default);
}
