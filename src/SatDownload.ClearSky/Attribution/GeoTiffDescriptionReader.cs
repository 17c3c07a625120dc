using System.Buffers.Binary;
using System.Text;

namespace SatDownload.ClearSky;

/// <summary>
/// Reads the <c>ImageDescription</c> tag (270) of a downloaded GeoTIFF's first image, one of the places ClearSKY may put
/// the source-attribution notice. Classic TIFF only, either byte order; anything else (BigTIFF, a damaged file, an
/// oversized value) gives null rather than an error, because the notice has fallbacks.
/// </summary>
internal static class GeoTiffDescriptionReader
{
    private const ushort ImageDescriptionTag = 270;
    private const ushort AsciiType = 2;
    private const int MaxDescriptionBytes = 64 * 1024;
    private const int MaxEntries = 4096;

    public static async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var header = new byte[8];
            if (!await ReadExactAsync(stream, 0, header, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            bool little;
            if (header[0] == (byte)'I' && header[1] == (byte)'I')
            {
                little = true;
            }
            else if (header[0] == (byte)'M' && header[1] == (byte)'M')
            {
                little = false;
            }
            else
            {
                return null;
            }

            if (U16(header.AsSpan(2), little) != 42)
            {
                return null; // BigTIFF (43) or not a TIFF.
            }

            long ifd = U32(header.AsSpan(4), little);
            var countBytes = new byte[2];
            if (!await ReadExactAsync(stream, ifd, countBytes, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var count = U16(countBytes, little);
            if (count is 0 or > MaxEntries)
            {
                return null;
            }

            var entries = new byte[count * 12];
            if (!await ReadExactAsync(stream, ifd + 2, entries, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            for (var i = 0; i < count; i++)
            {
                var entry = entries.AsSpan(i * 12, 12);
                if (U16(entry, little) != ImageDescriptionTag)
                {
                    continue;
                }

                var length = U32(entry[4..], little);
                if (U16(entry[2..], little) != AsciiType || length is 0 or > MaxDescriptionBytes)
                {
                    return null;
                }

                var value = new byte[length];
                if (length <= 4)
                {
                    entry.Slice(8, (int)length).CopyTo(value);
                }
                else if (!await ReadExactAsync(stream, U32(entry[8..], little), value, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var text = Encoding.UTF8.GetString(value).TrimEnd('\0').Trim();
                return text.Length == 0 ? null : text;
            }

            return null;
        }
    }

    private static async Task<bool> ReadExactAsync(FileStream stream, long offset, byte[] buffer, CancellationToken cancellationToken)
    {
        if (offset < 0 || offset + buffer.Length > stream.Length)
        {
            return false;
        }

        stream.Position = offset;
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static ushort U16(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint U32(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
