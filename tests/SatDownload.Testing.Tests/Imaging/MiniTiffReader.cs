using System.Buffers.Binary;
using System.Text;

namespace SatDownload.Testing.Tests.Imaging;

/// <summary>An independent little-endian TIFF reader, just enough to check what GeoTiffWriter wrote.</summary>
internal sealed class MiniTiffReader
{
    private readonly byte[] _data;

    public MiniTiffReader(byte[] data)
    {
        _data = data;
        Assert.Equal((byte)'I', data[0]);
        Assert.Equal((byte)'I', data[1]);
        Assert.Equal(42, BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2)));
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(ifd));
        for (var i = 0; i < count; i++)
        {
            var entry = data.AsSpan(ifd + 2 + (i * 12), 12);
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(entry);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]);
            var n = (int)BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            var size = type switch { 2 => 1, 3 => 2, 4 => 4, 12 => 8, _ => throw new InvalidOperationException($"type {type}") } * n;
            var valueOffset = size <= 4 ? ifd + 2 + (i * 12) + 8 : (int)BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            Tags.Add(tag);
            Types[tag] = type;
            Values[tag] = Enumerable.Range(0, n).Select(k => type switch
            {
                3 => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(valueOffset + (k * 2))),
                4 => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(valueOffset + (k * 4))),
                12 => BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(valueOffset + (k * 8))),
                _ => (double)data[valueOffset + k],
            }).ToArray();
            if (type == 2)
            {
                Ascii[tag] = Encoding.ASCII.GetString(data, valueOffset, n).TrimEnd('\0');
            }
        }

        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(ifd + 2 + (count * 12))));
    }

    public List<ushort> Tags { get; } = [];

    public Dictionary<ushort, ushort> Types { get; } = [];

    public Dictionary<ushort, double[]> Values { get; } = [];

    public Dictionary<ushort, string> Ascii { get; } = [];

    public int Width => (int)Values[256][0];

    public int Height => (int)Values[257][0];

    public int Bands => (int)Values[277][0];

    /// <summary>Reads one sample through the strip offsets, like a real reader.</summary>
    public double Sample(int x, int y, int band)
    {
        var bytes = (int)Values[258][0] / 8;
        var rowsPerStrip = (int)Values[278][0];
        var strip = y / rowsPerStrip;
        var offset = (long)Values[273][strip] + ((((long)(y % rowsPerStrip) * Width) + x) * Bands + band) * bytes;
        var format = (int)Values[339][0];
        return (bytes, format) switch
        {
            (1, 1) => _data[offset],
            (2, 1) => BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan((int)offset)),
            (4, 3) => BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan((int)offset)),
            _ => throw new InvalidOperationException("unexpected sample layout"),
        };
    }
}
