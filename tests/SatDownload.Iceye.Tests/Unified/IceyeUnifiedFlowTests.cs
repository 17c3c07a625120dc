using System.Text.Json;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tasks;
using SatDownload.Iceye.Tests.Tasks;
using SatDownload.Iceye.Unified;
using SatDownload.Testing.Iceye;

namespace SatDownload.Iceye.Tests.Unified;

/// <summary>ICEYE through <see cref="SatDownloadClient"/> over loopback HTTP: task, wait, files, journal, STAC catalog.</summary>
public class IceyeUnifiedFlowTests
{
    [Fact]
    public async Task New_task_is_created_once_waited_for_until_DONE_and_every_product_file_lands_with_journal_and_catalog()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var request = h.NewRequest();

        var result = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(ProviderNames.Iceye, result.Provider);
        Assert.False(result.ResumedFromJournal);
        Assert.Null(result.CostEstimate);
        Assert.Equal(ProviderTaskStatus.Succeeded, result.TaskStatus);
        Assert.Equal(request.GetFingerprint(), result.RequestFingerprint);
        Assert.Equal(1, h.TaskCreations);
        var task = Assert.Single(h.Env.Iceye.Tasks);
        Assert.Equal(task.Id, result.TaskId);
        Assert.Equal("DONE", task.StatusAt(h.Env.Clock.GetUtcNow()));

        // GRD (5 files) and QLK (2) are the contract's SLA types, SLC (2) was asked for and arrives when DONE.
        Assert.Equal(9, result.Downloads.Count);
        Assert.Contains(result.Downloads, d => d.Asset.AssetKey == "slc-tif");
        foreach (var download in result.Downloads)
        {
            Assert.True(download.Succeeded, download.Exception?.ToString());
            Assert.StartsWith(Path.Combine(h.Directory, "iceye") + Path.DirectorySeparatorChar, download.FilePath, StringComparison.Ordinal);
            var expected = h.ExpectedSha256Of(download.Asset);
            Assert.Equal(expected, download.Sha256);
            Assert.Equal(expected, IceyeUnifiedHarness.Sha256OfFile(download.FilePath!));
        }

        // Journal: the task id and kind, every asset done with its checksum.
        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(result.TaskId, entry.TaskId);
        Assert.Equal(IceyeTask.TaskKind, entry.TaskKind);
        Assert.Equal($"iceye:tasking:{result.TaskId}", entry.RehydrationToken);
        Assert.Equal(JournalEntryStatus.Completed, entry.Status);
        Assert.Equal(IceyeTaskImageryRequest.RequestKind, entry.RequestKind);
        foreach (var download in result.Downloads)
        {
            var asset = entry.FindAsset(download.Asset.Identity);
            Assert.NotNull(asset);
            Assert.Equal(JournalAssetState.Done, asset.State);
            Assert.Equal(download.Sha256, asset.Sha256);
        }

