using System.Net.Http.Headers;

namespace SatDownload.Downloads;

/// <summary>Compares computed digests with the checksums a provider publishes (listing checksums and S3 single-part ETags).</summary>
internal static class ChecksumVerifier
{
    /// <summary>Whether any verification needs MD5.</summary>
    public static bool NeedsMd5(ImageryAsset asset) => asset.Checksums.Any(c => c.Algorithm == ChecksumAlgorithm.Md5);

    /// <summary>Whether any verification needs SHA-256.</summary>
    public static bool NeedsSha256(ImageryAsset asset) => asset.Checksums.Any(c => c.Algorithm == ChecksumAlgorithm.Sha256);

    /// <summary>
    /// The MD5 an S3-compatible server's ETag stands for, or null. Only single-part uploads without KMS encryption have
    /// an ETag equal to the MD5 of the object (multipart ETags carry a <c>-N</c> suffix); the response must say it is S3.
    /// </summary>
    public static string? S3SinglePartMd5(HttpResponseMessage response)
    {
        var etag = response.Headers.ETag;
        if (etag is null || etag.IsWeak)
        {
            return null;
        }

        var looksLikeS3 = response.Headers.Contains("x-amz-request-id") || response.Headers.Contains("x-amz-id-2") ||
                          response.Headers.Server.Any(p => p.Product?.Name?.Contains("AmazonS3", StringComparison.OrdinalIgnoreCase) == true);
        if (!looksLikeS3)
        {
            return null;
        }

        if (response.Headers.TryGetValues("x-amz-server-side-encryption", out var sse) &&
            sse.Any(v => v.Contains("kms", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var tag = etag.Tag.Trim('"');
        return tag.Length == 32 && tag.All(Uri.IsHexDigit) ? tag.ToLowerInvariant() : null;
    }

    /// <summary>Throws <see cref="DownloadIntegrityException"/> when a published checksum differs from the computed one.</summary>
    public static void Verify(ImageryAsset asset, string? sha256, string? md5, string? s3EtagMd5)
    {
        foreach (var checksum in asset.Checksums)
        {
            var actual = checksum.Algorithm == ChecksumAlgorithm.Sha256 ? sha256 : md5;
            if (actual is not null && !string.Equals(actual, checksum.HexValue, StringComparison.Ordinal))
            {
                throw new DownloadIntegrityException(
                    $"{asset.Identity}: the downloaded file's {checksum.Algorithm} is {actual} but the provider published {checksum.HexValue}. The file was not kept; download it again.");
            }
        }

        if (s3EtagMd5 is not null && md5 is not null && !string.Equals(s3EtagMd5, md5, StringComparison.Ordinal))
        {
            throw new DownloadIntegrityException(
                $"{asset.Identity}: the downloaded file's MD5 is {md5} but the storage ETag says {s3EtagMd5}. The file was not kept; download it again.");
        }
    }

    /// <summary>Whether an ETag can be used in <c>If-Match</c>/<c>If-Range</c> (strong validators only, RFC 9110).</summary>
    public static bool IsStrong(EntityTagHeaderValue? etag) => etag is { IsWeak: false };
}
