using SatDownload.Capella.Models;
using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Unified;

/// <summary>Capella through <see cref="SatDownloadClient"/>, end to end against the emulator: files, catalog, journal, budget.</summary>
public class UnifiedFlowTests
{
    private const string Product = CapellaEmulator.ArticleProductId;

    [Fact]
    public async Task Aoi_change_maps_download_with_checksums_catalog_and_journal_and_a_rerun_downloads_nothing()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var request = UnifiedHarness.AoiRequest(CapellaAssetFilter.CloudOptimizedOnly);

        var result = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(result.Succeeded);
        Assert.Equal(ProviderNames.Capella, result.Provider);
        Assert.Equal($"aoi/{CapellaEmulator.ArticleAoiId}/{Product}", result.TaskId);
        Assert.Null(result.CostEstimate);
        Assert.Equal(2, result.Downloads.Count);
        foreach (var d in result.Downloads)
        {
            var file = d.Asset.AssetKey == "a_cog" ? "A_cog.tif" : "B_cog.tif";
            var expected = h.Sha256OfBlob(CapellaEmulator.ChangeMapBlobName(Product, file));
            Assert.Equal(expected, d.Sha256);
            Assert.Equal(expected, UnifiedHarness.Sha256OfFile(d.FilePath!));
            Assert.StartsWith(Path.Combine(h.Directory, "capella", Product), d.FilePath!, StringComparison.Ordinal);
        }

