using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>Budgets: refused before the first byte when the sizes are known or probed, enforced mid-way otherwise.</summary>
public class AssetDownloaderBudgetTests
{
    [Fact]
    public async Task Known_sizes_over_the_budget_are_refused_before_any_request()
    {
        await using var h = await DownloadHarness.StartAsync();
        var assets = Enumerable.Range(0, 3).Select(i =>
        {
            h.Emulator.Blobs.PutGenerated($"b{i}", 1_000_000, seed: i);
            return h.Blob($"b{i}", size: 1_000_000);
        }).ToList();

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() =>
            h.CreateDownloader().DownloadAsync(assets, h.Directory, DownloadHarness.Fast with { Budget = new DownloadBudget { MaxBytes = 2_500_000 } }));
        Assert.Equal(BudgetLimit.Bytes, ex.Limit);
        Assert.Equal(3_000_000, ex.Requested);
        Assert.Equal(2_500_000, ex.Allowed);
        Assert.Empty(h.Emulator.Requests);
        Assert.Empty(Directory.EnumerateFileSystemEntries(h.Directory));

        var files = await Assert.ThrowsAsync<BudgetExceededException>(() =>
            h.CreateDownloader().DownloadAsync(assets, h.Directory, DownloadHarness.Fast with { Budget = new DownloadBudget { MaxFiles = 2 } }));
        Assert.Equal(BudgetLimit.Files, files.Limit);

        var cost = await Assert.ThrowsAsync<BudgetExceededException>(() => h.CreateDownloader().DownloadAsync(
            assets.Select(a => a with { Cost = new CostEstimate(4m, "km2") }),
            h.Directory,
            DownloadHarness.Fast with { Budget = new DownloadBudget { MaxCost = 10m, CostUnit = "km2" } }));
        Assert.Equal(BudgetLimit.Cost, cost.Limit);
        Assert.Equal(12m, cost.Requested);
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact]
    public async Task Unknown_sizes_are_probed_with_one_byte_before_deciding()
    {
        await using var h = await DownloadHarness.StartAsync();
        var assets = Enumerable.Range(0, 3).Select(i =>
        {
            h.Emulator.Blobs.PutGenerated($"u{i}", 1_000_000, seed: i);
            return h.Blob($"u{i}");
        }).ToList();

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() =>
            h.CreateDownloader().DownloadAsync(assets, h.Directory, DownloadHarness.Fast with { Budget = new DownloadBudget { MaxBytes = 2_000_000 } }));
        Assert.Equal(3_000_000, ex.Requested);
        Assert.Equal(3, h.Emulator.Requests.Count);
        Assert.All(h.Emulator.Requests, r =>
        {
            Assert.Equal("bytes=0-0", AssetDownloaderTests.Header(r, "Range"));
            Assert.True(r.BytesSent <= 1);
        });

        var ok = await h.CreateDownloader().DownloadAsync(assets, h.Directory, DownloadHarness.Fast with { Budget = new DownloadBudget { MaxBytes = 3_000_000 } });
        for (var i = 0; i < 3; i++)
        {
            DownloadHarness.AssertDownloaded(ok[i], GeneratedContent.ComputeSha256Hex(i, 1_000_000), 1_000_000);
        }
    }

    [Fact]
    public async Task Size_larger_than_listed_is_stopped_mid_way_before_passing_the_limit()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("a", 1_000_000, seed: 1);
        h.Emulator.Blobs.PutGenerated("liar", 2_000_000, seed: 2);
        var assets = new[] { h.Blob("a", size: 1_000_000), h.Blob("liar", size: 1000) };
        var options = DownloadHarness.Fast with { MaxConcurrentDownloads = 1, Budget = new DownloadBudget { MaxBytes = 1_500_000 } };

        var results = await h.CreateDownloader().DownloadAsync(assets, h.Directory, options);

        DownloadHarness.AssertDownloaded(results[0], GeneratedContent.ComputeSha256Hex(1, 1_000_000), 1_000_000);
        Assert.False(results[1].Succeeded);
        var ex = Assert.IsType<BudgetExceededException>(results[1].Exception);
        Assert.Equal(BudgetLimit.Bytes, ex.Limit);
        Assert.Equal(3_000_000, ex.Requested);
        Assert.Equal(1_500_000, ex.Allowed);
        Assert.False(File.Exists(results[1].FilePath));
        await h.Emulator.Requests.WaitForAsync(r => r.Path.EndsWith("/liar", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Single(h.Emulator.Requests.ForBlob("liar"));

        // Refused at the response headers: not a byte of the body was written.
        Assert.Equal(0, results[1].BytesWritten);
        Assert.False(File.Exists(results[1].FilePath + ".part"));
    }

    [Fact]
    public async Task Unknown_size_stream_stops_at_the_limit_and_stays_resumable()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 3_000_000;
        var content = GeneratedContent.Generate(50, length);
        h.Emulator.Faults.On("/render").OnRequest(async ctx =>
        {
            // A generated body of unknown length (chunked), as some processing APIs send.
            ctx.Response.StatusCode = 200;
            ctx.Response.Headers.ETag = "\"r1\"";
            for (var i = 0; i < length; i += 100_000)
            {
                await ctx.Response.Body.WriteAsync(content.AsMemory(i, Math.Min(100_000, length - i)));
            }

            return true;
        });
        var asset = ImageryAsset.FromUrl(new Uri(h.Emulator.BaseUri, "render"), "render.bin");
        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory, DownloadHarness.Fast with { Budget = new DownloadBudget { MaxBytes = 1_000_000 } });

        Assert.False(result.Succeeded);
        var ex = Assert.IsType<BudgetExceededException>(result.Exception);
        Assert.Equal(1_000_000, ex.Allowed);
        Assert.Equal(1_000_000, result.BytesWritten); // everything the budget allows is kept, not a byte more
        Assert.False(File.Exists(result.FilePath));
        var part = await File.ReadAllBytesAsync(result.FilePath + ".part");
        Assert.Equal(result.BytesWritten, part.Length);
        Assert.True(part.AsSpan().SequenceEqual(content.AsSpan(0, part.Length)));
        Assert.True(File.Exists(result.FilePath + ".part.json"));
    }
}
