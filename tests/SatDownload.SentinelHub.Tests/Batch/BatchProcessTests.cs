using System.Text.Json.Nodes;
using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Batch;

public sealed class BatchProcessTests
{
    private static BatchProcessRequest Request(string url = "s3://results/batch")
    {
        var pr = Samples.Request(1, 1, ("default", SentinelHubFormats.Tiff));
        pr.Output!.Width = null;
        pr.Output.Height = null;
        return new BatchProcessRequest
        {
            ProcessRequest = pr,
            Input = BatchProcessInput.TilingGrid(0, 60),
            Output = BatchProcessOutput.Raster(ObjectStorageInfo.ForS3(url, "AKIAEXAMPLE", "batch-secret-0123456")),
            Description = "june mosaic",
        };
    }

    private static readonly TaskPollingOptions Fast = new() { InitialInterval = TimeSpan.FromSeconds(20), MaxInterval = TimeSpan.FromSeconds(45) };

    [Fact]
    public async Task Create_analyse_start_runs_through_every_status_to_done_and_lists_outputs()
    {
        await using var env = await ShEnvironment.StartAsync();
        var batch = env.Client().GetBatchClient();

        var task = await batch.CreateAsync(Request(), env.Storage);
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
        Assert.Equal("CREATED", task.ProviderStatus);

        await task.AnalyseAsync();
        Assert.Equal("ANALYSING", task.ProviderStatus);
        Assert.Equal(ProviderTaskStatus.Running, task.Status);
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await task.UpdateStatusAsync();
        Assert.Equal("ANALYSIS_DONE", task.ProviderStatus);
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);

        await task.StartAsync();
        Assert.Equal("PROCESSING", task.ProviderStatus);
        env.Clock.Advance(TimeSpan.FromMinutes(5));
        await task.UpdateStatusAsync();
        Assert.Equal(50, task.PercentComplete);
        Assert.Equal(75, task.CostPU);

        var seen = new List<string?>();
        var final = await task.WaitForCompletionAsync(Fast, new Progress(p => seen.Add(p.ProviderStatus)));
        Assert.Equal(ProviderTaskStatus.Succeeded, final);
        Assert.Equal("DONE", task.ProviderStatus);
        Assert.Equal(100, task.PercentComplete);
        Assert.Equal(150, task.CostPU);

        var all = await task.GetAssetsAsync().CollectAsync();
        var assets = all.Where(a => a.Roles.Contains(AssetRoles.Data)).ToList();
        Assert.Equal(env.Sh.Options.BatchTileNames.Order(StringComparer.Ordinal), assets.Select(a => a.Properties["tileName"]).Order(StringComparer.Ordinal));
        Assert.Equal(["execution-database", "feature-manifest"], all.Where(a => a.Roles.Contains(AssetRoles.Metadata)).Select(a => a.AssetKey).Order(StringComparer.Ordinal));
        Assert.All(assets, a => Assert.StartsWith("s3://results/batch/" + task.Id + "/", a.Href!.OriginalString, StringComparison.Ordinal));
        var dir = env.NewDirectory();
        var results = await new AssetDownloader(new HttpClient()).DownloadAsync(assets, dir);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.All(results, r => Assert.Equal(env.Emulator.Blobs.Get(SentinelHubEmulator.BlobNameFor(r.Asset.Href!.OriginalString)).Sha256Hex, r.Sha256));

