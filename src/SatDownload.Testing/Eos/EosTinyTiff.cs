using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SatDownload.Testing.Eos;

/// <summary>
/// A small uncompressed 8-bit TIFF (one sample per band, chunky) with GeoTIFF tie point and pixel scale in EPSG:4326,
/// deterministic per seed, for emulated EOS results.
/// </summary>
internal static class EosTinyTiff
{
    public static byte[] Create(string seed, int size, int bands, double west, double north, double pixelDegrees)
    {
        var pixels = new byte[size * size * bands];
        var block = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(block[i % block.Length] ^ (i * 31));
        }

        // Layout: header (8) | pixels | bits-per-sample array | doubles | geokeys | IFD.
        var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)>();
        using var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write("II"u8);
        w.Write((ushort)42);
        w.Write(0u);
        var pixelOffset = (uint)ms.Position;
        w.Write(pixels);
        var bpsOffset = (uint)ms.Position;
        for (var b = 0; b < bands; b++)
        {
            w.Write((ushort)8);
        }

        Align(w);
        var scaleOffset = (uint)ms.Position;
        w.Write(pixelDegrees);
        w.Write(pixelDegrees);
        w.Write(0.0);
        var tieOffset = (uint)ms.Position;
        w.Write(0.0);
        w.Write(0.0);
        w.Write(0.0);
        w.Write(west);
        w.Write(north);
        w.Write(0.0);
        var keysOffset = (uint)ms.Position;
        ushort[] keys = [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326];
        foreach (var k in keys)
        {
            w.Write(k);
        }

        Align(w);
        var ifdOffset = (uint)ms.Position;
        entries.Add((256, 3, 1, (uint)size));
        entries.Add((257, 3, 1, (uint)size));
        entries.Add((258, 3, (uint)bands, bands == 1 ? 8u : bands == 2 ? 8u | (8u << 16) : bpsOffset));
        entries.Add((259, 3, 1, 1));
        entries.Add((262, 3, 1, bands >= 3 ? 2u : 1u));
        entries.Add((273, 4, 1, pixelOffset));
        entries.Add((277, 3, 1, (uint)bands));
        entries.Add((278, 3, 1, (uint)size));
        entries.Add((279, 4, 1, (uint)pixels.Length));
        entries.Add((284, 3, 1, 1));
        if (bands > 3)
        {
            entries.Add((338, 3, 1, 0));
        }

        entries.Add((33550, 12, 3, scaleOffset));
        entries.Add((33922, 12, 6, tieOffset));
        entries.Add((34735, 3, (uint)keys.Length, keysOffset));
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        w.Write((ushort)entries.Count);
        foreach (var (tag, type, count, value) in entries)
        {
            w.Write(tag);
            w.Write(type);
            w.Write(count);
            w.Write(value);
        }

        w.Write(0u);
        w.Flush();
        var bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), ifdOffset);
        return bytes;
    }

    private static void Align(BinaryWriter w)
    {
        while (w.BaseStream.Position % 4 != 0)
        {
            w.Write((byte)0);
        }
    }
}
