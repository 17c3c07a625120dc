using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.ClearSky.Unified;
using SatDownload.Testing.ClearSky;
using static SatDownload.ClearSky.Tests.Unified.UnifiedTestSupport;

namespace SatDownload.ClearSky.Tests.Unified;

/// <summary>ClearSKY through <see cref="SatDownloadClient"/> against the emulator: files, STAC catalog, journal, budget.</summary>
public sealed class ClearSkyUnifiedFlowTests
{
    [Fact]
    public async Task Composite_runs_available_estimate_then_one_paid_download_with_catalog_and_journal()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = SatClient(ctx);
        var request = Composite();

        var result = await client.DownloadAsync(request, ctx.Directory, Fast(new DownloadBudget { MaxCost = 100m, CostUnit = ClearSkyEstimate.CostUnit }));

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        Assert.Equal(ProviderNames.ClearSky, result.Provider);
        Assert.Equal(ClearSkyClient.TaskIdOf(request), result.TaskId);
        Assert.StartsWith("composite-", result.TaskId, StringComparison.Ordinal);
        Assert.Equal(ProviderTaskStatus.Succeeded, result.TaskStatus);

        // The documented order: availability, estimate, then the one paid composite request.
        var posts = ctx.Emulator.Requests.Where(r => r.Method == "POST").Select(r => r.Path).ToList();
        Assert.Equal([AvailablePath, EstimatePath, CompositePath], posts);

        // The cost is the emulator's estimate for the AOI, in processing units.
        var delivery = Assert.Single(ctx.ClearSky.Deliveries);
        Assert.NotNull(result.CostEstimate);
        Assert.Equal(ClearSkyEstimate.CostUnit, result.CostEstimate!.Value.Unit);
        Assert.True(result.CostEstimate.Value.Amount > 0m);

        // The file on disk is byte-identical to what the emulator produced.
        var download = Assert.Single(result.Downloads);
        Assert.Equal(delivery.Sha256, download.Sha256);
        Assert.Equal(delivery.Sha256, TestFiles.Sha256Of(download.FilePath!));
        Assert.StartsWith(Path.Combine(ctx.Directory, "clearsky"), download.FilePath, StringComparison.Ordinal);

        // STAC: the item carries ClearSKY's attribution notice and the asset's multihash checksum and size.
        var (item, itemDirectory) = ReadItem(result.ManifestPath!);
        using (item)
        {
            var props = item.RootElement.GetProperty("properties");
            Assert.Equal(ProviderNames.ClearSky, props.GetProperty("satdownload:provider").GetString());
            Assert.Equal(ctx.ClearSky.Options.Attribution, props.GetProperty("satdownload:attribution").GetString());
            var asset = item.RootElement.GetProperty("assets").GetProperty("composite");
            Assert.Equal("1220" + delivery.Sha256, asset.GetProperty("file:checksum").GetString());
            Assert.Equal(delivery.Content.LongLength, asset.GetProperty("file:size").GetInt64());
            Assert.Equal(download.FilePath, Path.GetFullPath(Path.Combine(itemDirectory, asset.GetProperty("href").GetString()!)));
        }

