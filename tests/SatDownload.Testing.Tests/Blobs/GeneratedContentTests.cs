using System.Security.Cryptography;

namespace SatDownload.Testing.Tests.Blobs;

public sealed class GeneratedContentTests
{
    [Fact]
    public void Any_slice_equals_the_same_slice_of_the_whole()
    {
        var whole = GeneratedContent.Generate(17, 1000);
        foreach (var (offset, length) in new[] { (0, 1), (1, 7), (3, 64), (511, 489), (999, 1), (8, 16) })
        {
            var slice = new byte[length];
            GeneratedContent.Fill(17, offset, slice);
            Assert.Equal(whole.AsSpan(offset, length).ToArray(), slice);
        }
    }

    [Fact]
    public void Sha256_helper_matches_hashing_the_bytes_and_seeds_differ()
    {
        var bytes = GeneratedContent.Generate(5, 200_001);

        Assert.Equal(SHA256.HashData(bytes), GeneratedContent.ComputeSha256(5, 200_001));
        Assert.NotEqual(bytes, GeneratedContent.Generate(6, 200_001));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), GeneratedContent.ComputeSha256Hex(5, 200_001));
    }
}
