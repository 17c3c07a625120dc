using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.ClearSky.Unified;
using SatDownload.Testing.ClearSky;
using static SatDownload.ClearSky.Tests.Unified.UnifiedTestSupport;

namespace SatDownload.ClearSky.Tests.Unified;

/// <summary>
/// Through <see cref="SatDownloadClient"/>, <see cref="ClearSkyImageryProvider.ProcessDownloadedFileAsync"/> settles the
/// attribution notice as <see cref="ClearSkyClient"/> does (response header, GeoTIFF tag, derived) and writes it next to
/// the file.
/// </summary>
public sealed class ClearSkyUnifiedAttributionTests
{
    [Fact]
    public async Task The_notice_of_the_response_header_is_reported_written_next_to_the_file_and_catalogued()
    {
        // No source word in it, so the GeoTIFF tag (which carries the same text) does not count: only the header can give it.
        const string notice = "Notice sent by ClearSKY in the response header";
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { Attribution = notice });

        var result = await SatClient(ctx).DownloadAsync(Composite(), ctx.Directory);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        var download = Assert.Single(result.Downloads);
        Assert.Equal(notice, download.Attribution);
        Assert.Equal(download.FilePath + ".attribution.txt", download.AttributionFilePath);
        Assert.Equal(notice + Environment.NewLine, await File.ReadAllTextAsync(download.AttributionFilePath!));
        Assert.Equal(Assert.Single(ctx.ClearSky.Deliveries).Sha256, TestFiles.Sha256Of(download.FilePath!));

        var (item, itemDirectory) = ReadItem(result.ManifestPath!);
        using (item)
        {
            Assert.Equal(notice, item.RootElement.GetProperty("properties").GetProperty("satdownload:attribution").GetString());
            var asset = item.RootElement.GetProperty("assets").GetProperty("composite-attribution");
            Assert.Equal(download.AttributionFilePath, Path.GetFullPath(Path.Combine(itemDirectory, asset.GetProperty("href").GetString()!)));
            Assert.Equal("text/plain", asset.GetProperty("type").GetString());
            Assert.Equal("1220" + TestFiles.Sha256Of(download.AttributionFilePath!), asset.GetProperty("file:checksum").GetString());
        }

        // A re-run sends nothing: the file is complete, and the notice the first run settled is kept.
        var again = Assert.Single((await SatClient(ctx).DownloadAsync(Composite(), ctx.Directory)).Downloads);

        Assert.True(again.Skipped);
        Assert.Equal(notice, again.Attribution);
        Assert.Equal(notice + Environment.NewLine, await File.ReadAllTextAsync(again.AttributionFilePath!));
        Assert.Equal(1, Posts(ctx, CompositePath));
    }

    [Fact]
    public async Task Without_the_header_the_notice_comes_from_the_GeoTIFF_tag()
    {
        var options = new ClearSkyEmulatorOptions { SendAttributionHeader = false, Attribution = "Contains modified Copernicus Sentinel data 2024 (from the file)" };
        await using var ctx = await ClearSkyTestContext.StartAsync(options);

        var result = await SatClient(ctx).DownloadAsync(Tile(), ctx.Directory);

        var download = Assert.Single(result.Downloads);
        Assert.True(download.Succeeded, download.Exception?.ToString());
        Assert.Equal(options.Attribution, download.Attribution);
        Assert.Equal(options.Attribution, (await File.ReadAllTextAsync(download.AttributionFilePath!)).Trim());
        Assert.Equal(Assert.Single(ctx.ClearSky.Deliveries).Sha256, TestFiles.Sha256Of(download.FilePath!));
    }

    [Fact]
    public async Task Without_a_notice_from_ClearSky_the_derived_one_is_used_and_the_file_can_be_switched_off()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { Attribution = null });
        var options = new SatDownloadClientOptions { DownloadOptions = Fast() };
        options.Providers.Add(new ClearSkyImageryProvider(ctx.Client(), new ClearSkyImageryProviderOptions { WriteAttributionFile = false }));

        var result = await new SatDownloadClient(options).DownloadAsync(MiniTile(), ctx.Directory);

        var download = Assert.Single(result.Downloads);
        Assert.True(download.Succeeded, download.Exception?.ToString());
        Assert.Equal(ClearSkyAttribution.FromConstellations(["Sentinel1", "Sentinel2"], 2024), download.Attribution);
        Assert.Null(download.AttributionFilePath);
        Assert.False(File.Exists(download.FilePath + ClearSkyAttribution.FileSuffix));
        using var item = ReadItem(result.ManifestPath!).Item;
        Assert.False(item.RootElement.GetProperty("assets").TryGetProperty("minitile-attribution", out _));
    }

    [Fact]
    public async Task The_attribution_file_can_be_switched_off_through_configuration()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClearSky:ApiKey"] = "cs-test-key-0123456789",
            ["ClearSky:WriteAttributionFile"] = "false",
        }).Build().GetSection("ClearSky");
        var services = new ServiceCollection();
        services.AddSatDownload().AddClearSky(section);
        await using var provider = services.BuildServiceProvider();

        var clearSky = Assert.IsType<ClearSkyImageryProvider>(Assert.Single(provider.GetServices<ImageryProvider>()));
        Assert.False(clearSky.Options.WriteAttributionFile);
        Assert.True(new ClearSkyImageryProvider(() => throw new InvalidOperationException("not called")).Options.WriteAttributionFile);
    }
}