        // STAC: one item for the product, each asset with its file:checksum (SHA-256 multihash) and the AOI in the properties.
        var (itemPath, item) = Assert.Single(h.CatalogItems(result.ManifestPath!));
        Assert.Equal(ProviderNames.Capella, item.GetProperty("properties").GetProperty("satdownload:provider").GetString());
        Assert.Equal(result.TaskId, item.GetProperty("properties").GetProperty("satdownload:task_id").GetString());
        var aCog = item.GetProperty("assets").GetProperty("a_cog");
        Assert.Equal("1220" + h.Sha256OfBlob(CapellaEmulator.ChangeMapBlobName(Product, "A_cog.tif")), aCog.GetProperty("file:checksum").GetString());
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(itemPath)!, aCog.GetProperty("href").GetString()!)));

        // Journal: the selection is recorded; a rerun resumes it, lists once, orders nothing and downloads nothing.
        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(result.TaskId, entry.TaskId);
        Assert.Equal(JournalEntryStatus.Completed, entry.Status);
        var signedBefore = h.Emulator.Requests.Count(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal));
        h.Emulator.Requests.Clear();

        var again = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(again.ResumedFromJournal);
        Assert.Equal(result.TaskId, again.TaskId);
        Assert.All(again.Downloads, d => Assert.True(d.Skipped));
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Method == "POST");
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Path.StartsWith("/signed/", StringComparison.Ordinal));
        Assert.True(signedBefore >= 2);
    }

    [Fact]
    public async Task Order_is_quoted_placed_once_waited_for_and_downloaded()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var progress = new List<SatDownloadPhase>();

        var result = await h.CreateClient().DownloadAsync(
            UnifiedHarness.OrderRequest(new CapellaAssetFilter { Keys = ["changemap"] }),
            h.Directory,
            null,
            new SynchronousProgress<SatDownloadProgress>(p => progress.Add(p.Phase)));

        Assert.True(result.Succeeded);
        Assert.Equal(new CostEstimate(250m, "USD"), result.CostEstimate);
        var order = Assert.Single(h.Capella.Orders.Values);
        Assert.Equal(order.OrderId, result.TaskId);
        Assert.Equal(1, h.Reviews);
        Assert.Equal(1, h.OrdersPlaced);
        Assert.Contains(SatDownloadPhase.WaitingForTask, progress);
        Assert.True(h.Emulator.Clock.GetUtcNow() >= order.OrderDate + h.Capella.OrderProcessingTime);
        var d = Assert.Single(result.Downloads);
        Assert.Equal("changemap", d.Asset.AssetKey);
        Assert.Equal(h.Sha256OfBlob(CapellaEmulator.GranuleBlobName(UnifiedHarness.Granule, "changemap")), UnifiedHarness.Sha256OfFile(d.FilePath!));
        var entry = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal("capella:order:" + order.OrderId, entry.RehydrationToken);
        Assert.Equal(new CostEstimate(250m, "USD"), entry.CostEstimate);
        var (_, item) = Assert.Single(h.CatalogItems(result.ManifestPath!));
        Assert.Equal("capella-" + UnifiedHarness.Granule, item.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Rerun_after_cancel_mid_download_resumes_the_order_by_id_and_never_orders_again()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed(fileSize: 1_000_000);
        var blob = CapellaEmulator.GranuleBlobName(UnifiedHarness.Granule, "HH");
        var pace = h.Emulator.Faults.OnBlob(blob).PaceBody(2_000_000);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (!p.IsAggregate && p.Asset!.AssetKey == "HH" && p.BytesDownloaded >= 200_000)
            {
                cts.Cancel();
            }
        });
        var request = UnifiedHarness.OrderRequest();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().DownloadAsync(request, h.Directory, null, progress, cts.Token));

        var crashed = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal(JournalEntryStatus.Downloading, crashed.Status);
        Assert.Equal(1, h.OrdersPlaced);
        pace.Remove();

        var result = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(result.Succeeded);
        Assert.True(result.ResumedFromJournal);
        Assert.Equal(crashed.TaskId, result.TaskId);
        Assert.Equal(1, h.OrdersPlaced);
        Assert.Equal(1, h.Reviews);
        Assert.True(result.Downloads.Single(x => x.Asset.AssetKey == "HH").Resumed);
        foreach (var d in result.Downloads)
        {
            Assert.Equal(h.Sha256OfBlob(CapellaEmulator.GranuleBlobName(UnifiedHarness.Granule, d.Asset.AssetKey)), UnifiedHarness.Sha256OfFile(d.FilePath!));
        }

        Assert.Equal(["HH", "changemap"], result.Downloads.Select(x => x.Asset.AssetKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancel_while_the_order_processes_then_rerun_resumes_polling_and_a_vanished_order_is_never_reordered()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        h.Capella.OrderProcessingTime = TimeSpan.FromMinutes(10);
        var request = UnifiedHarness.OrderRequest(new CapellaAssetFilter { Keys = ["changemap"] });
        using var cts = new CancellationTokenSource();
        var waiting = new SynchronousProgress<SatDownloadProgress>(p =>
        {
            if (p.Phase == SatDownloadPhase.WaitingForTask && p.Task is not null)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().DownloadAsync(request, h.Directory, null, waiting, cts.Token));

        var order = Assert.Single(h.Capella.Orders.Values);
        Assert.Equal(order.OrderId, Assert.Single(DownloadJournal.Open(h.Directory).Entries).TaskId);

        // The provider no longer knows the order: a typed error pointing at the journal, and still no second order.
        var gone = h.Emulator.Faults.On($"/capella/orders/{order.OrderId}").RespondWithStatus(404, int.MaxValue, body: """{"error":{"message":"Order not found","code":"NOT_FOUND"}}""", contentType: "application/json");
        var notFound = await Assert.ThrowsAsync<JournaledTaskNotFoundException>(() => h.CreateClient().DownloadAsync(request, h.Directory));
        Assert.Contains(order.OrderId, notFound.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.OrdersPlaced);
        gone.Remove();

        var result = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(result.Succeeded);
        Assert.True(result.ResumedFromJournal);
        Assert.Equal(order.OrderId, result.TaskId);
        Assert.Equal(1, h.OrdersPlaced);
        Assert.Equal(1, h.Reviews);
        Assert.Equal(h.Sha256OfBlob(CapellaEmulator.GranuleBlobName(UnifiedHarness.Granule, "changemap")), Assert.Single(result.Downloads).Sha256);
    }

    [Fact]
    public async Task Budget_refuses_an_order_over_the_cost_limit_after_the_quote_and_before_the_order()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var options = CapellaDownloads.NoWait with { Budget = new DownloadBudget { MaxCost = 100m, CostUnit = "USD" } };

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.CreateClient().DownloadAsync(UnifiedHarness.OrderRequest(), h.Directory, options));

        Assert.Equal(BudgetLimit.Cost, ex.Limit);
        Assert.Equal(250m, ex.Requested);
        Assert.Equal(1, h.Reviews);
        Assert.Equal(0, h.OrdersPlaced);
        Assert.Empty(h.Capella.Orders);
        Assert.DoesNotContain(DownloadJournal.Open(h.Directory).Entries, e => e.TaskId is not null);
    }

    [Fact]
    public async Task Aoi_request_without_an_estimate_is_refused_when_the_budget_requires_one()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var options = CapellaDownloads.NoWait with { Budget = new DownloadBudget { MaxCost = 100m, CostUnit = "USD" } };

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.CreateClient(o => o.RequireCostEstimate = true).DownloadAsync(UnifiedHarness.AoiRequest(), h.Directory, options));

        Assert.Contains("cannot estimate", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact]
    public async Task An_unauthorized_quote_is_a_typed_error_and_nothing_is_ordered()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        h.Emulator.Faults.On("/capella/orders/review").RespondWithStatus(200, int.MaxValue, body: """{"authorized":false,"authorizationDenialReason":"contract has no remaining budget"}""", contentType: "application/json");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => h.CreateClient().DownloadAsync(UnifiedHarness.OrderRequest(), h.Directory));

        Assert.Equal("POST /orders/review", ex.Operation);
        Assert.Equal(CapellaErrorCodes.NotAuthorized, ex.ErrorCode);
        Assert.Contains("contract has no remaining budget", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.OrdersPlaced);
    }

    [Fact]
    public async Task An_aoi_without_a_matching_product_is_a_404_and_leaves_no_journal_entry()
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var request = new CapellaChangeMapImageryRequest
        {
            AoiId = CapellaEmulator.ArticleAoiId,
            Query = new CapellaProductQuery { Methods = ["coherence"] },
        };

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => h.CreateClient().DownloadAsync(request, h.Directory));

        Assert.Equal(404, ex.Status);
        Assert.Equal("NO_MATCHING_PRODUCTS", ex.ErrorCode);
        Assert.Contains(CapellaEmulator.ArticleAoiId, ex.Message, StringComparison.Ordinal);
        Assert.Empty(DownloadJournal.Open(h.Directory).Entries);
    }

    public static TheoryData<string, string> InvalidRequests() => new()
    {
        { "none", "CapellaChangeMapImageryRequest.AoiId" },
        { "both", "CapellaChangeMapImageryRequest.Granules" },
        { "path-like aoi", "CapellaChangeMapImageryRequest.AoiId" },
        { "blank aoi", "CapellaChangeMapImageryRequest.AoiId" },
        { "empty granules", "CapellaChangeMapImageryRequest.Granules" },
        { "granule without collection", "CapellaChangeMapImageryRequest.Granules" },
        { "duplicate granules", "CapellaChangeMapImageryRequest.Granules" },
        { "query with granules", "CapellaChangeMapImageryRequest.Query" },
        { "contract with aoi", "CapellaChangeMapImageryRequest.ContractId" },
        { "inverted creation range", "CapellaChangeMapImageryRequest.Query" },
        { "blank file key", "CapellaChangeMapImageryRequest.Files" },
        { "blank asset filter key", "AssetFilter" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_are_refused_naming_the_field_before_any_request(string name, string field)
    {
        await using var h = await UnifiedHarness.StartAsync();
        h.Seed();
        var request = Invalid(name);

        var ex = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => h.CreateClient().DownloadAsync(request, h.Directory));
        var direct = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => h.Host.ApiKeyClient().StartAsync(request));

        Assert.StartsWith(field, ex.Field ?? ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Message, direct.Message);
        Assert.Empty(h.Emulator.Requests);
        Assert.False(File.Exists(DownloadJournal.PathFor(h.Directory)));
    }

    private static CapellaChangeMapImageryRequest Invalid(string name)
    {
        var granule = new CapellaOrderItem(UnifiedHarness.Collection, UnifiedHarness.Granule);
        var from = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
        return name switch
        {
            "none" => new CapellaChangeMapImageryRequest(),
            "both" => new CapellaChangeMapImageryRequest { AoiId = "a", Granules = [granule] },
            "path-like aoi" => new CapellaChangeMapImageryRequest { AoiId = "../aois" },
            "blank aoi" => new CapellaChangeMapImageryRequest { AoiId = " " },
            "empty granules" => new CapellaChangeMapImageryRequest { Granules = [] },
            "granule without collection" => new CapellaChangeMapImageryRequest { Granules = [new CapellaOrderItem(" ", "g")] },
            "duplicate granules" => new CapellaChangeMapImageryRequest { Granules = [granule, granule] },
            "query with granules" => new CapellaChangeMapImageryRequest { Granules = [granule], Query = new CapellaProductQuery() },
            "contract with aoi" => new CapellaChangeMapImageryRequest { AoiId = "a", ContractId = "contract-1" },
            "inverted creation range" => new CapellaChangeMapImageryRequest { AoiId = "a", Query = new CapellaProductQuery { CreatedFrom = from, CreatedTo = from.AddDays(-1) } },
            "blank file key" => new CapellaChangeMapImageryRequest { AoiId = "a", Files = new CapellaAssetFilter { Keys = [""] } },
            "blank asset filter key" => new CapellaChangeMapImageryRequest { AoiId = "a", AssetFilter = new AssetFilter { AssetKeys = [" "] } },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
