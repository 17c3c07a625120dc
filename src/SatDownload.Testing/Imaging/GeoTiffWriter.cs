using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SatDownload.Testing;

/// <summary>
/// Writes small uncompressed, georeferenced GeoTIFFs (baseline TIFF, little-endian, pixel-interleaved strips) so that
/// emulated imagery opens in GDAL and QGIS: <c>ModelPixelScaleTag</c> (33550), <c>ModelTiepointTag</c> (33922) and a
/// <c>GeoKeyDirectoryTag</c> (34735) with <c>GTModelType</c>, <c>GTRasterType</c> (PixelIsArea) and either
/// <c>GeographicType</c> 4326 or <c>ProjectedCSType</c> 326xx/327xx (WGS 84 / UTM).
/// </summary>
/// <example>
/// <code>
/// var tiff = new GeoTiffWriter
/// {
///     Width = 64, Height = 64, BandCount = 3, SampleType = GeoTiffSampleType.UInt16,
///     Extent = new GeoTiffExtent(500000, 4_640_000, 500640, 4_640_640), EpsgCode = 32633,
/// }.ToArray((x, y, band) => (x + y) * (band + 1));
/// emulator.Blobs.Put("capella/scene.tif", tiff, GeoTiffWriter.ContentType);
/// </code>
/// </example>
public sealed class GeoTiffWriter
{
    /// <summary>The media type of a GeoTIFF.</summary>
    public const string ContentType = "image/tiff; application=geotiff";

    /// <summary>EPSG:4326, WGS 84 longitude/latitude.</summary>
    public const int Wgs84EpsgCode = 4326;

    private const ushort TypeAscii = 2;
    private const ushort TypeShort = 3;
    private const ushort TypeLong = 4;
    private const ushort TypeDouble = 12;

    /// <summary>Pixels per row; 1 to 65 535.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Rows; 1 to 65 535.</summary>
    public int Height { get; init; } = 64;

    /// <summary>Bands (samples per pixel); 1 to 16.</summary>
    public int BandCount { get; init; } = 1;

    /// <summary>The pixel type of every band.</summary>
    public GeoTiffSampleType SampleType { get; init; } = GeoTiffSampleType.Byte;

    /// <summary>The raster's edges in the CRS of <see cref="EpsgCode"/>; a 1°×1° box at 0°E 0°N by default.</summary>
    public GeoTiffExtent Extent { get; init; } = new(0, 0, 1, 1);

    /// <summary>4326 (geographic) or a WGS 84 / UTM code: 32601–32660 (north) or 32701–32760 (south).</summary>
    public int EpsgCode { get; init; } = Wgs84EpsgCode;

    /// <summary>An optional no-data value, written as the <c>GDAL_NODATA</c> tag (42113).</summary>
    public double? NoData { get; init; }

    /// <summary>
    /// An optional free-text description, written as the TIFF <c>ImageDescription</c> tag (270); GDAL shows it as
    /// <c>TIFFTAG_IMAGEDESCRIPTION</c>. Emulators use it for notices that travel inside the file, such as a source
    /// attribution. Written NUL-terminated in UTF-8 (plain ASCII text stays ASCII); must not contain NUL.
    /// </summary>
    public string? ImageDescription { get; init; }

    /// <summary>Rows per strip; 0 (the default) picks strips of about 8 KiB.</summary>
    public int RowsPerStrip { get; init; }

    /// <summary>
    /// Writes the image with a deterministic test pattern (diagonal gradients, a different phase per band), for when
    /// any plausible imagery will do.
    /// </summary>
    /// <returns>The GeoTIFF bytes.</returns>
    public byte[] ToArray() => ToArray(TestPattern);

    /// <summary>Writes the image, asking <paramref name="pixel"/> for each value (converted to the sample type, integers clamped).</summary>
    /// <param name="pixel">Gets (column, row, band) and returns the value; row 0 is the north edge.</param>
    /// <returns>The GeoTIFF bytes.</returns>
    public byte[] ToArray(Func<int, int, int, double> pixel)
    {
        using var stream = new MemoryStream();
        Write(stream, pixel);
        return stream.ToArray();
    }

    /// <summary>Writes the image to <paramref name="destination"/> (which need not be seekable).</summary>
    /// <param name="destination">The stream written to.</param>
    /// <param name="pixel">Gets (column, row, band) and returns the value; row 0 is the north edge.</param>
    public void Write(Stream destination, Func<int, int, int, double> pixel)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(pixel);
        Validate();

