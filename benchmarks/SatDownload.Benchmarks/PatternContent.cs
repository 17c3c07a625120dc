using System.Security.Cryptography;

namespace SatDownload.Benchmarks;

/// <summary>
/// The bytes every benchmark file is made of: a 64 MiB random block repeated. Serving it is a memory copy, so the server
/// costs as little CPU as possible and the client is what gets measured.
/// </summary>
internal static class PatternContent
{
    public const int BlockSize = 64 * 1024 * 1024;

    private static readonly Lazy<byte[]> LazyBlock = new(() =>
    {
        var block = new byte[BlockSize];
        new Random(20260101).NextBytes(block);
        return block;
    });

    public static byte[] Block => LazyBlock.Value;

    /// <summary>The SHA-256 of the first <paramref name="length"/> bytes of the pattern.</summary>
    public static string Sha256Hex(long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = Block;
        for (long pos = 0; pos < length;)
        {
            var offset = (int)(pos % BlockSize);
            var count = (int)Math.Min(BlockSize - offset, length - pos);
            hash.AppendData(block, offset, count);
            pos += count;
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
