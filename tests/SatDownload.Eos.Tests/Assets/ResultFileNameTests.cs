using SatDownload.Eos.Assets;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.Assets;

/// <summary>The predicted type names the file before the first byte; the real bytes win when they disagree.</summary>
public sealed class ResultFileNameTests
{
    private static readonly EosLoadByExtentTaskInfo ZipInfo = new() { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04", "B11"], Reference = "my ref/1" };

    [Fact]
    public async Task A_url_without_extension_is_named_from_the_prediction()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var task = client.GetLoadByExtentTask("t-1", ZipInfo);
        task.ApplyCallback("""{"status":"success","task_id":"t-1","result_url":"https://storage.example/results/abc?sig=1"}""");
        var asset = Assert.Single(await task.GetAssetsAsync().ToListAsync());
        Assert.Equal("my_ref_1.zip", asset.SuggestedFileName);
        Assert.Equal("application/zip", asset.MediaType);
        Assert.Equal("Zip", asset.Properties["predicted_type"]);
        Assert.Equal("S2/13/R/EL/2023/7/19/0", asset.Properties["view_id"]);
        Assert.DoesNotContain("sig=1", asset.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_file_is_not_what_the_rule_predicted_its_extension_is_corrected()
    {
        await using var h = await EosHarness.StartAsync();
        var tiff = new Testing.GeoTiffWriter { Width = 8, Height = 8 }.ToArray();
        h.Emulator.Blobs.Put("eos/odd/result", tiff, "application/octet-stream");
        var client = h.CreateClient();
        var task = client.GetLoadByExtentTask("t-2", ZipInfo);
        task.ApplyCallback($$"""{"status":"success","task_id":"t-2","result":[{"url":"{{h.Emulator.Blobs.GetUrl("eos/odd/result")}}"}]}""");

        var result = Assert.Single(await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory, new EosDownloadOptions { ExtractArchives = true }));
        Assert.True(result.Succeeded);
        Assert.Equal(EosResultType.Zip, result.Predicted!.Value.Type);
        Assert.Equal(EosResultType.Tif, result.ActualType);
        Assert.False(result.MatchesPrediction);
        Assert.EndsWith(".tif", result.FilePath, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.ChangeExtension(result.FilePath!, ".zip")));
        Assert.Equal(EosHarness.Sha256(tiff), EosHarness.Sha256File(result.FilePath!));
        Assert.Empty(result.ExtractedFiles);
    }
}