        // The journal knows the task and the finished file.
        var entry = Assert.Single(DownloadJournal.Open(ctx.Directory).Entries);
        Assert.Equal(result.TaskId, entry.TaskId);
        Assert.Equal(JournalEntryStatus.Completed, entry.Status);
        Assert.Equal(result.CostEstimate, entry.CostEstimate);
    }

    [Fact]
    public async Task Running_the_same_request_again_pays_nothing_twice()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = SatClient(ctx);

        var first = await client.DownloadAsync(Composite(), ctx.Directory);
        var balanceAfterFirst = ctx.ClearSky.Options.Balance;
        var second = await client.DownloadAsync(Composite(), ctx.Directory);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.True(second.ResumedFromJournal);
        Assert.Equal(first.TaskId, second.TaskId);
        Assert.True(Assert.Single(second.Downloads).Skipped);

        // One composite request in all, and the second run sent nothing at all (no estimate either).
        Assert.Equal(1, Posts(ctx, CompositePath));
        Assert.Equal(1, Posts(ctx, EstimatePath));
        Assert.Single(ctx.ClearSky.Deliveries);
        Assert.Equal(balanceAfterFirst, ctx.ClearSky.Options.Balance);
        Assert.Equal(first.Downloads[0].Sha256, TestFiles.Sha256Of(second.Downloads[0].FilePath!));
    }

    [Fact]
    public async Task Run_cancelled_while_the_composite_is_rendered_resumes_and_is_charged_once()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { ProcessingGate = gate.Task });
        var client = SatClient(ctx);
        using var cts = new CancellationTokenSource();

        var run = client.DownloadAsync(Composite(), ctx.Directory, Fast(), (IProgress<DownloadProgress>?)null, cts.Token);
        await WaitUntilAsync(() => ctx.ClearSky.InFlight == 1);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // The client has gone; wait until the emulator has seen the abort too, or releasing the gate could still render
        // (and charge) the abandoned request on a loaded machine.
        await WaitUntilAsync(() => ctx.ClearSky.InFlight == 0);
        Assert.Empty(ctx.ClearSky.Deliveries);
        var journal = DownloadJournal.Open(ctx.Directory);
        Assert.Equal(ClearSkyClient.TaskIdOf(Composite()), Assert.Single(journal.Entries).TaskId);

        gate.SetResult();
        var second = await client.DownloadAsync(Composite(), ctx.Directory);

        Assert.True(second.Succeeded);
        Assert.True(second.ResumedFromJournal);
        Assert.Single(ctx.ClearSky.Deliveries);
        Assert.Equal(1, Posts(ctx, EstimatePath));
        Assert.Equal(ctx.ClearSky.Deliveries[0].Sha256, TestFiles.Sha256Of(second.Downloads[0].FilePath!));
    }

    [Fact]
    public async Task Estimate_over_budget_is_refused_before_any_paid_request()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = SatClient(ctx);

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() =>
            client.DownloadAsync(Composite(), ctx.Directory, Fast(new DownloadBudget { MaxCost = 0.01m, CostUnit = ClearSkyEstimate.CostUnit })));

        Assert.Equal(BudgetLimit.Cost, ex.Limit);
        Assert.Equal(0, Posts(ctx, CompositePath));
        Assert.Empty(ctx.ClearSky.Deliveries);
        Assert.Empty(Directory.GetFiles(ctx.Directory, "*.tif", SearchOption.AllDirectories));
        Assert.Equal(1, Posts(ctx, EstimatePath));
    }

    [Fact]
    public async Task Composite_that_is_not_ordered_is_refused_before_the_estimate_and_the_download()
    {
        var options = new ClearSkyEmulatorOptions();
        options.Dates[new DateOnly(2024, 5, 3)] = ClearSkyDateState.NotOrdered;
        await using var ctx = await ClearSkyTestContext.StartAsync(options);
        var client = SatClient(ctx);

        var ex = await Assert.ThrowsAsync<ClearSkyNotAvailableException>(() => client.DownloadAsync(Composite(), ctx.Directory));

        Assert.Contains("AutomaticOrderCreation", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, Posts(ctx, CompositePath));
        Assert.Equal(0, Posts(ctx, EstimatePath));
    }

    [Theory]
    [InlineData("tile")]
    [InlineData("minitile")]
    public async Task Tiles_and_minitiles_download_without_an_estimate(string kind)
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = SatClient(ctx);
        ImageryRequest request = kind == "tile" ? Tile() : MiniTile();

        var result = await client.DownloadAsync(request, ctx.Directory);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        Assert.Null(result.CostEstimate);
        Assert.StartsWith(kind + "-", result.TaskId, StringComparison.Ordinal);
        var delivery = Assert.Single(ctx.ClearSky.Deliveries);
        Assert.Equal(kind == "tile" ? TilePath : MiniTilePath, delivery.Endpoint);
        Assert.Equal(delivery.Sha256, TestFiles.Sha256Of(result.Downloads[0].FilePath!));
        Assert.Single(ctx.Emulator.Requests, r => r.Method == "POST");

        var again = await client.DownloadAsync(request, ctx.Directory);
        Assert.True(again.ResumedFromJournal);
        Assert.Single(ctx.ClearSky.Deliveries);
    }

    [Fact]
    public async Task The_ClearSky_client_runs_the_same_request_without_SatDownloadClient()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();

        var composite = Assert.Single(await client.DownloadAsync(Composite(), ctx.Directory, ClearSkyTestContext.FastDownload()));
        var tile = await client.DownloadAsync(Tile(), ctx.Directory, ClearSkyTestContext.FastDownload());
        var minitile = await client.DownloadAsync(MiniTile(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal(3, ctx.ClearSky.Deliveries.Count);
        Assert.Equal(ctx.ClearSky.Deliveries[0].Sha256, composite.Sha256);
        Assert.Equal(ctx.ClearSky.Deliveries[1].Sha256, TestFiles.Sha256Of(tile.FilePath!));
        Assert.Equal(ctx.ClearSky.Deliveries[2].Sha256, TestFiles.Sha256Of(minitile.FilePath!));
        Assert.NotNull(composite.Estimate);

        var task = client.CreateTask(Composite());
        Assert.Equal(ClearSkyClient.TaskIdOf(Composite()), task.Id);
        Assert.True(task.HasCompleted);
        var asset = Assert.Single(task.Assets);
        Assert.Equal(ProviderNames.ClearSky, asset.Provider);
        Assert.Equal("composite", asset.AssetKey);
    }

    [Fact]
    public async Task A_series_of_dates_is_checked_and_estimated_as_a_whole_then_downloaded_once_each()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = SatClient(ctx);
        var dates = new[] { new DateTimeOffset(2024, 5, 8, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero) };
        var series = new ClearSkyCompositeImageryRequest(Composite().Request with { Date = default }) { Dates = dates };
        var single = (await new ClearSkyImageryProvider(ctx.Client()).EstimateCostAsync(Composite())) ?? throw new InvalidOperationException("no estimate");
        ctx.Emulator.Requests.Clear();

        // A budget between one composite's cost and the series' refuses the whole series before anything is produced.
        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.DownloadAsync(series, ctx.Directory,
            Fast(new DownloadBudget { MaxCost = single.Amount * 1.5m, CostUnit = ClearSkyEstimate.CostUnit })));
        Assert.Equal(single.Amount * 2, ex.Requested);
        Assert.Equal(0, Posts(ctx, CompositePath));
        Assert.Equal(2, Posts(ctx, EstimatePath));

        var result = await client.DownloadAsync(series, ctx.Directory);

        Assert.True(result.Succeeded, string.Join("; ", result.Downloads.Select(d => d.Exception?.Message)));
        Assert.Equal(new CostEstimate(single.Amount * 2, ClearSkyEstimate.CostUnit), result.CostEstimate);
        Assert.Equal(2, result.Downloads.Count);
        Assert.Equal(2, ctx.ClearSky.Deliveries.Count);
        Assert.Equal(
            ctx.ClearSky.Deliveries.Select(d => d.Sha256).Order(StringComparer.Ordinal),
            result.Downloads.Select(d => TestFiles.Sha256Of(d.FilePath!)).Order(StringComparer.Ordinal));
        Assert.Contains(result.Downloads, d => d.Asset.AcquiredAt == dates[0]);
        Assert.Contains(result.Downloads, d => d.Asset.AcquiredAt == dates[1]);

        var again = await client.DownloadAsync(new ClearSkyCompositeImageryRequest(series.Request) { Dates = [dates[1], dates[0]] }, ctx.Directory);
        Assert.True(again.ResumedFromJournal);
        Assert.Equal(2, ctx.ClearSky.Deliveries.Count);
        Assert.Equal(2, Posts(ctx, CompositePath));
    }

    [Fact]
    public async Task Through_the_shared_downloader_busy_is_retried_and_a_ClearSky_error_keeps_its_code()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { ForcedBusyResponses = 2, BusyRetryAfterSeconds = 0 });
        var client = SatClient(ctx);

        var busy = await client.DownloadAsync(Composite(), Path.Combine(ctx.Directory, "busy"));

        Assert.True(busy.Succeeded, busy.Downloads[0].Exception?.ToString());
        Assert.Equal(2, ctx.ClearSky.BusyAnswers);
        Assert.Equal(3, Posts(ctx, CompositePath));
        Assert.Single(ctx.ClearSky.Deliveries);

        // The paid POST refused with 1006 (not ordered), availability not required: the typed error carries ClearSKY's code.
        ctx.ClearSky.Options.Dates[new DateOnly(2024, 5, 3)] = ClearSkyDateState.NotOrdered;
        var refused = await client.DownloadAsync(new ClearSkyCompositeImageryRequest(Composite().Request) { RequireAvailability = false }, Path.Combine(ctx.Directory, "refused"));

        Assert.False(refused.Succeeded);
        var ex = Assert.IsType<ProviderRequestException>(refused.Downloads[0].Exception);
        Assert.Equal("1006", ex.ErrorCode);
        Assert.Equal(400, ex.Status);
        Assert.Contains("not covered by an order", ex.Message, StringComparison.Ordinal);
        Assert.Single(ctx.ClearSky.Deliveries);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
