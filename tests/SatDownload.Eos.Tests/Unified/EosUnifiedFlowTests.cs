using System.Text.Json;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.Unified;

/// <summary>SatDownloadClient running EOS load-by-extent against the emulator: files, catalog, journal, budget.</summary>
public sealed class EosUnifiedFlowTests
{
    [Theory]
    [InlineData(EosCompletionMode.JsonResultArray)]
    [InlineData(EosCompletionMode.InlineBinary)]
    [InlineData(EosCompletionMode.Redirect)]
    public async Task Full_flow_creates_one_task_downloads_the_exact_bytes_and_writes_journal_and_catalog(EosCompletionMode mode)
    {
        await using var h = await EosHarness.StartAsync(o => o.CompletionMode = mode);
        h.AutoAdvance();
        var request = UnifiedHarness.Request();

        var result = await h.CreateSatDownloadClient().DownloadAsync(request, h.Directory);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        Assert.Equal("eos", result.Provider);
        Assert.False(result.ResumedFromJournal);
        Assert.Null(result.CostEstimate);
        Assert.Equal(ProviderTaskStatus.Succeeded, result.TaskStatus);
        Assert.Equal(request.GetFingerprint(), result.RequestFingerprint);
        Assert.Equal(1, h.Creates());
        var task = Assert.Single(h.Eos.Tasks);
        Assert.Equal(task.TaskId, result.TaskId);

        var download = Assert.Single(result.Downloads);
        var expected = EosHarness.Sha256(h.Eos.GetResultBytes(task.TaskId));
        Assert.Equal(expected, EosHarness.Sha256File(download.FilePath!));
        Assert.Equal(expected, download.Sha256);
        Assert.EndsWith(".tif", download.FilePath, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(h.Directory, "eos") + Path.DirectorySeparatorChar, download.FilePath, StringComparison.Ordinal);

        var journal = DownloadJournal.Open(h.Directory);
        var entry = Assert.Single(journal.Entries);
        Assert.Equal(task.TaskId, entry.TaskId);
        Assert.Equal("lbe", entry.TaskKind);
        Assert.Equal("eos:lbe:" + task.TaskId, entry.RehydrationToken);
        Assert.Equal(JournalEntryStatus.Completed, entry.Status);
        Assert.Equal(expected, Assert.Single(entry.Assets).Sha256);

        using var catalog = JsonDocument.Parse(await File.ReadAllTextAsync(result.ManifestPath!));
        Assert.Equal("Catalog", catalog.RootElement.GetProperty("type").GetString());
        var itemLink = Assert.Single(catalog.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "item");
        var itemPath = Path.GetFullPath(Path.Combine(h.Directory, itemLink.GetProperty("href").GetString()!));
        using var item = JsonDocument.Parse(await File.ReadAllTextAsync(itemPath));
        Assert.Equal("eos", item.RootElement.GetProperty("properties").GetProperty("satdownload:provider").GetString());
        Assert.Equal(task.TaskId, item.RootElement.GetProperty("properties").GetProperty("satdownload:task_id").GetString());
        var asset = Assert.Single(item.RootElement.GetProperty("assets").EnumerateObject()).Value;
        Assert.Equal("1220" + expected, asset.GetProperty("file:checksum").GetString());
        Assert.Equal(new FileInfo(download.FilePath!).Length, asset.GetProperty("file:size").GetInt64());
        Assert.Equal(download.FilePath, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(itemPath)!, asset.GetProperty("href").GetString()!)));
    }

    [Fact]
    public async Task Running_the_same_request_again_resumes_the_task_by_id_and_creates_no_second_task()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var first = await h.CreateSatDownloadClient().DownloadAsync(UnifiedHarness.Request(), h.Directory);

        // A new client and a new request object with another reference: same fingerprint, same task.
        var again = new Eos.Unified.EosLoadByExtentImageryRequest(new Eos.Tasks.EosLoadByExtentRequest
        {
            ViewId = "S2/13/R/EL/2023/7/19/0",
            Bands = ["B04", "B08"],
            Merge = true,
            Aoi = EosHarness.Square(),
            Reference = "my-other-reference",
        });
        var second = await h.CreateSatDownloadClient().DownloadAsync(again, h.Directory);

        Assert.True(second.ResumedFromJournal);
        Assert.Equal(first.TaskId, second.TaskId);
        Assert.True(Assert.Single(second.Downloads).Skipped);
        Assert.Equal(1, h.Creates());
        Assert.Single(h.Eos.Tasks);
    }

    [Fact]
    public async Task Cancelling_while_waiting_and_running_again_resumes_the_same_task()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress<SatDownloadProgress>(p =>
        {
            if (p.Phase == SatDownloadPhase.WaitingForTask)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateSatDownloadClient().DownloadAsync(UnifiedHarness.Request(), h.Directory, null, progress, cts.Token));
        var crashed = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.NotNull(crashed.TaskId);
        Assert.Equal(1, h.Creates());

        var result = await h.CreateSatDownloadClient().DownloadAsync(UnifiedHarness.Request(), h.Directory);

        Assert.True(result.Succeeded);
        Assert.True(result.ResumedFromJournal);
        Assert.Equal(crashed.TaskId, result.TaskId);
        Assert.Equal(1, h.Creates());
        Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(result.TaskId)), EosHarness.Sha256File(result.Downloads[0].FilePath!));
    }

    [Fact]
    public async Task A_journaled_task_unknown_to_eos_is_reported_and_nothing_is_ordered_again()
    {
        string fingerprintTaskId;
        var directory = Path.Combine(Path.GetTempPath(), "satdownload-eos-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await EosHarness.StartAsync())
            {
                first.AutoAdvance();
                fingerprintTaskId = (await first.CreateSatDownloadClient().DownloadAsync(UnifiedHarness.Request(), directory)).TaskId;
            }

            // Another emulator (EOS forgot the task): the journal's id gets a 404.
            await using var h = await EosHarness.StartAsync();
            h.AutoAdvance();
            var ex = await Assert.ThrowsAsync<JournaledTaskNotFoundException>(() => h.CreateSatDownloadClient().DownloadAsync(UnifiedHarness.Request(), directory));

            Assert.Contains(fingerprintTaskId, ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, h.Creates());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_cost_budget_is_refused_before_ordering_because_eos_cannot_estimate()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var client = h.CreateSatDownloadClient(o => o.RequireCostEstimate = true);

        Assert.Null(await client.EstimateCostAsync(UnifiedHarness.Request()));
        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() =>
            client.DownloadAsync(UnifiedHarness.Request(), h.Directory, UnifiedHarness.Fast with { Budget = new DownloadBudget { MaxCost = 100m } }));

        Assert.Contains("eos", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, h.Creates());
        Assert.Empty(h.EosRequests());
    }

    [Fact]
    public async Task A_byte_budget_smaller_than_the_result_writes_no_file()
    {
        await using var h = await EosHarness.StartAsync(o => o.RasterSize = 128);
        h.AutoAdvance();

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.CreateSatDownloadClient().DownloadAsync(
            UnifiedHarness.Request(), h.Directory, UnifiedHarness.Fast with { Budget = new DownloadBudget { MaxBytes = 1000 } }));

        Assert.Equal(BudgetLimit.Bytes, ex.Limit);
        Assert.Contains("nothing was downloaded", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(h.Directory, "*.tif*", SearchOption.AllDirectories));
        Assert.Equal(1, h.Creates());
    }

    [Fact]
    public async Task A_multipolygon_split_into_tasks_downloads_one_file_per_polygon_as_one_journaled_task()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var request = new Eos.Unified.EosLoadByExtentImageryRequest(new Eos.Tasks.EosLoadByExtentRequest
        {
            ViewId = "S2/13/R/EL/2023/7/19/0",
            Bands = ["B04", "B08"],
            Merge = true,
            Aoi = Aoi.FromWkt("MULTIPOLYGON(((10 10,10.01 10,10.01 10.01,10 10.01,10 10)),((11 11,11.01 11,11.01 11.01,11 11.01,11 11)))"),
            MultiPolygonHandling = Eos.Tasks.EosMultiPolygonHandling.SplitIntoTasks,
        });

        var result = await h.CreateSatDownloadClient().DownloadAsync(request, h.Directory);

        Assert.True(result.Succeeded);
        Assert.Equal(2, h.Creates());
        var ids = h.Eos.Tasks.Select(t => t.TaskId).ToArray();
        Assert.Equal(string.Join(",", ids), result.TaskId);
        Assert.Equal(2, result.Downloads.Count);
        foreach (var id in ids)
        {
            var download = Assert.Single(result.Downloads, d => d.Asset.ProductId == id);
            Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(id)), EosHarness.Sha256File(download.FilePath!));
        }

        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal("lbe-group", entry.TaskKind);

        var again = await h.CreateSatDownloadClient().DownloadAsync(request, h.Directory);
        Assert.True(again.ResumedFromJournal);
        Assert.All(again.Downloads, d => Assert.True(d.Skipped));
        Assert.Equal(2, h.Creates());
    }

    [Fact]
    public async Task Existing_tasks_are_downloaded_without_creating_anything()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var eos = h.CreateClient();
        var first = await eos.CreateLoadByExtentTaskAsync(UnifiedHarness.Request().LoadByExtent!);
        var second = await eos.CreateLoadByExtentTaskAsync(UnifiedHarness.Request(["B04"]).LoadByExtent!);
        h.Emulator.Requests.Clear();

        var result = await h.CreateSatDownloadClient().DownloadAsync(Eos.Unified.EosLoadByExtentImageryRequest.ForExistingTasks(first.Id, second.Id), h.Directory);

        Assert.True(result.Succeeded);
        Assert.Equal(0, h.Creates());
        Assert.Equal(first.Id + "," + second.Id, result.TaskId);
        Assert.Equal(
            new[] { first.Id, second.Id }.Select(id => EosHarness.Sha256(h.Eos.GetResultBytes(id))),
            result.Downloads.Select(d => EosHarness.Sha256File(d.FilePath!)));

        // The provider client accepts the same request.
        var task = await eos.StartAsync(Eos.Unified.EosLoadByExtentImageryRequest.ForExistingTasks(second.Id));
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.WaitForCompletionAsync());
        Assert.Equal(0, h.Creates());
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
