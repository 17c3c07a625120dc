using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SatDownload.Archives;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Client;

/// <summary>
/// <see cref="ImageryProvider.ProcessDownloadedFileAsync"/> under <see cref="SatDownloadClient"/>: when it runs, what the
/// journal and the catalog record of it, and how a failing or cancelled step is handled.
/// </summary>
public class PostDownloadStepTests
{
    [Fact]
    public async Task The_default_step_returns_the_same_result()
    {
        await using var h = await FlowHarness.StartAsync();
        var provider = h.CreateProvider();
        var result = new DownloadResult { Asset = ImageryAsset.FromUrl(new Uri("https://example.test/a.tif")), Succeeded = true, FilePath = "/nowhere/a.tif" };

        Assert.Same(result, await provider.ProcessDownloadedFileAsync(result));
        await Assert.ThrowsAsync<ArgumentNullException>(() => provider.ProcessDownloadedFileAsync(null!));
    }

    [Fact]
    public async Task A_step_that_throws_fails_only_its_own_file_which_stays_on_disk_and_is_logged()
    {
        await using var h = await FlowHarness.StartAsync();
        var logger = new ListLogger();
        var client = Client(h, logger, (result, _) => result.Asset.AssetKey == "analytic"
            ? throw new InvalidDataException("the analytic file is not what the provider promised")
            : Task.FromResult(result with { Attribution = "settled after download" }));

        var run = await client.DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.False(run.Succeeded);
        var visual = Assert.Single(run.Downloads, d => d.Asset.AssetKey == "visual");
        var analytic = Assert.Single(run.Downloads, d => d.Asset.AssetKey == "analytic");
        Assert.True(visual.Succeeded);
        Assert.Equal("settled after download", visual.Attribution);
        Assert.False(analytic.Succeeded);
        var error = Assert.IsType<InvalidDataException>(analytic.Exception);
        Assert.Equal("the analytic file is not what the provider promised", error.Message);

        // The failed file is kept with its exact bytes; the step's failure is the reason everywhere.
        Assert.Equal(h.AnalyticPath, analytic.FilePath);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), FlowHarness.Sha256OfFile(h.VisualPath));
        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(JournalAssetState.Done, entry.FindAsset("fakesat/scene-S1/visual")!.State);
        var failed = entry.FindAsset("fakesat/scene-S1/analytic")!;
        Assert.Equal(JournalAssetState.Failed, failed.State);
        Assert.Contains("not what the provider promised", failed.Error, StringComparison.Ordinal);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("fakesat/scene-S1/analytic", StringComparison.Ordinal));
        Assert.Contains(h.AnalyticPath, warning.Message, StringComparison.Ordinal);

        // The catalog lists the file that succeeded, with the step's notice.
        using var item = ReadItem(run.ManifestPath!);
        var assets = item.RootElement.GetProperty("assets");
        Assert.True(assets.TryGetProperty("visual", out _));
        Assert.False(assets.TryGetProperty("analytic", out _));
        Assert.Equal("settled after download", item.RootElement.GetProperty("properties").GetProperty("satdownload:attribution").GetString());
    }

    [Fact]
    public async Task The_step_runs_again_for_files_the_journal_found_complete_and_the_catalog_records_its_files()
    {
        await using var h = await FlowHarness.StartAsync();
        var calls = new ConcurrentQueue<(string Key, bool Skipped)>();
        var client = Client(h, null, async (result, ct) =>
        {
            calls.Enqueue((result.Asset.AssetKey, result.Skipped));
            if (result.Asset.AssetKey != "visual")
            {
                return result;
            }

            // Stands for an extraction and a notice file: outputs written next to the file, the same on every call.
            var folder = Path.Combine(Path.GetDirectoryName(result.FilePath)!, "visual");
            Directory.CreateDirectory(folder);
            var inner = Path.Combine(folder, "band.txt");
            await File.WriteAllTextAsync(inner, "inner file", ct);
            var notice = result.FilePath + ".attribution.txt";
            await File.WriteAllTextAsync(notice, "notice", ct);
            return result with
            {
                Attribution = "notice",
                AttributionFilePath = notice,
                ExtractedFiles = [new ExtractedFile(inner, "bands/band.txt", new FileInfo(inner).Length)],
            };
        });

        var first = await client.DownloadAsync(new FakeSatRequest(), h.Directory);
        var second = await client.DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.True(second.ResumedFromJournal);
        Assert.All(second.Downloads, d => Assert.True(d.Skipped));
        Assert.Equal(new[] { ("visual", false), ("visual", true) }, calls.Where(c => c.Key == "visual").OrderBy(c => c.Skipped));
        Assert.Equal(4, calls.Count);
        var visual = Assert.Single(second.Downloads, d => d.Asset.AssetKey == "visual");
        Assert.Equal("notice", visual.Attribution);
        Assert.Equal(h.VisualPath + ".attribution.txt", visual.AttributionFilePath);
        Assert.Equal("bands/band.txt", Assert.Single(visual.ExtractedFiles).EntryName);

        // The journal still records the downloaded file itself.
        var record = Assert.Single(DownloadJournal.Open(h.Directory).Entries).FindAsset("fakesat/scene-S1/visual")!;
        Assert.Equal("fakesat/scene-S1/visual.tif", record.Path);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), record.Sha256);

        using var item = ReadItem(second.ManifestPath!, out var itemDirectory);
        var assets = item.RootElement.GetProperty("assets");
        Assert.Equal(4, assets.EnumerateObject().Count());
        var extracted = assets.GetProperty("visual/bands/band.txt");
        Assert.Equal(Path.Combine(Path.GetDirectoryName(h.VisualPath)!, "visual", "band.txt"), Path.GetFullPath(Path.Combine(itemDirectory, extracted.GetProperty("href").GetString()!)));
        Assert.Equal("visual", extracted.GetProperty("satdownload:extracted_from").GetString());
        Assert.Equal("text/plain", extracted.GetProperty("type").GetString());
        Assert.Equal(10, extracted.GetProperty("file:size").GetInt64());
        var attribution = assets.GetProperty("visual-attribution");
        Assert.Equal(h.VisualPath + ".attribution.txt", Path.GetFullPath(Path.Combine(itemDirectory, attribution.GetProperty("href").GetString()!)));
        Assert.Equal(new[] { "metadata" }, attribution.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
        Assert.Equal("1220" + FlowHarness.Sha256("notice"u8.ToArray()), attribution.GetProperty("file:checksum").GetString());
        Assert.Equal("notice", item.RootElement.GetProperty("properties").GetProperty("satdownload:attribution").GetString());
    }

    [Fact]
    public async Task Cancelling_during_the_step_cancels_the_run_and_the_next_run_finishes_the_files_without_downloading_them()
    {
        await using var h = await FlowHarness.StartAsync();
        using var cts = new CancellationTokenSource();
        var cancelling = Client(h, null, (result, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(result);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelling.DownloadAsync(new FakeSatRequest(), h.Directory, cancellationToken: cts.Token));

        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.All(entry.Assets, a => Assert.Equal(JournalAssetState.Done, a.State));
        var fileRequests = h.Emulator.Requests.ForProvider("blobs").Count;

        var finished = new ConcurrentQueue<string>();
        var run = await Client(h, null, (result, _) =>
        {
            finished.Enqueue(result.Asset.AssetKey);
            return Task.FromResult(result with { Attribution = "finished" });
        }).DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(run.Succeeded);
        Assert.All(run.Downloads, d => Assert.True(d.Skipped));
        Assert.All(run.Downloads, d => Assert.Equal("finished", d.Attribution));
        Assert.Equal(new[] { "analytic", "visual" }, finished.Order());
        Assert.Equal(fileRequests, h.Emulator.Requests.ForProvider("blobs").Count);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), FlowHarness.Sha256OfFile(h.VisualPath));
    }

    [Fact]
    public async Task A_step_that_returns_a_result_for_another_asset_fails_that_file_with_a_clear_message()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = Client(h, null, (result, _) => Task.FromResult(result with { Asset = result.Asset with { AssetKey = "other" } }));

        var run = await client.DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.All(run.Downloads, d => Assert.False(d.Succeeded));
        var error = Assert.IsType<InvalidOperationException>(run.Downloads[0].Exception);
        Assert.Contains("must return a result for the asset it was given", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(h.VisualPath));
    }

    private static SatDownloadClient Client(FlowHarness h, ILoggerFactory? logger, Func<DownloadResult, CancellationToken, Task<DownloadResult>> step)
    {
        var provider = new FakeSatProvider(h.Http, h.Emulator.GetProviderUri(h.FakeSat), h.Emulator.Clock) { ProcessStep = step };
        return h.CreateClient(o =>
        {
            o.Providers.Clear();
            o.Providers.Add(provider);
            o.LoggerFactory = logger;
        });
    }

    private static JsonDocument ReadItem(string catalogPath) => ReadItem(catalogPath, out _);

    private static JsonDocument ReadItem(string catalogPath, out string itemDirectory)
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(catalogPath));
        var link = Assert.Single(catalog.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "item");
        var itemPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(catalogPath)!, link.GetProperty("href").GetString()!));
        itemDirectory = Path.GetDirectoryName(itemPath)!;
        return JsonDocument.Parse(File.ReadAllText(itemPath));
    }
}