        var rehydrated = await batch.GetTaskAsync(task.Id, env.Storage);
        Assert.Equal(ProviderTaskStatus.Succeeded, rehydrated.Status);
    }

    [Fact]
    public async Task Start_from_created_analyses_then_processes()
    {
        await using var env = await ShEnvironment.StartAsync();
        var task = await env.Client().GetBatchClient().CreateAsync(Request());
        await task.StartAsync();
        Assert.Equal("ANALYSING", task.ProviderStatus);
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.WaitForCompletionAsync(Fast));
    }

    [Fact]
    public async Task Stop_gives_stopped_and_a_restart_within_30_minutes_is_refused()
    {
        await using var env = await ShEnvironment.StartAsync();
        var task = await env.Client().GetBatchClient().CreateAsync(Request());
        await task.StartAsync();
        env.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(task.CanCancel);
        await task.CancelAsync();

        Assert.Equal("STOPPED", task.ProviderStatus);
        Assert.Equal(ProviderTaskStatus.Canceled, task.Status);
        Assert.Equal("USER_ACTION", task.StoppedStatusReason);
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => task.StartAsync());
        Assert.Contains("30 minutes", ex.Message, StringComparison.Ordinal);

        env.Clock.Advance(TimeSpan.FromMinutes(31));
        await task.StartAsync();
        Assert.Equal("PROCESSING", task.ProviderStatus);
    }

    [Fact]
    public async Task Description_updates_are_refused_while_processing_and_lists_page_with_viewtoken()
    {
        await using var env = await ShEnvironment.StartAsync();
        var batch = env.Client().GetBatchClient();
        var tasks = new List<SentinelHubBatchTask>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add(await batch.CreateAsync(Request()));
        }

        var updated = await batch.UpdateDescriptionAsync(tasks[0].Id, "renamed");
        Assert.Equal("renamed", updated.Request!.Description);

        await tasks[1].StartAsync();
        env.Clock.Advance(TimeSpan.FromMinutes(2));
        await tasks[1].UpdateStatusAsync();
        var conflict = await Assert.ThrowsAsync<ProviderRequestException>(() => batch.UpdateDescriptionAsync(tasks[1].Id, "nope"));
        Assert.Equal(409, conflict.Status);

        var all = await batch.ListAsync(pageSize: 2).CollectAsync();
        Assert.Equal(tasks.Select(t => t.Id).Order(StringComparer.Ordinal), all.Select(t => t.Id!).Order(StringComparer.Ordinal));
        Assert.Equal(2, env.ApiRequests("/api/v2/batch/process").Count(r => r.Method == "GET" && r.Path.EndsWith("/process", StringComparison.Ordinal)));

        var grids = await batch.GetTilingGridsAsync().CollectAsync();
        Assert.Equal([0, 1, 2, 3, 6, 7], grids.Select(g => g.Id));
        Assert.Equal(20040, (await batch.GetTilingGridAsync(0)).Properties!.TileWidth);
    }

    [Fact]
    public async Task Start_is_refused_by_the_budget_without_a_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var task = await env.Client().GetBatchClient().CreateAsync(Request());
        var before = env.Emulator.Requests.Count;

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => task.StartAsync(new DownloadBudget { MaxCost = 50, CostUnit = "PU" }));

        Assert.True(ex.Requested >= 100);
        Assert.Equal(before, env.Emulator.Requests.Count);
        Assert.Empty(env.ApiRequests("/start"));
    }

    [Fact]
    public async Task Invalid_batch_requests_are_rejected_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var batch = env.Client().GetBatchClient();
        var png = Request();
        png.ProcessRequest.Output!.Responses![0].Format!.Type = SentinelHubFormats.Png;
        Assert.Contains("image/tiff", (await Assert.ThrowsAsync<ArgumentException>(() => batch.CreateAsync(png))).Message, StringComparison.Ordinal);
        var sized = Request();
        sized.ProcessRequest.Output!.Width = 100;
        await Assert.ThrowsAsync<ArgumentException>(() => batch.CreateAsync(sized));
        var template = Request("s3://results/<requestId>/out.tif");
        Assert.Contains("<tileName>", (await Assert.ThrowsAsync<ArgumentException>(() => batch.CreateAsync(template))).Message, StringComparison.Ordinal);
        var grid = Request();
        grid.Input.Resolution = null;
        await Assert.ThrowsAsync<ArgumentException>(() => batch.CreateAsync(grid));
        Assert.Empty(env.Emulator.Requests);
    }

    [Fact]
    public async Task Output_template_with_placeholders_is_matched_when_listing()
    {
        await using var env = await ShEnvironment.StartAsync(new SentinelHubEmulatorOptions { BatchProcessingDuration = TimeSpan.FromMinutes(1) });
        var request = Request("s3://results/custom/<requestId>/<tileName>-<outputId>.<format>");
        request.ProcessRequest.Output!.Responses!.Add(new ProcessResponseSpec { Identifier = "ndvi", Format = new OutputFormat { Type = SentinelHubFormats.Tiff } });
        var task = await env.Client().GetBatchClient().CreateAsync(request, env.Storage);
        await task.StartAsync();
        await task.WaitForCompletionAsync(Fast);

        var assets = (await task.GetAssetsAsync().CollectAsync()).Where(a => a.Roles.Contains(AssetRoles.Data)).ToList();
        Assert.Equal(6, assets.Count);
        Assert.Contains(assets, a => a.AssetKey == "33TUK_0_1/ndvi" && a.Href!.OriginalString.EndsWith("/33TUK_0_1-ndvi.tif", StringComparison.Ordinal));
        var body = JsonNode.Parse(env.ApiRequests("/api/v2/batch/process").First(r => r.Method == "POST").RequestBody!)!;
        Assert.Equal("tiling-grid", body["input"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task GeoPackage_input_and_zarr_output_are_accepted()
    {
        await using var env = await ShEnvironment.StartAsync();
        var request = Request();
        request.Input = BatchProcessInput.GeoPackage(ObjectStorageInfo.ForS3("s3://aois/fields.gpkg"));
        request.Output = BatchProcessOutput.Zarr(ObjectStorageInfo.ForS3("s3://results/zarr"));
        request.ProcessRequest.Output!.Responses![0].Format!.Type = SentinelHubFormats.ZarrArray;

        var task = await env.Client().GetBatchClient().CreateAsync(request);

        Assert.Equal("CREATED", task.ProviderStatus);
        var body = JsonNode.Parse(env.ApiRequests("/api/v2/batch/process").Single().RequestBody!)!;
        Assert.Equal("geopackage", body["input"]!["type"]!.GetValue<string>());
        Assert.Equal("s3://aois/fields.gpkg", body["input"]!["features"]!["s3"]!["url"]!.GetValue<string>());
        Assert.Equal("zarr", body["output"]!["type"]!.GetValue<string>());
        Assert.Equal(100m, task.EstimateProcessingUnits().Amount); // a small area costs the Batch minimum
    }

    private sealed class Progress(Action<ProviderTaskProgress> report) : IProgress<ProviderTaskProgress>
    {
        public void Report(ProviderTaskProgress value) => report(value);
    }
}
