using System.IO.Compression;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.EndToEnd;

/// <summary>Every completion form the notes allow (inline bytes, JSON URL(s), redirect) with every result type of the rule.</summary>
public sealed class CompletionModeTests
{
    public static TheoryData<EosCompletionMode, string, string[], bool?, string[]?, EosResultType> Cases()
    {
        var data = new TheoryData<EosCompletionMode, string, string[], bool?, string[]?, EosResultType>();
        foreach (var mode in Enum.GetValues<EosCompletionMode>())
        {
            data.Add(mode, "S2/13/R/EL/2023/7/19/0", ["B04"], null, null, EosResultType.Jp2);
            data.Add(mode, "S2/13/R/EL/2023/7/19/0", ["B04", "B08"], true, null, EosResultType.Tif);
            data.Add(mode, "S2/13/R/EL/2023/7/19/0", ["B04", "B11"], true, null, EosResultType.Zip);
            data.Add(mode, "L8/LC80330412023197LGN00", ["B4", "B5"], false, ["MTL.txt"], EosResultType.Zip);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Result_is_downloaded_with_the_predicted_type_and_exact_bytes(
        EosCompletionMode mode, string viewId, string[] bands, bool? merge, string[]? metadata, EosResultType expected)
    {
        await using var h = await EosHarness.StartAsync(o => o.CompletionMode = mode);
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest
        {
            ViewId = viewId,
            Bands = bands,
            Merge = merge,
            Metadata = metadata,
            Aoi = EosHarness.Square(),
        });
        Assert.Equal(expected, task.PredictedResult!.Value.Type);
        Assert.StartsWith("satdownload-", task.Info.Reference, StringComparison.Ordinal);

        h.AutoAdvance();
        await task.WaitForCompletionAsync();
        var expectedDelivery = mode switch
        {
            EosCompletionMode.InlineBinary => EosResultDelivery.InlineBinary,
            EosCompletionMode.Redirect => EosResultDelivery.Redirect,
            _ => EosResultDelivery.ResultUrls,
        };
        Assert.Equal(expectedDelivery, task.ResultDelivery);
        Assert.Equal(expected, task.ObservedResultType);

        var results = await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory, new EosDownloadOptions { ExtractArchives = true });
        var result = Assert.Single(results);
        Assert.True(result.Succeeded, result.Download.Exception?.ToString() ?? result.Exception?.ToString());
        Assert.Equal(expected, result.ActualType);
        Assert.True(result.MatchesPrediction);
        Assert.EndsWith(EosResultTypes.ExtensionOf(expected), result.FilePath, StringComparison.Ordinal);
        var bytes = h.Eos.GetResultBytes(task.Id);
        Assert.Equal(EosHarness.Sha256(bytes), EosHarness.Sha256File(result.FilePath!));

        if (expected == EosResultType.Zip)
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            Assert.Equal(zip.Entries.Count, result.ExtractedFiles.Count);
            foreach (var entry in zip.Entries)
            {
                var file = Assert.Single(result.ExtractedFiles, f => f.EntryName == entry.FullName);
                using var ms = new MemoryStream();
                using (var s = entry.Open())
                {
                    s.CopyTo(ms);
                }

                Assert.Equal(EosHarness.Sha256(ms.ToArray()), EosHarness.Sha256File(file.Path));
                Assert.StartsWith(Path.GetDirectoryName(result.FilePath)!, file.Path, StringComparison.Ordinal);
            }
        }
        else
        {
            Assert.Empty(result.ExtractedFiles);
        }

        // The key goes to EOS only, never to the blob store behind the signed URLs.
        var blobRequests = h.Emulator.Requests.ForProvider("blobs");
        Assert.All(blobRequests, r => Assert.False(r.Headers.ContainsKey("x-api-key")));
        Assert.All(h.EosRequests(), r => Assert.True(r.Headers.ContainsKey("x-api-key")));
        Assert.Equal(mode == EosCompletionMode.InlineBinary ? 0 : 1, blobRequests.Count(r => r.StatusCode is 200 or 206));
    }

    [Fact]
    public async Task Json_results_with_several_urls_become_one_asset_each()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var task = client.GetLoadByExtentTask("71297461-aaa4-4f07-9b9e-9bf581df8f60");
        h.Emulator.Blobs.Put("eos/extra/B04.tif", [0x49, 0x49, 42, 0, 1, 2, 3, 4], "image/tiff");
        h.Emulator.Blobs.Put("eos/extra/B08.tif", [0x49, 0x49, 42, 0, 5, 6, 7, 8], "image/tiff");
        var payload = $$"""
            {"status":"success","task_id":"71297461-aaa4-4f07-9b9e-9bf581df8f60","result":[{"url":"{{h.Emulator.Blobs.GetUrl("eos/extra/B04.tif")}}"},"{{h.Emulator.Blobs.GetUrl("eos/extra/B08.tif")}}"]}
            """;
        Assert.Equal(ProviderTaskStatus.Succeeded, task.ApplyCallback(payload));
        var assets = await task.GetAssetsAsync().ToListAsync();
        Assert.Equal(["result-1", "result-2"], assets.Select(a => a.AssetKey));
        Assert.Equal(["B04.tif", "B08.tif"], assets.Select(a => a.SuggestedFileName));

        var results = await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(EosResultType.Tif, r.ActualType));
        Assert.Equal(EosHarness.Sha256(h.Emulator.Blobs.Get("eos/extra/B08.tif").ToArray()), EosHarness.Sha256File(results[1].FilePath!));
        Assert.Empty(h.EosRequests());
    }
}