        // STAC: one item per product (GRD, QLK, SLC), assets pointing at the files with their SHA-256 multihash.
        Assert.Equal(Path.Combine(h.Directory, "catalog.json"), result.ManifestPath);
        using var catalog = JsonDocument.Parse(File.ReadAllText(result.ManifestPath!));
        var items = catalog.RootElement.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "item").ToList();
        Assert.Equal(3, items.Count);
        var catalogued = 0;
        foreach (var link in items)
        {
            var itemPath = Path.GetFullPath(Path.Combine(h.Directory, link.GetProperty("href").GetString()!));
            using var item = JsonDocument.Parse(File.ReadAllText(itemPath));
            Assert.Equal("Feature", item.RootElement.GetProperty("type").GetString());
            var properties = item.RootElement.GetProperty("properties");
            Assert.Equal(ProviderNames.Iceye, properties.GetProperty("satdownload:provider").GetString());
            Assert.Equal(result.TaskId, properties.GetProperty("satdownload:task_id").GetString());
            foreach (var asset in item.RootElement.GetProperty("assets").EnumerateObject())
            {
                var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(itemPath)!, asset.Value.GetProperty("href").GetString()!));
                var download = Assert.Single(result.Downloads, d => d.FilePath == file);
                Assert.Equal("1220" + download.Sha256, asset.Value.GetProperty("file:checksum").GetString());
                Assert.Equal(new FileInfo(file).Length, asset.Value.GetProperty("file:size").GetInt64());
                catalogued++;
            }
        }

        Assert.Equal(9, catalogued);
    }

    [Fact]
    public async Task Second_run_of_the_same_request_resumes_the_task_by_id_creates_nothing_and_downloads_nothing()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var first = await h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory);
        var blobGets = h.Env.Host.Requests.Count(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal));

        // A new process would build a new request object: equal fields, same fingerprint.
        var again = await h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory);

        Assert.True(again.Succeeded);
        Assert.True(again.ResumedFromJournal);
        Assert.Equal(first.TaskId, again.TaskId);
        Assert.Equal(1, h.TaskCreations);
        Assert.Single(h.Env.Iceye.Tasks);
        Assert.All(again.Downloads, d => Assert.True(d.Skipped, d.Asset.Identity));
        Assert.Equal(blobGets, h.Env.Host.Requests.Count(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal)));

        // A changed field is another order.
        var other = await h.CreateClient().DownloadAsync(h.NewRequest(t => t.ImagingMode = IceyeImagingMode.Stripmap), h.Directory);
        Assert.False(other.ResumedFromJournal);
        Assert.Equal(2, h.TaskCreations);
    }

    [Fact]
    public async Task Cancelled_while_the_task_runs_then_run_again_resumes_the_same_task_without_a_second_create()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<SatDownloadProgress>(p =>
        {
            if (p.Phase == SatDownloadPhase.WaitingForTask && p.Task?.ProviderStatus == "ACTIVE")
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory, null, progress, cts.Token));

        var pending = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        var taskId = Assert.Single(h.Env.Iceye.Tasks).Id;
        Assert.Equal(taskId, pending.TaskId);
        Assert.Empty(Directory.GetFiles(h.Directory, "*.tif", SearchOption.AllDirectories));

        var result = await h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory);

        Assert.True(result.Succeeded);
        Assert.True(result.ResumedFromJournal);
        Assert.Equal(taskId, result.TaskId);
        Assert.Equal(1, h.TaskCreations);
        Assert.All(result.Downloads, d => Assert.Equal(h.ExpectedSha256Of(d.Asset), IceyeUnifiedHarness.Sha256OfFile(d.FilePath!)));
    }

    [Fact]
    public async Task Cancelled_mid_download_then_run_again_resumes_the_partial_file_and_creates_no_second_task()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync(new IceyeEmulatorOptions { GeoTiffImagery = false, DataFileSize = 600_000 });
        var pace = h.Env.Host.Faults.OnPrefix("/signed/").PaceBody(2_000_000);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (!p.IsAggregate && p.Asset!.AssetKey == "grd-tif" && p.BytesDownloaded >= 200_000)
            {
                cts.Cancel();
            }
        });
        var options = IceyeUnifiedHarness.Fast with { MaxConnectionsPerFile = 1 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory, options, progress, cts.Token));

        var partial = Directory.GetFiles(h.Directory, "grd-tif*.part", SearchOption.AllDirectories);
        Assert.Single(partial);
        Assert.Empty(Directory.GetFiles(h.Directory, "grd-tif.tif", SearchOption.AllDirectories));
        var crashed = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(JournalEntryStatus.Downloading, crashed.Status);

        pace.Remove();
        var result = await h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory, options);

        Assert.True(result.Succeeded);
        Assert.True(result.ResumedFromJournal);
        Assert.Equal(crashed.TaskId, result.TaskId);
        Assert.Equal(1, h.TaskCreations);
        var grd = Assert.Single(result.Downloads, d => d.Asset.AssetKey == "grd-tif");
        Assert.True(grd.Resumed);
        Assert.All(result.Downloads, d => Assert.Equal(h.ExpectedSha256Of(d.Asset), IceyeUnifiedHarness.Sha256OfFile(d.FilePath!)));
    }

    [Fact]
    public async Task A_journaled_task_ICEYE_no_longer_knows_is_reported_and_never_ordered_again()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<SatDownloadProgress>(p =>
        {
            if (p.Phase == SatDownloadPhase.WaitingForTask)
            {
                cts.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory, null, progress, cts.Token));
        var taskId = Assert.Single(h.Env.Iceye.Tasks).Id;
        h.Env.Host.Faults.On("/iceye/api/tasking/v2/tasks/" + taskId).WithMethod("GET").RespondWithStatus(404, int.MaxValue,
            body: "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"code\":\"task_not_found\",\"details\":\"No such task.\"}",
            contentType: "application/problem+json");

        var ex = await Assert.ThrowsAsync<JournaledTaskNotFoundException>(() => h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory));

        Assert.Contains(taskId, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.TaskCreations);
    }

    [Fact]
    public async Task DownloadWhenFulfilled_fetches_the_SLA_products_at_FULFILLED_and_a_later_run_adds_the_rest_of_the_same_task()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var request = new IceyeTaskImageryRequest(h.NewRequest().TaskRequest!) { DownloadWhenFulfilled = true };
        Assert.Equal(h.NewRequest().GetFingerprint(), request.GetFingerprint());

        var early = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(early.Succeeded);
        Assert.Equal(ProviderTaskStatus.PartiallySucceeded, early.TaskStatus);
        Assert.Equal("FULFILLED", Assert.Single(h.Env.Iceye.Tasks).StatusAt(h.Env.Clock.GetUtcNow()));
        Assert.Equal(7, early.Downloads.Count);
        Assert.DoesNotContain(early.Downloads, d => d.Asset.AssetKey.StartsWith("slc", StringComparison.Ordinal));

        h.Env.Advance(TimeSpan.FromHours(5));
        var late = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(late.ResumedFromJournal);
        Assert.Equal(early.TaskId, late.TaskId);
        Assert.Equal(ProviderTaskStatus.Succeeded, late.TaskStatus);
        Assert.Equal(9, late.Downloads.Count);
        Assert.Equal(7, late.Downloads.Count(d => d.Skipped));
        Assert.Equal(1, h.TaskCreations);
        Assert.All(late.Downloads, d => Assert.Equal(h.ExpectedSha256Of(d.Asset), IceyeUnifiedHarness.Sha256OfFile(d.FilePath!)));
    }

    [Fact]
    public async Task Existing_task_id_downloads_its_products_without_creating_anything()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var task = await h.Env.Client.CreateTaskAsync(h.Env.NewRequest());
        h.Env.Advance(TimeSpan.FromHours(11));
        h.Env.Host.Requests.Clear();

        var result = await h.CreateClient().DownloadAsync(IceyeTaskImageryRequest.ForExistingTask(task.Id), h.Directory);

        Assert.True(result.Succeeded);
        Assert.Equal(task.Id, result.TaskId);
        Assert.Equal(0, h.TaskCreations);
        Assert.Equal(7, result.Downloads.Count);
        Assert.All(result.Downloads, d => Assert.Equal(h.ExpectedSha256Of(d.Asset), d.Sha256));
    }

    [Fact]
    public async Task Asset_filter_keeps_only_the_GRD_GeoTIFF_of_the_same_task()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var request = new IceyeTaskImageryRequest(h.NewRequest().TaskRequest!) { AssetFilter = new AssetFilter { AssetKeys = ["grd-tif"] } };

        var result = await h.CreateClient().DownloadAsync(request, h.Directory);

        var download = Assert.Single(result.Downloads);
        Assert.Equal("grd-tif", download.Asset.AssetKey);
        Assert.Equal(8, result.AssetsExcludedByFilter);
        Assert.Equal(h.ExpectedSha256Of(download.Asset), IceyeUnifiedHarness.Sha256OfFile(download.FilePath!));
        Assert.Equal(h.NewRequest().GetFingerprint(), request.GetFingerprint());
    }

    [Fact]
    public async Task Rejected_task_throws_a_typed_failure_and_the_journal_remembers_it()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        h.Env.Iceye.ScriptOutcomes(IceyeEmulatedOutcome.Reject);

        var ex = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory));

        Assert.Equal(ProviderNames.Iceye, ex.Provider);
        Assert.Equal(ProviderTaskStatus.Failed, ex.Status);
        Assert.Contains("REJECTED", ex.Message, StringComparison.Ordinal);
        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(JournalEntryStatus.Failed, entry.Status);
        Assert.Equal(1, h.TaskCreations);
    }

    [Fact]
    public async Task Contract_refusal_leaves_no_journal_entry_so_a_corrected_request_orders_cleanly()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() =>
            h.CreateClient().DownloadAsync(h.NewRequest(t => t.ImagingMode = IceyeImagingMode.SpotlightExtendedDwellPrecise), h.Directory));

        Assert.Equal(400, ex.Status);
        Assert.Contains("not allowed", ex.Message, StringComparison.Ordinal);
        Assert.Empty(DownloadJournal.Open(h.Directory).Entries);
        Assert.Empty(h.Env.Iceye.Tasks);
    }

    [Fact]
    public async Task IceyeClient_runs_the_same_request_without_SatDownloadClient()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();

        var created = await h.Env.Client.StartAsync(h.NewRequest());
        var existing = await h.Env.Client.StartAsync(IceyeTaskImageryRequest.ForExistingTask(created.Id));

        Assert.Equal(created.Id, existing.Id);
        Assert.Equal(1, h.TaskCreations);
        Assert.Equal("RECEIVED", existing.ProviderStatus);
        await Assert.ThrowsAsync<ImageryRequestValidationException>(() => h.Env.Client.StartAsync(new IceyeTaskImageryRequest()));
        Assert.Equal(1, h.TaskCreations);
    }
}
