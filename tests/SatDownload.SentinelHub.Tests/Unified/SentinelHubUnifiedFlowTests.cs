using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;
using static SatDownload.SentinelHub.Tests.Unified.UnifiedSupport;

namespace SatDownload.SentinelHub.Tests.Unified;

/// <summary>Sentinel Hub through <see cref="SatDownloadClient"/> against the emulator: files, STAC catalog, journal, budget.</summary>
public sealed class SentinelHubUnifiedFlowTests
{
    [Fact]
    public async Task Process_splits_into_tiles_each_rendered_by_its_own_post_with_catalog_and_journal()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = SatClient(env);
        var request = Process();
        var dir = env.NewDirectory();

        var result = await client.DownloadAsync(request, dir);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault(d => !d.Succeeded)?.Exception?.ToString());
        Assert.Equal(SentinelHubClient.TaskIdOf(request), result.TaskId);
        Assert.Equal("PU", result.CostEstimate!.Value.Unit);
        Assert.Equal(env.Client().EstimateCost(request), result.CostEstimate);
        Assert.Equal(2, result.Downloads.Count);
        Assert.Equal(2, Count(env, "POST", "/api/v1/process"));
        Assert.All(result.Downloads, d =>
        {
            Assert.True(env.Sh.ProcessResponseHashes.ContainsKey(d.Sha256!), "the file is a body the emulator served");
            Assert.Equal(d.Sha256, Samples.Sha256(d.FilePath!));
            Assert.False(string.IsNullOrEmpty(d.Asset.Properties["bbox"]));
        });
        Assert.Equal(2, result.Downloads.Select(d => d.Sha256).Distinct().Count());

        var (item, itemDir) = Assert.Single(ReadItems(result.ManifestPath!));
        using (item)
        {
            var props = item.RootElement.GetProperty("properties");
            Assert.Equal(ProviderNames.SentinelHub, props.GetProperty("satdownload:provider").GetString());
            Assert.Contains("Copernicus Sentinel", props.GetProperty("satdownload:attribution").GetString(), StringComparison.Ordinal);
            var assets = item.RootElement.GetProperty("assets").EnumerateObject().Select(p => p.Value).ToList();
            Assert.Equal(2, assets.Count);
            Assert.All(assets, a => Assert.Contains(result.Downloads, d => "1220" + d.Sha256 == a.GetProperty("file:checksum").GetString()
                && d.FilePath == Path.GetFullPath(Path.Combine(itemDir, a.GetProperty("href").GetString()!))));
        }

        var entry = Assert.Single(DownloadJournal.Open(dir).Entries);
        Assert.Equal(result.TaskId, entry.TaskId);
        Assert.Equal(JournalEntryStatus.Completed, entry.Status);

        // The same request again: resumed from the journal, nothing rendered (or paid) twice.
        var second = await SatClient(env).DownloadAsync(Process(), dir);
        Assert.True(second.Succeeded);
        Assert.True(second.ResumedFromJournal);
        Assert.All(second.Downloads, d => Assert.True(d.Skipped));
        Assert.Equal(2, Count(env, "POST", "/api/v1/process"));
    }

    [Fact]
    public async Task Process_over_the_pu_budget_is_refused_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = SatClient(env, budget: new DownloadBudget { MaxCost = 1m, CostUnit = "PU" });

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.DownloadAsync(Process(), env.NewDirectory()));

        Assert.Equal(BudgetLimit.Cost, ex.Limit);
        Assert.Empty(env.Emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task Batch_creates_and_starts_once_polls_to_done_and_downloads_every_output_through_the_presigner()
    {
        await using var env = await ShEnvironment.StartAsync();
        var dir = env.NewDirectory();
        var request = BatchRequest(env);

        var result = await SatClient(env).DownloadAsync(request, dir);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault(d => !d.Succeeded)?.Exception?.ToString());
        Assert.Equal(ProviderTaskStatus.Succeeded, result.TaskStatus);
        Assert.Equal(100m, result.CostEstimate!.Value.Amount);
        Assert.Equal(env.Sh.Options.BatchTileNames.Count + 2, result.Downloads.Count);
        Assert.All(result.Downloads, d => Assert.Equal(env.Emulator.Blobs.Get(SentinelHubEmulator.BlobNameFor(d.Asset.Href!.OriginalString)).Sha256Hex, Samples.Sha256(d.FilePath!)));
        Assert.Equal(1, Count(env, "POST", "/api/v2/batch/process"));
        Assert.Equal(1, Count(env, "POST", "/start"));
        Assert.True(File.Exists(result.ManifestPath));

        var second = await SatClient(env).DownloadAsync(BatchRequest(env), dir);
        Assert.True(second.ResumedFromJournal);
        Assert.Equal(result.TaskId, second.TaskId);
        Assert.All(second.Downloads, d => Assert.True(d.Skipped));
        Assert.Equal(1, Count(env, "POST", "/api/v2/batch/process"));
        Assert.Equal(1, Count(env, "POST", "/start"));
    }

    [Fact]
    public async Task Batch_over_the_pu_budget_is_refused_before_any_batch_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = SatClient(env, budget: new DownloadBudget { MaxCost = 50m, CostUnit = "PU" });

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.DownloadAsync(BatchRequest(env), env.NewDirectory()));

        Assert.True(ex.Requested >= 100m);
        Assert.Empty(env.Emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task Batch_left_created_by_a_crash_is_started_once_when_the_run_resumes()
    {
        await using var env = await ShEnvironment.StartAsync();
        var request = BatchRequest(env);
        var created = await env.Client().GetBatchClient().CreateAsync(request.Request, request.Outputs);
        var provider = new SentinelHubImageryProvider(env.Client());

        var task = await provider.GetTaskAsync(request, created.Id);

        Assert.NotEqual("CREATED", task.ProviderStatus);
        Assert.Equal(1, Count(env, "POST", "/start"));
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.WaitForCompletionAsync(Fast));
    }

    [Fact]
    public async Task Catalog_downloads_the_items_http_assets_one_stac_item_per_product()
    {
        await using var env = await ShEnvironment.StartAsync();
        var dir = env.NewDirectory();

        var result = await SatClient(env).DownloadAsync(CatalogRequest(maxItems: 3), dir);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault(d => !d.Succeeded)?.Exception?.ToString());
        Assert.Null(result.CostEstimate);
        Assert.Equal(3, result.Downloads.Count);
        Assert.All(result.Downloads, d => Assert.Equal(env.Emulator.Blobs.Get(d.Asset.Href!.AbsolutePath.Split("/blobs/")[1]).Sha256Hex, Samples.Sha256(d.FilePath!)));
        Assert.Equal(3, ReadItems(result.ManifestPath!).Length);
        Assert.Equal(2, Count(env, "POST", "/api/v1/catalog/1.0.0/search"));

        var second = await SatClient(env).DownloadAsync(CatalogRequest(maxItems: 3), dir);
        Assert.True(second.ResumedFromJournal);
        Assert.All(second.Downloads, d => Assert.True(d.Skipped));
    }

    [Fact]
    public async Task Bad_requests_are_rejected_with_the_field_named_and_nothing_sent()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = SatClient(env);

        var noData = Process();
        noData.Request.Input.Data.Clear();
        var ex1 = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => client.DownloadAsync(noData, env.NewDirectory()));
        Assert.Contains("SentinelHubProcessImageryRequest.Request", ex1.Message, StringComparison.Ordinal);

        var tiles = new SentinelHubProcessImageryRequest(Process().Request) { MaxTilePixels = 5000 };
        Assert.Contains("MaxTilePixels", (await Assert.ThrowsAsync<ImageryRequestValidationException>(() => client.DownloadAsync(tiles, env.NewDirectory()))).Message, StringComparison.Ordinal);

        var noResolver = new SentinelHubBatchImageryRequest(BatchRequest(env).Request, new SentinelHubBatchOutputOptions());
        Assert.Contains("Outputs.Resolver", (await Assert.ThrowsAsync<ImageryRequestValidationException>(() => client.DownloadAsync(noResolver, env.NewDirectory()))).Message, StringComparison.Ordinal);

        var noCollections = CatalogRequest();
        noCollections.Search.Collections.Clear();
        await Assert.ThrowsAsync<ImageryRequestValidationException>(() => client.DownloadAsync(noCollections, env.NewDirectory()));

        Assert.Empty(env.Emulator.Requests.Snapshot());
    }

    [Fact]
    public void Fingerprints_ignore_bucket_credentials_and_change_with_what_is_produced()
    {
        var a = BatchRequest(null!);
        var b = new SentinelHubBatchImageryRequest(BatchRequest(null!).Request, a.Outputs);
        b.Request.Output!.Delivery!.S3!.SecretAccessKey = "another-secret";
        Assert.Equal(a.GetFingerprint(), b.GetFingerprint());
        Assert.DoesNotContain("unified-batch-secret-987", System.Text.Encoding.UTF8.GetString(a.GetCanonicalJson()), StringComparison.Ordinal);

        var c = new SentinelHubBatchImageryRequest(BatchRequest(null!).Request, a.Outputs);
        c.Request.Input.Resolution = 20;
        Assert.NotEqual(a.GetFingerprint(), c.GetFingerprint());
        Assert.NotEqual(Process(3000).GetFingerprint(), Process(3001).GetFingerprint());
        Assert.Equal(Process().GetFingerprint(), Process().GetFingerprint());
    }
}
