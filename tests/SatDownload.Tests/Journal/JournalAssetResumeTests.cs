using SatDownload.Tests.Client;
using SatDownload.Tests.Downloads;

namespace SatDownload.Tests.Journal;

/// <summary>
/// The journal's per-asset records (state, path, size, SHA-256) drive a re-run: complete files are not fetched again,
/// missing or changed ones are, and a stopped run leaves each unfinished file marked pending or partial.
/// </summary>
public class JournalAssetResumeTests
{
    private static int SignedGets(FlowHarness h, string blob) =>
        h.Emulator.Requests.Count(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal) && r.Path.EndsWith(blob, StringComparison.Ordinal));

    private static int AllSignedRequests(FlowHarness h) =>
        h.Emulator.Requests.Count(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal));

    [Fact]
    public async Task Rerun_skips_files_the_journal_records_complete_without_any_file_request()
    {
        await using var h = await FlowHarness.StartAsync();
        var first = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);
        Assert.True(first.Succeeded);
        var before = AllSignedRequests(h);

        var again = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(again.Succeeded);
        Assert.All(again.Downloads, d => Assert.True(d.Skipped));
        Assert.Equal(before, AllSignedRequests(h));
        Assert.Equal(first.Downloads.Select(d => d.Asset.Identity), again.Downloads.Select(d => d.Asset.Identity));
        Assert.Equal(first.Downloads.Select(d => d.Sha256), again.Downloads.Select(d => d.Sha256));
        Assert.Equal(first.BytesWritten, again.BytesWritten);
        Assert.Equal(h.AnalyticPath, again.Downloads.Single(d => d.Asset.AssetKey == "analytic").FilePath);
    }

    [Fact]
    public async Task A_deleted_complete_file_is_downloaded_again_and_only_that_one()
    {
        await using var h = await FlowHarness.StartAsync();
        await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);
        var visualBefore = SignedGets(h, FakeSatEmulator.VisualBlob);
        var analyticBefore = SignedGets(h, FakeSatEmulator.AnalyticBlob);
        File.Delete(h.AnalyticPath);

        var again = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(again.Succeeded);
        Assert.True(again.Downloads.Single(d => d.Asset.AssetKey == "visual").Skipped);
        Assert.False(again.Downloads.Single(d => d.Asset.AssetKey == "analytic").Skipped);
        Assert.Equal(visualBefore, SignedGets(h, FakeSatEmulator.VisualBlob));
        Assert.True(SignedGets(h, FakeSatEmulator.AnalyticBlob) > analyticBefore);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
        var record = Assert.Single(DownloadJournal.Open(h.Directory).Entries).FindAsset("fakesat/scene-S1/analytic")!;
        Assert.Equal((JournalAssetState.Done, FlowHarness.Sha256(h.FakeSat.AnalyticBytes)), (record.State, record.Sha256));
    }

    [Fact]
    public async Task A_complete_file_changed_in_place_is_detected_by_its_checksum_and_replaced()
    {
        await using var h = await FlowHarness.StartAsync();
        await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);

        // Same size, one byte different: only the recorded SHA-256 can tell.
        var bytes = await File.ReadAllBytesAsync(h.VisualPath);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(h.VisualPath, bytes);

        var third = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(third.Succeeded);
        Assert.False(third.Downloads.Single(d => d.Asset.AssetKey == "visual").Skipped);
        Assert.True(third.Downloads.Single(d => d.Asset.AssetKey == "analytic").Skipped);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), FlowHarness.Sha256OfFile(h.VisualPath));
    }

    [Fact]
    public async Task Overwrite_policy_ignores_the_journal_and_downloads_every_file_again()
    {
        await using var h = await FlowHarness.StartAsync();
        await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);
        var before = AllSignedRequests(h);

        var again = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory, FlowHarness.Fast with { ExistingFilePolicy = ExistingFilePolicy.Overwrite });

        Assert.True(again.Succeeded);
        Assert.All(again.Downloads, d => Assert.False(d.Skipped));
        Assert.True(AllSignedRequests(h) >= before + 2);
        Assert.Equal(1, h.TaskCreations);
    }

    [Fact]
    public async Task A_stopped_run_records_each_file_as_complete_partial_or_pending_as_on_disk_and_the_rerun_uses_it()
    {
        await using var h = await FlowHarness.StartAsync();
        var pace = h.Emulator.Faults.OnBlob(FakeSatEmulator.AnalyticBlob).PaceBody(2_000_000);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (!p.IsAggregate && p.Asset!.AssetKey == "analytic" && p.BytesDownloaded >= 300_000)
            {
                cts.Cancel();
            }
        });

        // One file at a time: the visual file is either complete or not started when the analytic one is stopped.
        var options = FlowHarness.Fast with { MaxConcurrentDownloads = 1, MaxConnectionsPerFile = 1 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory, options, progress, cts.Token));

        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(JournalEntryStatus.Downloading, entry.Status);
        var analytic = entry.FindAsset("fakesat/scene-S1/analytic")!;
        Assert.Equal((JournalAssetState.Downloading, "fakesat/scene-S1/analytic.tif", (string?)null), (analytic.State, analytic.Path, analytic.Sha256));
        Assert.True(File.Exists(h.AnalyticPath + ".part"));
        var visual = entry.FindAsset("fakesat/scene-S1/visual")!;
        Assert.Equal("fakesat/scene-S1/visual.tif", visual.Path);
        if (visual.State == JournalAssetState.Done)
        {
            Assert.Equal(h.FakeSat.VisualBytes.Length, visual.Size);
            Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), FlowHarness.Sha256OfFile(h.VisualPath));
        }
        else
        {
            Assert.Equal(JournalAssetState.Pending, visual.State);
            Assert.False(File.Exists(h.VisualPath));
            Assert.False(File.Exists(h.VisualPath + ".part"));
        }

        pace.Remove();
        var again = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory, options);

        Assert.True(again.Succeeded);
        Assert.True(again.Downloads.Single(d => d.Asset.AssetKey == "analytic").Resumed);
        Assert.Equal(visual.State == JournalAssetState.Done, again.Downloads.Single(d => d.Asset.AssetKey == "visual").Skipped);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
        var done = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.All(done.Assets, a => Assert.Equal(JournalAssetState.Done, a.State));
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), done.FindAsset("fakesat/scene-S1/analytic")!.Sha256);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), done.FindAsset("fakesat/scene-S1/visual")!.Sha256);
    }
}
