namespace SatDownload.Testing.Tests.Imaging;

public sealed class GeoTiffWriterTests
{
    [Fact]
    public void Writes_a_geographic_byte_image_with_geotiff_tags_and_pixel_values()
    {
        var bytes = new GeoTiffWriter
        {
            Width = 40,
            Height = 30,
            Extent = new GeoTiffExtent(10, 45, 12, 46.5),
            NoData = 0,
        }.ToArray((x, y, _) => x + y);

        var tiff = new MiniTiffReader(bytes);

        Assert.Equal(tiff.Tags.Order().ToList(), tiff.Tags); // TIFF requires ascending tags
        Assert.Equal(40, tiff.Width);
        Assert.Equal(30, tiff.Height);
        Assert.Equal(1, tiff.Bands);
        Assert.Equal([8.0], tiff.Values[258]);
        Assert.Equal([1.0], tiff.Values[259]);
        Assert.Equal([0.05, 0.05, 0.0], tiff.Values[33550]);
        Assert.Equal([0.0, 0, 0, 10, 46.5, 0], tiff.Values[33922]);
        Assert.Equal([1.0, 1, 0, 4, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326, 2054, 0, 1, 9102], tiff.Values[34735]);
        Assert.Equal("0", tiff.Ascii[42113]);
        Assert.Equal(0, tiff.Sample(0, 0, 0));
        Assert.Equal(39 + 29, tiff.Sample(39, 29, 0));
        Assert.Equal(17, tiff.Sample(7, 10, 0));
        Assert.Equal(40 * 30, (long)tiff.Values[279].Sum());
    }

    [Fact]
    public void Writes_a_utm_uint16_multiband_image_in_several_strips()
    {
        var bytes = new GeoTiffWriter
        {
            Width = 100,
            Height = 50,
            BandCount = 4,
            SampleType = GeoTiffSampleType.UInt16,
            Extent = new GeoTiffExtent(500_000, 4_640_000, 501_000, 4_640_500),
            EpsgCode = 32633,
            RowsPerStrip = 8,
        }.ToArray((x, y, band) => (x * 100) + y + (band * 10_000));

        var tiff = new MiniTiffReader(bytes);

        Assert.Equal(4, tiff.Bands);
        Assert.Equal(7, tiff.Values[273].Length); // ceil(50 / 8) strips
        Assert.Equal([16.0, 16, 16, 16], tiff.Values[258]);
        Assert.Equal([0.0, 0, 0], tiff.Values[338]); // three unspecified extra samples
        Assert.Equal([10.0, 10, 0], tiff.Values[33550]);
        Assert.Equal(4_640_500, tiff.Values[33922][4]);
        Assert.Equal([1.0, 1, 0, 4, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32633, 3076, 0, 1, 9001], tiff.Values[34735]);
        Assert.Equal((99 * 100) + 49 + 30_000, tiff.Sample(99, 49, 3));
        Assert.Equal((5 * 100) + 17 + 10_000, tiff.Sample(5, 17, 1));
    }

    [Fact]
    public void Writes_float32_samples_exactly()
    {
        var bytes = new GeoTiffWriter { Width = 3, Height = 2, SampleType = GeoTiffSampleType.Float32, EpsgCode = 32733 }
            .ToArray((x, y, _) => -1.5 + x + (y * 0.25));

        var tiff = new MiniTiffReader(bytes);

        Assert.Equal([3.0], tiff.Values[339]);
        Assert.Equal(-1.5f + 2 + 0.25f, (float)tiff.Sample(2, 1, 0));
        Assert.Equal(32733, tiff.Values[34735][15]);
    }

    [Fact]
    public void Three_byte_bands_are_written_as_rgb()
    {
        var tiff = new MiniTiffReader(new GeoTiffWriter { Width = 2, Height = 2, BandCount = 3 }.ToArray((x, _, band) => band * 100 + x));

        Assert.Equal([2.0], tiff.Values[262]);
        Assert.False(tiff.Values.ContainsKey(338));
        Assert.Equal(201, tiff.Sample(1, 0, 2));
    }

    [Fact]
    public void Default_test_pattern_varies_across_the_image_and_bands()
    {
        var writer = new GeoTiffWriter { Width = 16, Height = 16, BandCount = 2, SampleType = GeoTiffSampleType.UInt16 };
        var tiff = new MiniTiffReader(writer.ToArray());

        var values = Enumerable.Range(0, 16).Select(x => tiff.Sample(x, 3, 0)).Distinct().Count();
        Assert.True(values > 8, $"only {values} distinct values");
        Assert.NotEqual(tiff.Sample(5, 5, 0), tiff.Sample(5, 5, 1));
        Assert.All(Enumerable.Range(0, 16).Select(x => tiff.Sample(x, x, 1)), v => Assert.InRange(v, 0, 10_000));
        Assert.Equal(writer.ToArray(), writer.ToArray());
    }

    [Theory]
    [InlineData(3857)]
    [InlineData(32661)]
    public void Rejects_unsupported_crs_with_the_allowed_codes(int epsg)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GeoTiffWriter { EpsgCode = epsg }.ToArray((_, _, _) => 0));
        Assert.Equal("EpsgCode", ex.ParamName);
        Assert.Contains("32601-32660", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_empty_extent()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GeoTiffWriter { Extent = new GeoTiffExtent(1, 1, 1, 2) }.ToArray((_, _, _) => 0));
        Assert.Contains("MaxX must exceed MinX", ex.Message, StringComparison.Ordinal);
    }
}
