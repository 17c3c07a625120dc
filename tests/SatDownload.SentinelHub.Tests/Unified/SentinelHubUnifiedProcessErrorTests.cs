using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using static SatDownload.SentinelHub.Tests.Unified.UnifiedSupport;

namespace SatDownload.SentinelHub.Tests.Unified;

/// <summary>
/// Process POSTs sent by a downloader that is not the adapter's pipeline (SatDownloadClient's, or an
/// <see cref="AssetDownloader"/> the caller built): Retry-After in milliseconds, evalscript errors surfaced verbatim
/// without retries, and the PUs the service reported recorded on the client.
/// </summary>
public sealed class SentinelHubUnifiedProcessErrorTests
{
    private const string ProcessPath = "/sentinel-hub/eu/api/v1/process";
    private const string RateLimitBody = """{"error":{"status":429,"reason":"Too Many Requests","message":"You have exceeded your rate limit","code":"RATE_LIMIT_EXCEEDED"}}""";
    private const string EvalscriptMessage = "Failed to evaluate script!\nevaluatePixel: Error: index out of range";

    public enum Route
    {
        SatDownloadClient,
        AssetDownloader,
    }

    [Theory]
    [InlineData(Route.SatDownloadClient)]
    [InlineData(Route.AssetDownloader)]
    public async Task Rate_limit_429_is_retried_after_the_milliseconds_of_Retry_After_and_the_spent_PUs_are_recorded(Route route)
    {
        await using var env = await ShEnvironment.StartAsync();
        env.Emulator.Faults.On(ProcessPath).RespondWithStatus(429, 1, retryAfter: "1500", body: RateLimitBody, contentType: "application/json");
        var client = env.Client();
        var request = Process(1024, 1024);

        var downloads = await RunAsync(route, env, client, request);

        var download = Assert.Single(downloads);
        Assert.True(download.Succeeded, download.Exception?.ToString());
        Assert.Equal(download.Sha256, Samples.Sha256(download.FilePath!));
        Assert.True(env.Sh.ProcessResponseHashes.ContainsKey(download.Sha256!), "the file is the body the emulator rendered");
        var posts = env.ApiRequests("/api/v1/process");
        Assert.Equal([429, 200], posts.Select(p => p.StatusCode));

        // 1500 ms, not 1500 s (which would exceed DownloadOptions.MaxRetryAfter and give up).
        var waited = posts[1].Timestamp - posts[0].Timestamp;
        Assert.InRange(waited.TotalMilliseconds, 1500, 1500 + 2000);

        // x-processingunits-spent of the rendering, as the emulator prices it (the documented formula).
        Assert.Equal((double)client.EstimateCost(request)!.Value.Amount, client.GetProcessClient().ProcessingUnitsSpent, 4);
        Assert.True(client.GetProcessClient().ProcessingUnitsSpent > 0);
    }

    [Theory]
    [InlineData(Route.SatDownloadClient)]
    [InlineData(Route.AssetDownloader)]
    public async Task Renderer_exception_fails_after_one_post_with_the_evalscript_error_verbatim(Route route)
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = env.Client();
        var pr = Samples.Request(256, 256, ("default", SentinelHubFormats.Tiff));
        pr.Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\"],output:{bands:1}};}\nfunction evaluatePixel(s){ throw new Error(\"index out of range\"); }";
        var request = new SentinelHubProcessImageryRequest(pr);

        var downloads = await RunAsync(route, env, client, request);

        var download = Assert.Single(downloads);
        Assert.False(download.Succeeded);
        var ex = Assert.IsType<ProviderRequestException>(download.Exception);
        Assert.Equal(500, ex.Status);
        Assert.Equal(SentinelHubErrorCodes.RendererException, ex.ErrorCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains(EvalscriptMessage, ex.Message, StringComparison.Ordinal);
        Assert.Single(env.ApiRequests("/api/v1/process"));
        Assert.Equal(0, client.GetProcessClient().ProcessingUnitsSpent);
    }

    [Fact]
    public async Task Bad_payload_400_is_not_retried_and_keeps_the_services_message()
    {
        await using var env = await ShEnvironment.StartAsync();
        env.Emulator.Faults.On(ProcessPath).RespondWithStatus(400, 1, body: """{"error":{"status":400,"reason":"Bad Request","message":"Invalid request","code":"COMMON_BAD_PAYLOAD","errors":[{"parameter":"output->width","violation":"must be less than or equal to 2500"}]}}""", contentType: "application/json");
        var client = env.Client();

        var downloads = await RunAsync(Route.AssetDownloader, env, client, Process(1024, 1024));

        var ex = Assert.IsType<ProviderRequestException>(Assert.Single(downloads).Exception);
        Assert.Equal(400, ex.Status);
        Assert.Equal("COMMON_BAD_PAYLOAD", ex.ErrorCode);
        Assert.Contains("must be less than or equal to 2500", ex.Message, StringComparison.Ordinal);
        Assert.Single(env.ApiRequests("/api/v1/process"));
    }

    private static async Task<IReadOnlyList<DownloadResult>> RunAsync(Route route, ShEnvironment env, SentinelHubClient client, SentinelHubProcessImageryRequest request)
    {
        var directory = env.NewDirectory();
        if (route == Route.SatDownloadClient)
        {
            // The downloader's backoff on the emulator's virtual clock, so the wait is measured in the request log.
            var options = new SatDownloadClientOptions
            {
                TimeProvider = env.Clock,
                DownloaderOptions = new AssetDownloaderOptions { TimeProvider = env.Clock },
                DownloadOptions = new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) },
            };
            options.Providers.Add(new SentinelHubImageryProvider(client));
            var result = await new SatDownloadClient(options).DownloadAsync(request, directory);
            return result.Downloads;
        }

        var task = await new SentinelHubImageryProvider(client).StartTaskAsync(request);
        var assets = new List<ImageryAsset>();
        await foreach (var asset in task.GetAssetsAsync())
        {
            assets.Add(asset);
        }

        using var http = new HttpClient();
        var downloader = new AssetDownloader(http, new AssetDownloaderOptions { TimeProvider = env.Clock });
        return await downloader.DownloadAsync(assets, directory, new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) });
    }
}
