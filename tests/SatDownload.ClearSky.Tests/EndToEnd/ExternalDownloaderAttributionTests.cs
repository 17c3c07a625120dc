using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.ClearSky.Tests.Unified;
using SatDownload.Testing.ClearSky;

namespace SatDownload.ClearSky.Tests.EndToEnd;

/// <summary>
/// The attribution header reaches <see cref="ClearSkyClient"/> through the asset's <see cref="DownloadLocation.OnResponse"/>,
/// so it is kept even when the file is fetched by a downloader outside this client's HTTP pipeline.
/// </summary>
public sealed class ExternalDownloaderAttributionTests
{
    [Fact]
    public async Task A_downloader_over_a_plain_HttpClient_still_passes_the_header_notice_on()
    {
        // No source word: the GeoTIFF tag carrying the same text does not count, so only the header can give it.
        const string notice = "Notice sent by ClearSKY in the response header";
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { Attribution = notice });
        using var http = new HttpClient();
        var client = new ClearSkyClient(http, ctx.Options(), new AssetDownloader(http));

        var result = await client.DownloadTileAsync(UnifiedTestSupport.Tile().Request, ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.True(result.AttributionFromProvider);
        Assert.Equal(notice, result.Attribution);
        Assert.Equal(notice, (await File.ReadAllTextAsync(result.AttributionFilePath!)).Trim());
        Assert.Equal(Assert.Single(ctx.ClearSky.Deliveries).Sha256, TestFiles.Sha256Of(result.FilePath!));
    }
}
