using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using SatDownload.ClearSky.Tests.EndToEnd;
using SatDownload.ClearSky.Tests.TestSupport;

namespace SatDownload.ClearSky.Tests.Emulator;

/// <summary>The emulated composites are real GeoTIFFs that carry the attribution notice in their ImageDescription tag.</summary>
public sealed class ClearSkyEmulatorGeoTiffTests
{
    [Fact]
    public async Task Composite_carries_the_attribution_in_the_ImageDescription_tag_and_opens_in_gdal()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var result = await ctx.Client().DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());
        var bytes = await File.ReadAllBytesAsync(result.FilePath!);

        Assert.Equal(ctx.ClearSky.Options.Attribution, ReadAsciiTag(bytes, 270));

        // GDAL (when installed) reads the tag and the georeferencing: the founding document's EPSG:32632.
        var gdal = await RunGdalInfoAsync(result.FilePath!);
        if (gdal is not null)
        {
            Assert.Contains("TIFFTAG_IMAGEDESCRIPTION=" + ctx.ClearSky.Options.Attribution, gdal, StringComparison.Ordinal);
            Assert.Contains("32632", gdal, StringComparison.Ordinal);
            Assert.Contains("Band 4", gdal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_an_attribution_the_tag_is_left_out()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new SatDownload.Testing.ClearSky.ClearSkyEmulatorOptions { Attribution = null });
        var result = await ctx.Client().DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Null(ReadAsciiTag(await File.ReadAllBytesAsync(result.FilePath!), 270));
        Assert.False(result.AttributionFromProvider);
    }

    [Fact]
    public async Task Without_the_header_the_client_takes_the_attribution_from_the_GeoTIFF_tag()
    {
        var options = new SatDownload.Testing.ClearSky.ClearSkyEmulatorOptions { SendAttributionHeader = false, Attribution = "Contains modified Copernicus Sentinel data 2024 (from the file)" };
        await using var ctx = await ClearSkyTestContext.StartAsync(options);

        var result = await ctx.Client().DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.True(result.AttributionFromProvider);
        Assert.Equal(options.Attribution, result.Attribution);
        Assert.Equal(options.Attribution, (await File.ReadAllTextAsync(result.AttributionFilePath!)).Trim());
    }

    [Fact]
    public async Task A_description_that_names_no_source_is_not_taken_for_an_attribution()
    {
        var path = Path.Combine(Path.GetTempPath(), "clearsky-desc-" + Guid.NewGuid().ToString("N") + ".tif");
        await File.WriteAllBytesAsync(path, new SatDownload.Testing.GeoTiffWriter { ImageDescription = "made by some tool" }.ToArray());
        try
        {
            Assert.Null(await ClearSkyAttribution.FromGeoTiffAsync(path));
            await File.WriteAllBytesAsync(path, new SatDownload.Testing.GeoTiffWriter { ImageDescription = "© Landsat / USGS" }.ToArray());
            Assert.Equal("© Landsat / USGS", await ClearSkyAttribution.FromGeoTiffAsync(path));
            await File.WriteAllBytesAsync(path, "not a tiff at all"u8.ToArray());
            Assert.Null(await ClearSkyAttribution.FromGeoTiffAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Prerender_yields_the_bytes_the_route_delivers_without_charging()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var asset = client.CreateCompositeAsset(CompositeSequenceTests.MinimalRequest());
        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);
        var balance = ctx.ClearSky.Options.Balance;

        var blob = ctx.ClearSky.Prerender("composite", location.Body!.Value.Span);

        Assert.Equal(SatDownload.Testing.ClearSky.ClearSkyEmulator.OutputBlobName("composite", location.Body.Value.Span), blob.Name);
        Assert.Equal(balance, ctx.ClearSky.Options.Balance);
        Assert.Empty(ctx.ClearSky.Deliveries);
        Assert.Empty(ctx.Emulator.Requests);
        var result = await client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());
        Assert.Equal(blob.Sha256Hex, result.Sha256);
        Assert.Equal(blob.Sha256Hex, Assert.Single(ctx.ClearSky.Deliveries).Sha256);
        Assert.Throws<ArgumentException>(() => ctx.ClearSky.Prerender("composite", "{\"Date\":\"2024-05-03\"}"u8));
    }

    /// <summary>Reads an ASCII tag of the first IFD of a little-endian classic TIFF; null when absent.</summary>
    private static string? ReadAsciiTag(byte[] tiff, ushort tag)
    {
        Assert.Equal("II*\0"u8.ToArray(), tiff[..4]);
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(ifd));
        ushort previous = 0;
        string? found = null;
        for (var i = 0; i < count; i++)
        {
            var entry = tiff.AsSpan(ifd + 2 + (i * 12), 12);
            var id = BinaryPrimitives.ReadUInt16LittleEndian(entry);
            Assert.True(id > previous, $"tag {id} after {previous}: TIFF tags must be in ascending order");
            previous = id;
            if (id != tag)
            {
                continue;
            }

            Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(entry[2..])); // ASCII
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            var offset = length <= 4 ? ifd + 2 + (i * 12) + 8 : (int)BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            Assert.Equal(0, tiff[offset + length - 1]);
            found = Encoding.UTF8.GetString(tiff, offset, length - 1);
        }

        return found;
    }

    private static async Task<string?> RunGdalInfoAsync(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("gdalinfo", [path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "gdalinfo failed: " + await process.StandardError.ReadToEndAsync());
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // GDAL is not installed here; the tag itself was checked above.
        }
    }
}
