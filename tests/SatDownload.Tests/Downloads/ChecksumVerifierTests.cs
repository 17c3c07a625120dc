using System.Net;
using System.Net.Http.Headers;
using SatDownload.Downloads;

namespace SatDownload.Tests.Downloads;

public class ChecksumVerifierTests
{
    private const string Md5 = "9e107d9d372bb6826bd81d3542a419d6";
    private const string Sha = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592";

    private static ImageryAsset Asset(params AssetChecksum[] checksums) =>
        new() { Provider = "capella", ProductId = "p", AssetKey = "k", Checksums = checksums };

    [Fact]
    public void Matching_checksums_pass_and_mismatch_names_both_values()
    {
        ChecksumVerifier.Verify(Asset(AssetChecksum.Md5(Md5), AssetChecksum.Sha256(Sha)), Sha, Md5, null);
        var ex = Assert.Throws<DownloadIntegrityException>(() => ChecksumVerifier.Verify(Asset(AssetChecksum.Sha256(Sha)), new string('0', 64), null, null));
        Assert.Contains(Sha, ex.Message, StringComparison.Ordinal);
        Assert.Contains(new string('0', 64), ex.Message, StringComparison.Ordinal);
        Assert.Throws<DownloadIntegrityException>(() => ChecksumVerifier.Verify(Asset(), Sha, Md5, new string('1', 32)));
    }

    [Fact]
    public void S3_single_part_etag_is_an_md5_only_when_the_server_is_s3()
    {
        using var plain = new HttpResponseMessage(HttpStatusCode.OK);
        plain.Headers.ETag = new EntityTagHeaderValue("\"" + Md5 + "\"");
        Assert.Null(ChecksumVerifier.S3SinglePartMd5(plain));

        using var s3 = new HttpResponseMessage(HttpStatusCode.OK);
        s3.Headers.ETag = new EntityTagHeaderValue("\"" + Md5 + "\"");
        s3.Headers.TryAddWithoutValidation("x-amz-request-id", "ABC");
        Assert.Equal(Md5, ChecksumVerifier.S3SinglePartMd5(s3));

        using var multipart = new HttpResponseMessage(HttpStatusCode.OK);
        multipart.Headers.ETag = new EntityTagHeaderValue("\"" + Md5 + "-3\"");
        multipart.Headers.TryAddWithoutValidation("x-amz-request-id", "ABC");
        Assert.Null(ChecksumVerifier.S3SinglePartMd5(multipart));

        using var kms = new HttpResponseMessage(HttpStatusCode.OK);
        kms.Headers.ETag = new EntityTagHeaderValue("\"" + Md5 + "\"");
        kms.Headers.TryAddWithoutValidation("x-amz-request-id", "ABC");
        kms.Headers.TryAddWithoutValidation("x-amz-server-side-encryption", "aws:kms");
        Assert.Null(ChecksumVerifier.S3SinglePartMd5(kms));
    }

    [Fact]
    public async Task Hasher_hashes_in_order_writes_and_catches_up_the_rest_from_disk()
    {
        var data = new byte[1_000_003];
        new Random(7).NextBytes(data);
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, data);
            using var handle = File.OpenHandle(path);
            using var hasher = new FileHasher(sha256: true, md5: true);
            hasher.OnWritten(0, data.AsSpan(0, 1000));
            hasher.OnWritten(5000, data.AsSpan(5000, 1000)); // out of order: ignored, caught up later
            hasher.OnWritten(1000, data.AsSpan(1000, 1000));
            Assert.Equal(2000, hasher.HashedUpTo);
            await hasher.CatchUpAsync(handle, data.Length, 4096, CancellationToken.None);
            var (sha, md5) = hasher.Finish();
            Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data)).ToLowerInvariant(), sha);
#pragma warning disable CA5351
            Assert.Equal(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(data)).ToLowerInvariant(), md5);
#pragma warning restore CA5351
        }
        finally
        {
            File.Delete(path);
        }
    }
}
