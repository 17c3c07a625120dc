using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.EndToEnd;

/// <summary>Dropped connections and expired signed URLs while fetching results.</summary>
public sealed class DownloadFaultTests
{
    private static EosLoadByExtentRequest Request() =>
        new() { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04", "B11"], Aoi = EosHarness.Square() };

    [Fact]
    public async Task A_connection_dropped_mid_file_is_resumed_and_the_bytes_are_exact()
    {
        await using var h = await EosHarness.StartAsync(o => o.RasterSize = 96);
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04", "B08"], Aoi = EosHarness.Square() });
        h.AutoAdvance();
        await task.WaitForCompletionAsync();
        Assert.True(h.Eos.GetResultBytes(task.Id).Length > 8192);
        var rule = h.Emulator.Faults.OnPrefix("/signed/").AbortAfterBytes(4096, times: 1);

        var result = Assert.Single(await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory));
        Assert.True(result.Succeeded, result.Download.Exception?.ToString());
        Assert.Equal(1, rule.Applied);
        Assert.Contains(h.Emulator.Requests.ForProvider("blobs"), r => r.Aborted);
        Assert.True(h.Emulator.Requests.ForProvider("blobs").Count(r => r.StatusCode is 200 or 206) >= 2);
        Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(task.Id)), EosHarness.Sha256File(result.FilePath!));
    }

    [Fact]
    public async Task A_dropped_inline_download_is_fetched_again_from_the_status_call()
    {
        await using var h = await EosHarness.StartAsync(o =>
        {
            o.CompletionMode = EosCompletionMode.InlineBinary;
            o.RasterSize = 96;
        });
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04", "B08"], Aoi = EosHarness.Square() });
        h.AutoAdvance();
        await task.WaitForCompletionAsync();
        Assert.Equal(EosResultDelivery.InlineBinary, task.ResultDelivery);
        Assert.True(h.Eos.GetResultBytes(task.Id).Length > 4096);
        var rule = h.Emulator.Faults.OnPrefix("/eos/api/gdw/api/").AbortAfterBytes(1024, times: 1);

        var result = Assert.Single(await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory));
        Assert.True(result.Succeeded, result.Download.Exception?.ToString());
        Assert.Equal(1, rule.Applied);
        Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(task.Id)), EosHarness.Sha256File(result.FilePath!));
        Assert.Equal(0, h.Eos.RateLimitedCount);
    }

    [Theory]
    [InlineData(EosCompletionMode.JsonResultArray)]
    [InlineData(EosCompletionMode.JsonResultUrl)]
    [InlineData(EosCompletionMode.Redirect)]
    public async Task An_expired_signed_url_is_replaced_by_polling_the_task_again(EosCompletionMode mode)
    {
        await using var h = await EosHarness.StartAsync(o =>
        {
            o.CompletionMode = mode;
            o.ResultUrlLifetime = TimeSpan.FromMinutes(1);
        });
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        h.AutoAdvance();
        await task.WaitForCompletionAsync();
        var polls = h.EosRequests().Count(r => r.Method == "GET");

        // The URL seen at completion has expired by the time the download starts.
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var result = Assert.Single(await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory));
        Assert.True(result.Succeeded, result.Download.Exception?.ToString());
        Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(task.Id)), EosHarness.Sha256File(result.FilePath!));
        var blobs = h.Emulator.Requests.ForProvider("blobs");
        Assert.Equal(403, blobs[0].StatusCode);
        Assert.Contains(blobs[^1].StatusCode, new[] { 200, 206 });
        Assert.Equal(polls + 1, h.EosRequests().Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_zip_bomb_result_is_refused_and_nothing_extracted_is_left()
    {
        await using var h = await EosHarness.StartAsync(o => o.RasterSize = 64);
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        h.AutoAdvance();
        await task.WaitForCompletionAsync();
        var results = await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory, new SatDownload.Eos.Assets.EosDownloadOptions
        {
            ExtractArchives = true,
            ExtractionLimits = new SatDownload.Archives.ArchiveExtractionLimits { MaxEntryBytes = 1000 },
        });
        var result = Assert.Single(results);
        Assert.True(result.Download.Succeeded);
        Assert.False(result.Succeeded);
        Assert.IsType<SatDownload.Archives.UnsafeArchiveException>(result.Exception);
        Assert.Empty(result.ExtractedFiles);
        var folder = Path.Combine(Path.GetDirectoryName(result.FilePath)!, Path.GetFileNameWithoutExtension(result.FilePath!));
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : []);
        Assert.True(File.Exists(result.FilePath));
    }
}