        var bytesPerSample = SampleType switch
        {
            GeoTiffSampleType.Byte => 1,
            GeoTiffSampleType.UInt16 => 2,
            _ => 4,
        };
        var rowBytes = (long)Width * BandCount * bytesPerSample;
        var rowsPerStrip = RowsPerStrip > 0 ? Math.Min(RowsPerStrip, Height) : (int)Math.Clamp(8192 / rowBytes, 1, Height);
        var stripCount = (Height + rowsPerStrip - 1) / rowsPerStrip;
        var imageBytes = rowBytes * Height;
        const long imageOffset = 8;
        var ifdOffset = imageOffset + imageBytes + (imageBytes % 2);

        var entries = BuildEntries(bytesPerSample, rowBytes, rowsPerStrip, stripCount, imageOffset);

        // IFD: count, 12-byte entries, next-IFD offset; values that do not fit in 4 bytes follow it.
        var ifdSize = 2 + (entries.Count * 12) + 4;
        var extra = new MemoryStream();
        var ifd = new byte[ifdSize];
        BinaryPrimitives.WriteUInt16LittleEndian(ifd, (ushort)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (tag, type, count, value) = entries[i];
            var slot = ifd.AsSpan(2 + (i * 12), 12);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], (uint)count);
            if (value.Length <= 4)
            {
                value.CopyTo(slot[8..]);
            }
            else
            {
                if (extra.Length % 2 == 1)
                {
                    extra.WriteByte(0);
                }

                BinaryPrimitives.WriteUInt32LittleEndian(slot[8..], (uint)(ifdOffset + ifdSize + extra.Length));
                extra.Write(value);
            }
        }

        Span<byte> header = stackalloc byte[8];
        header[0] = (byte)'I';
        header[1] = (byte)'I';
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)ifdOffset);
        destination.Write(header);
        WritePixels(destination, pixel, bytesPerSample, rowBytes);
        if (imageBytes % 2 == 1)
        {
            destination.WriteByte(0);
        }

        destination.Write(ifd);
        extra.Position = 0;
        extra.CopyTo(destination);
    }

    private double TestPattern(int x, int y, int band)
    {
        var t = ((double)x / Width) + ((double)y / Height) + (band * 0.37);
        var wave = 0.5 + (0.5 * Math.Sin(t * Math.PI * 2));
        return SampleType switch
        {
            GeoTiffSampleType.Byte => wave * 255,
            GeoTiffSampleType.UInt16 => wave * 10_000,
            _ => (wave * 2) - 1,
        };
    }

    private static byte[] Shorts(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    private static byte[] Longs(IEnumerable<long> values)
    {
        var list = values.ToArray();
        var bytes = new byte[list.Length * 4];
        for (var i = 0; i < list.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), (uint)list[i]);
        }

        return bytes;
    }

    private static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    private static bool IsUtm(int epsg) => epsg is (>= 32601 and <= 32660) or (>= 32701 and <= 32760);

    private void Validate()
    {
        if (ImageDescription is { } description && description.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("ImageDescription must not contain NUL characters (TIFF ASCII values are NUL-terminated).", nameof(ImageDescription));
        }

        if (Width is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), Width, "Width must be between 1 and 65535 pixels.");
        }

        if (Height is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Height), Height, "Height must be between 1 and 65535 pixels.");
        }

        if (BandCount is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(BandCount), BandCount, "BandCount must be between 1 and 16.");
        }

        if (EpsgCode != Wgs84EpsgCode && !IsUtm(EpsgCode))
        {
            throw new ArgumentOutOfRangeException(nameof(EpsgCode), EpsgCode, "EpsgCode must be 4326 or a WGS 84 / UTM code (32601-32660, 32701-32760).");
        }

        if (!(Extent.MaxX > Extent.MinX) || !(Extent.MaxY > Extent.MinY) || !double.IsFinite(Extent.MinX + Extent.MaxX + Extent.MinY + Extent.MaxY))
        {
            throw new ArgumentException($"Extent {Extent} is empty or not finite: MaxX must exceed MinX and MaxY must exceed MinY.", nameof(Extent));
        }

        if ((long)Width * Height * BandCount * 4 > 256L * 1024 * 1024)
        {
            throw new ArgumentException("GeoTiffWriter is for small test images (at most 256 MiB of pixels).", nameof(Width));
        }
    }

    private List<(ushort Tag, ushort Type, long Count, byte[] Value)> BuildEntries(int bytesPerSample, long rowBytes, int rowsPerStrip, int stripCount, long imageOffset)
    {
        var bits = (ushort)(bytesPerSample * 8);
        var sampleFormat = (ushort)(SampleType == GeoTiffSampleType.Float32 ? 3 : 1);
        var rgb = BandCount == 3 && SampleType == GeoTiffSampleType.Byte;
        var offsets = Enumerable.Range(0, stripCount).Select(s => imageOffset + (s * rowsPerStrip * rowBytes));
        var counts = Enumerable.Range(0, stripCount).Select(s => Math.Min(rowsPerStrip, Height - (s * rowsPerStrip)) * rowBytes);

        var entries = new List<(ushort, ushort, long, byte[])>
        {
            (256, TypeLong, 1, Longs([Width])),
            (257, TypeLong, 1, Longs([Height])),
            (258, TypeShort, BandCount, Shorts(Enumerable.Repeat(bits, BandCount).ToArray())),
            (259, TypeShort, 1, Shorts(1)), // no compression
            (262, TypeShort, 1, Shorts(rgb ? (ushort)2 : (ushort)1)), // RGB or BlackIsZero
            (273, TypeLong, stripCount, Longs(offsets)),
            (277, TypeShort, 1, Shorts((ushort)BandCount)),
            (278, TypeLong, 1, Longs([rowsPerStrip])),
            (279, TypeLong, stripCount, Longs(counts)),
            (284, TypeShort, 1, Shorts(1)), // chunky (pixel-interleaved)
        };

        if (ImageDescription is { } description)
        {
            // Tags must be in ascending order: 270 sits between PhotometricInterpretation (262) and StripOffsets (273).
            var text = Encoding.UTF8.GetBytes(description + "\0");
            entries.Insert(entries.FindIndex(e => e.Item1 > 270), (270, TypeAscii, text.Length, text));
        }

        var extraSamples = rgb ? BandCount - 3 : BandCount - 1;
        if (extraSamples > 0)
        {
            entries.Add((338, TypeShort, extraSamples, Shorts(new ushort[extraSamples]))); // unspecified extra bands
        }

        entries.Add((339, TypeShort, BandCount, Shorts(Enumerable.Repeat(sampleFormat, BandCount).ToArray())));

        var scaleX = (Extent.MaxX - Extent.MinX) / Width;
        var scaleY = (Extent.MaxY - Extent.MinY) / Height;
        entries.Add((33550, TypeDouble, 3, Doubles(scaleX, scaleY, 0)));
        entries.Add((33922, TypeDouble, 6, Doubles(0, 0, 0, Extent.MinX, Extent.MaxY, 0)));

        var geographic = EpsgCode == Wgs84EpsgCode;
        var keys = geographic
            ? new ushort[]
            {
                1, 1, 0, 4,
                1024, 0, 1, 2,     // GTModelType = Geographic
                1025, 0, 1, 1,     // GTRasterType = PixelIsArea
                2048, 0, 1, 4326,  // GeographicType = WGS 84
                2054, 0, 1, 9102,  // GeogAngularUnits = degree
            }
            : new ushort[]
            {
                1, 1, 0, 4,
                1024, 0, 1, 1,                 // GTModelType = Projected
                1025, 0, 1, 1,                 // GTRasterType = PixelIsArea
                3072, 0, 1, (ushort)EpsgCode,  // ProjectedCSType = WGS 84 / UTM
                3076, 0, 1, 9001,              // ProjLinearUnits = metre
            };
        entries.Add((34735, TypeShort, keys.Length, Shorts(keys)));

        if (NoData is { } noData)
        {
            var text = Encoding.ASCII.GetBytes(noData.ToString("R", CultureInfo.InvariantCulture) + "\0");
            entries.Add((42113, TypeAscii, text.Length, text));
        }

        return entries;
    }

    private void WritePixels(Stream destination, Func<int, int, int, double> pixel, int bytesPerSample, long rowBytes)
    {
        var row = new byte[rowBytes];
        for (var y = 0; y < Height; y++)
        {
            var position = 0;
            for (var x = 0; x < Width; x++)
            {
                for (var band = 0; band < BandCount; band++)
                {
                    var value = pixel(x, y, band);
                    switch (SampleType)
                    {
                        case GeoTiffSampleType.Byte:
                            row[position] = (byte)Math.Clamp(Math.Round(value), 0, 255);
                            break;
                        case GeoTiffSampleType.UInt16:
                            BinaryPrimitives.WriteUInt16LittleEndian(row.AsSpan(position), (ushort)Math.Clamp(Math.Round(value), 0, 65535));
                            break;
                        default:
                            BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan(position), (float)value);
                            break;
                    }

                    position += bytesPerSample;
                }
            }

            destination.Write(row);
        }
    }
}
