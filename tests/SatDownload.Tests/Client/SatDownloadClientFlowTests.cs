using System.Text.Json;
using SatDownload.Tests.Downloads;

namespace SatDownload.Tests.Client;

/// <summary>The unified flow end to end over real HTTP: order, wait, download, journal, catalog.</summary>
public class SatDownloadClientFlowTests
{
    [Fact]
    public async Task Full_flow_orders_once_waits_downloads_both_geotiffs_and_writes_journal_and_catalog()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = h.CreateClient();

        var result = await client.DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(result.Succeeded);
        Assert.False(result.ResumedFromJournal);
        Assert.Equal("fakesat", result.Provider);
        Assert.Equal("task-1", result.TaskId);
        Assert.Equal(ProviderTaskStatus.Succeeded, result.TaskStatus);
        Assert.Equal(new CostEstimate(12.5m, "credits"), result.CostEstimate);
        Assert.Equal(new FakeSatRequest().GetFingerprint(), result.RequestFingerprint);
        Assert.Equal(2, result.Downloads.Count);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), FlowHarness.Sha256OfFile(h.VisualPath));
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
        Assert.Equal(h.FakeSat.VisualBytes.Length + h.FakeSat.AnalyticBytes.Length, result.BytesWritten);

        // One order; the status was polled until done (10 virtual minutes at 30 s growing to 2 min intervals).
        Assert.Equal(1, h.TaskCreations);
        var polls = h.Emulator.Requests.Count(r => r.Method == "GET" && r.Path == "/fakesat/tasks/task-1");
        Assert.InRange(polls, 3, 20);
        Assert.True(h.Emulator.Clock.GetUtcNow() - h.Emulator.Clock.Start >= h.FakeSat.ReadyAfter);

        // Journal: task id, cost and both assets done with path, size and checksum.
        Assert.Equal(DownloadJournal.PathFor(h.Directory), result.JournalPath);
        var journal = DownloadJournal.Open(h.Directory);
        Assert.Null(journal.RecoveryMessage);
        var entry = Assert.Single(journal.Entries);
        Assert.Equal(result.RequestFingerprint, entry.Fingerprint);
        Assert.Equal("task-1", entry.TaskId);
        Assert.Equal("scene-order", entry.TaskKind);
        Assert.Equal("fakesat:scene-order:task-1", entry.RehydrationToken);
        Assert.Equal(JournalEntryStatus.Completed, entry.Status);
        Assert.Equal(ProviderTaskStatus.Succeeded, entry.TaskStatus);
        Assert.Equal(new CostEstimate(12.5m, "credits"), entry.CostEstimate);
        var visual = entry.FindAsset("fakesat/scene-S1/visual");
        Assert.NotNull(visual);
        Assert.Equal(JournalAssetState.Done, visual.State);
        Assert.Equal("fakesat/scene-S1/visual.tif", visual.Path);
        Assert.Equal(h.FakeSat.VisualBytes.Length, visual.Size);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), visual.Sha256);

        // Catalog with one item for the product, assets pointing at the files.
        Assert.Equal(Path.Combine(h.Directory, "catalog.json"), result.ManifestPath);
        using var catalog = JsonDocument.Parse(File.ReadAllText(result.ManifestPath!));
        var itemLink = Assert.Single(catalog.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "item");
        var itemPath = Path.GetFullPath(Path.Combine(h.Directory, itemLink.GetProperty("href").GetString()!));
        using var item = JsonDocument.Parse(File.ReadAllText(itemPath));
        var props = item.RootElement.GetProperty("properties");
        Assert.Equal("fakesat", props.GetProperty("satdownload:provider").GetString());
        Assert.Equal("task-1", props.GetProperty("satdownload:task_id").GetString());
        Assert.Equal("© FakeSat 2026", props.GetProperty("satdownload:attribution").GetString());
        Assert.Equal("2026-06-01T10:30:00Z", props.GetProperty("datetime").GetString());
        var analytic = item.RootElement.GetProperty("assets").GetProperty("analytic");
        Assert.Equal(h.AnalyticPath, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(itemPath)!, analytic.GetProperty("href").GetString()!)));
        Assert.Equal("1220" + FlowHarness.Sha256(h.FakeSat.AnalyticBytes), analytic.GetProperty("file:checksum").GetString());
        Assert.Equal(h.FakeSat.AnalyticBytes.Length, analytic.GetProperty("file:size").GetInt64());

        // The destination lock is released.
        Assert.False(File.Exists(Path.Combine(h.Directory, ".satdownload", "lock.owner")));
    }

    [Fact]
    public async Task Invalid_request_is_refused_before_any_request()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = h.CreateClient();

        var ex = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => client.DownloadAsync(new FakeSatRequest { ResolutionMeters = -1 }, h.Directory));

        Assert.Equal("FakeSatRequest.ResolutionMeters", ex.Field);
        Assert.Contains("must be positive", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests.ForPath("/fakesat"));
        Assert.False(File.Exists(DownloadJournal.PathFor(h.Directory)));
    }

    [Fact]
    public async Task Unknown_provider_is_refused_with_the_registered_names_before_any_request()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = h.CreateClient(o => o.Providers.Clear());

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadAsync(new FakeSatRequest(), h.Directory));

        Assert.Equal("request", ex.ParamName);
        Assert.Contains("none are registered", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddFakesat", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests.ForPath("/fakesat"));
        Assert.Throws<ArgumentException>(() => client.GetProvider("iceye"));
    }

    [Fact]
    public async Task Budget_refuses_an_order_over_the_cost_limit_before_the_task_is_created()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = h.CreateClient();
        var options = FlowHarness.Fast with { Budget = new DownloadBudget { MaxCost = 10m, CostUnit = "credits" } };

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.DownloadAsync(new FakeSatRequest(), h.Directory, options));

        Assert.Equal(BudgetLimit.Cost, ex.Limit);
        Assert.Equal(12.5m, ex.Requested);
        Assert.Equal(10m, ex.Allowed);
        Assert.Single(h.Emulator.Requests.ForPath("/fakesat/quote"));
        Assert.Equal(0, h.TaskCreations);
        Assert.Equal(0, h.FakeSat.CreatedTasks);
        Assert.DoesNotContain(DownloadJournal.Open(h.Directory).Entries, e => e.TaskId is not null);

        // Within budget the same request goes through.
        var allowed = FlowHarness.Fast with { Budget = new DownloadBudget { MaxCost = 20m, CostUnit = "credits" } };
        var result = await client.DownloadAsync(new FakeSatRequest(), h.Directory, allowed);
        Assert.True(result.Succeeded);
        Assert.Equal(1, h.TaskCreations);
    }

    [Fact]
    public async Task Budget_without_an_estimate_is_refused_when_an_estimate_is_required()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = h.CreateClient(o =>
        {
            o.Providers.Clear();
            o.Providers.Add(new NoEstimateProvider(h.CreateProvider()));
            o.RequireCostEstimate = true;
        });
        var options = FlowHarness.Fast with { Budget = new DownloadBudget { MaxCost = 100m } };

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.DownloadAsync(new FakeSatRequest(), h.Directory, options));

        Assert.Contains("cannot estimate", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.TaskCreations);
    }

    [Fact]
    public async Task Rerun_after_cancel_mid_download_resumes_the_task_by_id_and_finishes_identical_files()
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
        var options = FlowHarness.Fast with { MaxConnectionsPerFile = 1 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory, options, progress, cts.Token));

        Assert.False(File.Exists(h.AnalyticPath));
        Assert.True(File.Exists(h.AnalyticPath + ".part"));
        var crashed = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal("task-1", crashed.TaskId);
        Assert.Equal(JournalEntryStatus.Downloading, crashed.Status);
        Assert.Equal(JournalAssetState.Downloading, crashed.FindAsset("fakesat/scene-S1/analytic")!.State);

        pace.Remove();
        var result = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory, options);

        Assert.True(result.Succeeded);
        Assert.True(result.ResumedFromJournal);
        Assert.Equal("task-1", result.TaskId);
        Assert.Equal(new CostEstimate(12.5m, "credits"), result.CostEstimate);
        Assert.Equal(1, h.TaskCreations);
        Assert.Single(h.Emulator.Requests.ForPath("/fakesat/quote"));
        Assert.True(result.Downloads.Single(d => d.Asset.AssetKey == "analytic").Resumed);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), FlowHarness.Sha256OfFile(h.VisualPath));
        Assert.Equal(JournalEntryStatus.Completed, Assert.Single(DownloadJournal.Open(h.Directory).Entries).Status);
    }

    [Fact]
    public async Task Rerun_of_a_finished_request_orders_nothing_skips_files_and_keeps_one_catalog_item()
    {
        await using var h = await FlowHarness.StartAsync();
        await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);
        var blobGetsBefore = h.Emulator.Requests.Count(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal));

        var again = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(again.ResumedFromJournal);
        Assert.All(again.Downloads, d => Assert.True(d.Skipped));
        Assert.Equal(1, h.TaskCreations);
        Assert.Equal(blobGetsBefore, h.Emulator.Requests.Count(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal)));
        using var catalog = JsonDocument.Parse(File.ReadAllText(again.ManifestPath!));
        Assert.Single(catalog.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "item");

        // Skipped files keep the checksum recorded by the first run.
        var item = Directory.GetFiles(h.Directory, "fakesat-scene-S1.json", SearchOption.AllDirectories).Single();
        using var doc = JsonDocument.Parse(File.ReadAllText(item));
        Assert.Equal("1220" + FlowHarness.Sha256(h.FakeSat.VisualBytes), doc.RootElement.GetProperty("assets").GetProperty("visual").GetProperty("file:checksum").GetString());

        // A different request is a different order.
        var other = await h.CreateClient().DownloadAsync(new FakeSatRequest { Scene = "S2" }, Path.Combine(h.Directory, "other"));
        Assert.False(other.ResumedFromJournal);
        Assert.Equal(2, h.TaskCreations);
    }

    [Fact]
    public async Task Asset_filter_downloads_only_matching_assets_and_reuses_the_same_task()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = h.CreateClient();

        var first = await client.DownloadAsync(new FakeSatRequest { AssetFilter = new AssetFilter { AssetKeys = ["VISUAL"] } }, h.Directory);

        var only = Assert.Single(first.Downloads);
        Assert.Equal("visual", only.Asset.AssetKey);
        Assert.Equal(1, first.AssetsExcludedByFilter);
        Assert.False(File.Exists(h.AnalyticPath));

        var second = await client.DownloadAsync(new FakeSatRequest { AssetFilter = new AssetFilter { MediaTypes = ["image/tiff"], Roles = [AssetRoles.Data] } }, h.Directory);

        Assert.True(second.ResumedFromJournal);
        Assert.Equal(2, second.Downloads.Count);
        Assert.Equal(1, h.TaskCreations);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
    }

    [Fact]
    public async Task Flow_progress_reports_every_phase_with_task_and_file_progress()
    {
        await using var h = await FlowHarness.StartAsync();
        var reports = new List<SatDownloadProgress>();
        var progress = new SynchronousProgress<SatDownloadProgress>(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });

        await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory, null, progress);

        var phases = reports.Select(r => r.Phase).Distinct().ToList();
        Assert.Equal(
            [SatDownloadPhase.Validating, SatDownloadPhase.EstimatingCost, SatDownloadPhase.CreatingTask, SatDownloadPhase.WaitingForTask, SatDownloadPhase.ListingAssets, SatDownloadPhase.Downloading, SatDownloadPhase.WritingManifest, SatDownloadPhase.Completed],
            phases);
        var waiting = reports.Where(r => r.Phase == SatDownloadPhase.WaitingForTask).ToList();
        Assert.Equal(ProviderTaskStatus.Running, waiting[0].Task!.Value.Status);
        Assert.Equal(ProviderTaskStatus.Succeeded, waiting[^1].Task!.Value.Status);
        Assert.Contains(reports, r => r.Download is { IsAggregate: true, State: DownloadState.Done });
    }

    [Fact]
    public async Task Failed_task_throws_and_is_journaled_as_failed()
    {
        await using var h = await FlowHarness.StartAsync();
        h.FakeSat.FailTasks = true;

        var ex = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory));

        Assert.Equal("task-1", ex.TaskId);
        Assert.Equal(ProviderTaskStatus.Failed, ex.Status);
        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(JournalEntryStatus.Failed, entry.Status);
        Assert.Equal(ProviderTaskStatus.Failed, entry.TaskStatus);
        Assert.Empty(h.Emulator.Requests.ForPath("/signed/"));
    }

    [Fact]
    public async Task Corrupt_journal_falls_back_to_its_backup_and_still_does_not_order_twice()
    {
        await using var h = await FlowHarness.StartAsync();
        await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);
        var path = DownloadJournal.PathFor(h.Directory);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);

        var again = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(again.ResumedFromJournal);
        Assert.Equal(1, h.TaskCreations);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, "journal.json.corrupt-*"));
        Assert.Null(DownloadJournal.Open(h.Directory).RecoveryMessage);
    }

    [Fact]
    public async Task Unreadable_journal_without_backup_never_stops_the_flow()
    {
        await using var h = await FlowHarness.StartAsync();
        var path = DownloadJournal.PathFor(h.Directory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"version\":1,\"entries\":[{\"fingerprint\":");

        var result = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(result.Succeeded);
        Assert.Equal(1, h.TaskCreations);
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, "journal.json.corrupt-*"));
        Assert.StartsWith("{\"version\":1,\"entries\":[{", File.ReadAllText(kept), StringComparison.Ordinal);
        Assert.Equal("task-1", Assert.Single(DownloadJournal.Open(h.Directory).Entries).TaskId);
    }

    [Fact]
    public async Task A_destination_in_use_is_refused_with_the_holder_named()
    {
        await using var h = await FlowHarness.StartAsync();
        using (SatDownload.Journal.DestinationLock.Acquire(h.Directory, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
        {
            var ex = await Assert.ThrowsAsync<DestinationLockedException>(() => h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory));

            Assert.Contains($"process {Environment.ProcessId}", ex.Message, StringComparison.Ordinal);
            Assert.Contains("another directory", ex.Message, StringComparison.Ordinal);
            Assert.Empty(h.Emulator.Requests.ForPath("/fakesat"));
        }

        // Released: the next run proceeds, also with an owner note left behind by a killed run.
        File.WriteAllText(Path.Combine(h.Directory, ".satdownload", "lock.owner"), "process 999999 on elsewhere since 2026-01-01T00:00:00Z");
        var result = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_journaled_task_the_provider_no_longer_knows_is_reported_and_never_silently_reordered()
    {
        await using var h = await FlowHarness.StartAsync();
        var request = new FakeSatRequest();
        var journal = DownloadJournal.Open(h.Directory);
        var entry = journal.GetOrAdd(request.GetFingerprint(), "fakesat", request.Kind);
        entry.TaskId = "task-999";
        entry.Status = JournalEntryStatus.TaskCreated;
        await journal.SaveAsync();

        var ex = await Assert.ThrowsAsync<JournaledTaskNotFoundException>(() => h.CreateClient().DownloadAsync(request, h.Directory));

        Assert.Equal("task-999", ex.TaskId);
        Assert.Contains($"Remove(\"{request.GetFingerprint()}\")", ex.Message, StringComparison.Ordinal);
        Assert.Equal(404, Assert.IsType<ProviderRequestException>(ex.InnerException).Status);
        Assert.Equal(0, h.TaskCreations);

        // The documented way out: drop the entry, then the request is ordered anew.
        var fix = DownloadJournal.Open(h.Directory);
        Assert.True(fix.Remove(request.GetFingerprint()));
        await fix.SaveAsync();
        var result = await h.CreateClient().DownloadAsync(request, h.Directory);
        Assert.False(result.ResumedFromJournal);
        Assert.Equal(1, h.TaskCreations);
    }

    [Fact]
    public async Task A_refused_order_leaves_no_journal_entry_but_an_unclear_failure_is_remembered()
    {
        await using var h = await FlowHarness.StartAsync();
        h.Emulator.Faults.On("/fakesat/tasks").WithMethod("POST").RespondWithStatus(400, times: 1);

        var refused = await Assert.ThrowsAsync<ProviderRequestException>(() => h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory));

        Assert.Equal(400, refused.Status);
        Assert.Empty(DownloadJournal.Open(h.Directory).Entries);

        // A 503 may or may not have created the task: the entry stays in Creating, so the next run can warn about an orphan.
        h.Emulator.Faults.On("/fakesat/tasks").WithMethod("POST").RespondWithStatus(503, times: 1);
        var unclear = await Assert.ThrowsAsync<ProviderRequestException>(() => h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory));
        Assert.Equal(503, unclear.Status);
        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(JournalEntryStatus.Creating, entry.Status);
        Assert.Null(entry.TaskId);
        Assert.Equal(new CostEstimate(12.5m, "credits"), entry.CostEstimate);

        var result = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory);
        Assert.True(result.Succeeded);
        Assert.False(result.ResumedFromJournal);
        Assert.Equal("task-1", Assert.Single(DownloadJournal.Open(h.Directory).Entries).TaskId);
    }

    [Fact]
    public async Task Journal_and_manifest_can_be_turned_off()
    {
        await using var h = await FlowHarness.StartAsync();
        var client = h.CreateClient(o =>
        {
            o.EnableJournal = false;
            o.WriteManifest = false;
        });

        var result = await client.DownloadAsync(new FakeSatRequest(), h.Directory);

        Assert.True(result.Succeeded);
        Assert.Null(result.ManifestPath);
        Assert.Null(result.JournalPath);
        Assert.False(Directory.Exists(Path.Combine(h.Directory, ".satdownload")));
        Assert.False(File.Exists(Path.Combine(h.Directory, "catalog.json")));
    }

    /// <summary>A provider that cannot estimate costs.</summary>
    private sealed class NoEstimateProvider(ImageryProvider inner) : ImageryProvider
    {
        public override string Name => inner.Name;

        public override bool CanHandle(ImageryRequest request) => inner.CanHandle(request);

        public override Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default) => inner.StartTaskAsync(request, cancellationToken);

        public override Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default) => inner.GetTaskAsync(request, taskId, cancellationToken);
    }
}
