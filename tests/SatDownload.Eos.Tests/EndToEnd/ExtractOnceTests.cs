using SatDownload.Eos.Assets;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.EndToEnd;

/// <summary><see cref="EosClient.DownloadResultsAsync"/> and the unified provider share one finisher: a zip is extracted once.</summary>
public sealed class ExtractOnceTests
{
    [Fact]
    public async Task Downloading_the_same_results_again_reports_the_extracted_files_without_extracting_twice()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04", "B11"], Aoi = EosHarness.Square() });
        h.AutoAdvance();
        await task.WaitForCompletionAsync();
        var options = new EosDownloadOptions { ExtractArchives = true };

        var first = Assert.Single(await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory, options));
        Assert.True(first.Succeeded, first.Exception?.ToString());
        Assert.Equal(EosResultType.Zip, first.ActualType);
        Assert.Equal(2, first.ExtractedFiles.Count);
        Assert.True(File.Exists(first.FilePath + EosResultFinisher.RecordSuffix));
        var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        foreach (var file in first.ExtractedFiles)
        {
            File.SetLastWriteTimeUtc(file.Path, stamp);
        }

        var second = Assert.Single(await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory, options));

        Assert.True(second.Succeeded, second.Exception?.ToString());
        Assert.True(second.Download.Skipped);
        Assert.Equal(first.ExtractedFiles, second.ExtractedFiles);
        Assert.All(second.ExtractedFiles, f => Assert.Equal(stamp, File.GetLastWriteTimeUtc(f.Path)));

        // Deleting the zip after extraction leaves no record behind.
        var third = Assert.Single(await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory, options with { DeleteArchiveAfterExtraction = true }));
        Assert.True(third.Succeeded, third.Exception?.ToString());
        Assert.False(File.Exists(third.FilePath));
        Assert.False(File.Exists(third.FilePath + EosResultFinisher.RecordSuffix));
        Assert.All(third.ExtractedFiles, f => Assert.True(File.Exists(f.Path)));
    }
}
