using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SatDownload.Testing;

/// <summary>
/// Deterministic pseudo-random content addressed by (seed, offset): any slice of a blob of any length can be produced
/// on its own, so the emulator serves a 1 GiB blob without holding it in memory and a test can compute the expected
/// bytes or SHA-256 without downloading anything.
/// </summary>
/// <remarks>Byte <c>i</c> is byte <c>i % 8</c> (little-endian) of SplitMix64(seed-mix XOR (i / 8)).</remarks>
public static class GeneratedContent
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Fills <paramref name="destination"/> with the content of the blob generated from <paramref name="seed"/>, starting at <paramref name="offset"/>.</summary>
    /// <param name="seed">The seed that identifies the content.</param>
    /// <param name="offset">The offset of the first byte to produce; zero or positive.</param>
    /// <param name="destination">Where the bytes go; its length is how many bytes are produced.</param>
    public static void Fill(int seed, long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var key = Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0xD1B54A32D192ED03UL);
        Span<byte> block = stackalloc byte[8];
        var position = 0;
        while (position < destination.Length)
        {
            var absolute = offset + position;
            var blockIndex = (ulong)(absolute >> 3);
            var within = (int)(absolute & 7);
            var value = Mix(key ^ blockIndex);
            if (within == 0 && destination.Length - position >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(position, 8), value);
                position += 8;
                continue;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(block, value);
            var take = Math.Min(8 - within, destination.Length - position);
            block.Slice(within, take).CopyTo(destination.Slice(position, take));
            position += take;
        }
    }

    /// <summary>Returns the whole generated content as an array; for small blobs in tests.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="length">The length in bytes.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Generate(int seed, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = new byte[length];
        Fill(seed, 0, bytes);
        return bytes;
    }

    /// <summary>Computes the SHA-256 of the generated content without materialising it.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="length">The length in bytes.</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] ComputeSha256(int seed, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (long offset = 0; offset < length; offset += ChunkSize)
            {
                var count = (int)Math.Min(ChunkSize, length - offset);
                Fill(seed, offset, buffer.AsSpan(0, count));
                hash.AppendData(buffer, 0, count);
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes the SHA-256 of the generated content as lowercase hex.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="length">The length in bytes.</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string ComputeSha256Hex(int seed, long length) => Convert.ToHexString(ComputeSha256(seed, length)).ToLowerInvariant();

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
