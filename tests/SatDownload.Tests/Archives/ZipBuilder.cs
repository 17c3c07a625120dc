using System.Buffers.Binary;
using System.IO.Compression;

namespace SatDownload.Tests.Archives;

/// <summary>Builds real zip archives (including hostile ones) in memory for the extractor tests.</summary>
internal static class ZipBuilder
{
    public static MemoryStream Zip(params (string Name, byte[] Content)[] entries) => Zip(CompressionLevel.Optimal, entries);

    public static MemoryStream Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(content);
            }
        }

        ms.Position = 0;
        return ms;
    }

    /// <summary>One entry of <paramref name="zeroBytes"/> zeros, streamed in so the test never holds them in memory.</summary>
    public static MemoryStream ZerosBomb(string name, long zeroBytes, CompressionLevel level = CompressionLevel.SmallestSize)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry(name, level).Open();
            var chunk = new byte[1024 * 1024];
            for (long written = 0; written < zeroBytes; written += chunk.Length)
            {
                s.Write(chunk, 0, (int)Math.Min(chunk.Length, zeroBytes - written));
            }
        }

        ms.Position = 0;
        return ms;
    }

    /// <summary>
    /// Rewrites the uncompressed size the local header and the central directory declare for every entry: a "lying
    /// header". The deflate data is unchanged.
    /// </summary>
    public static MemoryStream WithDeclaredSize(MemoryStream zip, uint declaredUncompressedSize)
    {
        var bytes = zip.ToArray();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && i + 26 <= bytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declaredUncompressedSize);
            }
            else if (signature == 0x02014b50 && i + 28 <= bytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declaredUncompressedSize);
            }
        }

        return new MemoryStream(bytes);
    }
}
