using SatDownload.ClearSky.Tests.TestSupport;

namespace SatDownload.ClearSky.Tests.EndToEnd;

/// <summary>The composite as a plain <see cref="ImageryAsset"/> for any downloader, progress, and cancellation.</summary>
public sealed class AssetAndCancellationTests
{
    private const string CompositePath = "/clearsky/api/satelliteimages/process/composite";

    [Fact]
    public async Task Composite_asset_downloads_with_a_plain_downloader_carrying_the_key_itself()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var estimate = await client.EstimateAsync(CompositeSequenceTests.MinimalRequest());
        var asset = client.CreateCompositeAsset(CompositeSequenceTests.MinimalRequest(), estimate.Cost);
        using var http = new HttpClient();
        var downloader = new AssetDownloader(http);

        var result = await downloader.DownloadAsync(asset, ctx.Directory);

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(ProviderNames.ClearSky, asset.Provider);
        Assert.Equal(estimate.Cost, asset.Cost);
        Assert.Contains("Copernicus", asset.Attribution, StringComparison.Ordinal);
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, result.Sha256);
        var post = ctx.Emulator.Requests.Single(e => e.Path == CompositePath);
        Assert.True(post.Headers.ContainsKey("x-api-key"));
        Assert.DoesNotContain(ctx.ClearSky.Options.ApiKey, asset.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Composite_asset_with_a_cost_over_the_downloaders_budget_is_not_requested()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var asset = client.CreateCompositeAsset(CompositeSequenceTests.MinimalRequest(), new CostEstimate(25m, ClearSkyEstimate.CostUnit));
        using var http = new HttpClient();

        await Assert.ThrowsAsync<BudgetExceededException>(() => new AssetDownloader(http).DownloadAsync(
            asset, ctx.Directory, new DownloadOptions { Budget = new DownloadBudget { MaxCost = 10m } }));

        Assert.Empty(ctx.Emulator.Requests);
    }

    [Fact]
    public async Task Progress_is_reported_up_to_the_file_size()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        var reports = new List<DownloadProgress>();
        var progress = new SynchronousProgress(reports);

        var result = await client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload(), progress);

        Assert.NotEmpty(reports);
        Assert.Equal(result.BytesWritten, reports.Max(r => r.BytesDownloaded));
    }

    [Fact]
    public async Task Cancellation_before_the_composite_sends_nothing_more()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload(), cancellationToken: cts.Token));

        Assert.DoesNotContain(ctx.Emulator.Requests, e => e.Path == CompositePath);
        Assert.Empty(ctx.ClearSky.Deliveries);
    }

    private sealed class SynchronousProgress(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
