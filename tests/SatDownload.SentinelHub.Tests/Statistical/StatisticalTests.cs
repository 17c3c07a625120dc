using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Statistical;

public sealed class StatisticalTests
{
    private static StatisticalRequest Request(string of = "P10D", string? last = null) => new()
    {
        Input = Samples.Request().Input,
        Aggregation = new StatisticalAggregation
        {
            TimeRange = TimeRange.Between(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 7, 5, 0, 0, 0, TimeSpan.Zero)),
            AggregationInterval = new AggregationInterval { Of = of, LastIntervalBehavior = last },
            ResX = 0.0001,
            ResY = 0.0001,
            Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\",\"B08\",\"dataMask\"],output:[{id:\"default\",bands:1},{id:\"dataMask\",bands:1}]};}",
        },
        Calculations = new Dictionary<string, StatisticalCalculation>
        {
            ["default"] = new()
            {
                Histograms = new Dictionary<string, HistogramSpec> { ["default"] = new() { NBins = 4, LowEdge = 0, HighEdge = 1 } },
                Statistics = new Dictionary<string, StatisticsSpec> { ["default"] = new() { Percentiles = new PercentilesSpec { K = [50, 90] } } },
            },
        },
    };

    [Fact]
    public async Task Intervals_follow_the_duration_and_last_interval_behaviour()
    {
        await using var env = await ShEnvironment.StartAsync();
        var stats = env.Client().GetStatisticalClient();

        var skip = await stats.GetStatisticsAsync(Request());
        Assert.Equal("OK", skip.Status);
        Assert.Equal(3, skip.Data.Count); // 34 days: three full 10-day intervals, the short fourth skipped
        var shorten = await stats.GetStatisticsAsync(Request(last: "SHORTEN"));
        Assert.Equal(4, shorten.Data.Count);
        Assert.Equal(new DateTimeOffset(2024, 7, 5, 0, 0, 0, TimeSpan.Zero), shorten.Data[^1].Interval!.To);

        var band = skip.Data[0].Outputs!["default"].Bands["B0"];
        Assert.Equal(4, band.Histogram!.Bins.Count);
        Assert.Equal(["50.0", "90.0"], band.Stats!.Percentiles!.Keys);
        Assert.True(band.Stats.Mean > 0);
    }

    [Fact]
    public async Task Failed_intervals_are_re_requested_one_at_a_time()
    {
        var options = new SentinelHubEmulatorOptions();
        options.StatisticalFailOnce.Add("2024-06-11");
        await using var env = await ShEnvironment.StartAsync(options);

        var response = await env.Client().GetStatisticalClient().GetStatisticsAsync(Request());

        Assert.Equal("OK", response.Status);
        Assert.Equal(3, response.Data.Count);
        Assert.All(response.Data, d => Assert.Null(d.Error));
        Assert.Equal(new DateTimeOffset(2024, 6, 11, 0, 0, 0, TimeSpan.Zero), response.Data[1].Interval!.From);
        var calls = env.ApiRequests("/api/v1/statistics");
        Assert.Equal(2, calls.Count);
        Assert.Contains("2024-06-11T00:00:00Z", calls[1].RequestBody!, StringComparison.Ordinal);
        Assert.Contains("2024-06-21T00:00:00Z", calls[1].RequestBody!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_statistical_requests_are_rejected_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var stats = env.Client().GetStatisticalClient();
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatisticsAsync(Request(of: "PT1H")));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatisticsAsync(Request(last: "LATER")));
        var twoModes = Request();
        twoModes.Calculations!["default"].Histograms!["default"].BinWidth = 0.1;
        Assert.Contains("exactly one of bins", (await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatisticsAsync(twoModes))).Message, StringComparison.Ordinal);
        var big = Request();
        big.Aggregation.ResX = null;
        big.Aggregation.ResY = null;
        big.Aggregation.Width = 3000;
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatisticsAsync(big));
        Assert.Empty(env.Emulator.Requests);
    }

    [Fact]
    public async Task Batch_statistical_lifecycle_and_per_feature_results()
    {
        await using var env = await ShEnvironment.StartAsync();
        var stats = env.Client().GetStatisticalClient();
        var request = new BatchStatisticalRequest
        {
            Input = new BatchStatisticalInput { Features = ObjectStorageInfo.ForS3("s3://geo/fields.gpkg", "AKIAEXAMPLE", "bstat-secret-123456"), Data = Samples.Request().Input.Data },
            Aggregation = Request().Aggregation,
            Output = ObjectStorageInfo.ForS3("s3://geo/stats"),
        };

        var task = await stats.CreateBatchAsync(request, env.Storage);
        Assert.Equal("CREATED", task.ProviderStatus);
        await task.AnalyseAsync();
        Assert.Equal("ANALYSING", task.ProviderStatus);
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await task.UpdateStatusAsync();
        Assert.Equal("ANALYSIS_DONE", task.ProviderStatus);
        await task.StartAsync();
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.WaitForCompletionAsync(new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(30), MaxInterval = TimeSpan.FromSeconds(45) }));
        Assert.Equal(150, task.Value!.CostPu);

        var assets = await task.GetAssetsAsync().CollectAsync();
        Assert.Equal(["1", "2", "3"], assets.Select(a => a.AssetKey));
        var results = await new AssetDownloader(new HttpClient()).DownloadAsync(assets, env.NewDirectory());
        Assert.All(results, r => Assert.Contains("\"status\":\"OK\"", File.ReadAllText(r.FilePath!), StringComparison.Ordinal));

        var listed = await stats.ListBatchAsync().CollectAsync();
        Assert.Equal(task.Id, Assert.Single(listed).Id);
        Assert.Equal("DONE", (await stats.GetBatchAsync(task.Id)).Status);

        var stopped = await stats.CreateBatchAsync(request);
        await stopped.StartAsync();
        await stopped.StopAsync();
        Assert.Equal(ProviderTaskStatus.Canceled, stopped.Status);
    }

    [Fact]
    public async Task Batch_statistical_validation_runs_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var stats = env.Client().GetStatisticalClient();
        var notGpkg = new BatchStatisticalRequest { Input = new BatchStatisticalInput { Features = ObjectStorageInfo.ForS3("s3://geo/fields.shp"), Data = Samples.Request().Input.Data }, Aggregation = Request().Aggregation, Output = ObjectStorageInfo.ForS3("s3://geo/out") };
        Assert.Contains(".gpkg", (await Assert.ThrowsAsync<ArgumentException>(() => stats.CreateBatchAsync(notGpkg))).Message, StringComparison.Ordinal);
        var template = new BatchStatisticalRequest { Input = new BatchStatisticalInput { Features = ObjectStorageInfo.ForS3("s3://geo/f.gpkg"), Data = Samples.Request().Input.Data }, Aggregation = Request().Aggregation, Output = ObjectStorageInfo.ForS3("s3://geo/<REQUEST_ID>/x.json") };
        Assert.Contains("<ID>", (await Assert.ThrowsAsync<ArgumentException>(() => stats.CreateBatchAsync(template))).Message, StringComparison.Ordinal);
        Assert.Empty(env.Emulator.Requests);
    }
}
