using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Processing;

public sealed class AsyncProcessTests
{
    private static ProcessRequest AsyncRequest(string url = "s3://my-bucket/async", int size = 4000)
    {
        var r = Samples.Request(size, size, ("default", SentinelHubFormats.Tiff), ("userdata", SentinelHubFormats.Json));
        r.Output!.Delivery = ObjectStorageInfo.ForS3(url, "AKIAEXAMPLE", "async-secret-key-123456");
        return r;
    }

    [Fact]
    public async Task Running_then_404_means_finished_and_outputs_are_confirmed_and_downloaded_from_the_bucket()
    {
        await using var env = await ShEnvironment.StartAsync();
        var process = env.Client().GetProcessClient();

        var task = await process.SubmitAsync(AsyncRequest(), env.Storage);
        Assert.Equal(ProviderTaskStatus.Running, task.Status);
        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());

        var final = await task.WaitForCompletionAsync(new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(30), MaxInterval = TimeSpan.FromSeconds(30) });

        Assert.Equal(ProviderTaskStatus.Succeeded, final);
        Assert.Equal("NOT_RUNNING", task.ProviderStatus);
        Assert.Contains("finished OR failed", task.StatusMessage, StringComparison.Ordinal);
        Assert.True(await task.ConfirmOutcomeAsync());
        var statuses = env.ApiRequests("/api/v1/async/process/" + task.Id).Select(r => r.StatusCode).ToList();
        Assert.Equal(404, statuses[^1]);
        Assert.Contains(200, statuses);

        var assets = await task.GetAssetsAsync().CollectAsync();
        Assert.Equal(["s3://my-bucket/async/" + task.Id + "/default.tif", "s3://my-bucket/async/" + task.Id + "/userdata.json"], assets.Select(a => a.Href!.OriginalString));
        var results = await new AssetDownloader(new HttpClient()).DownloadAsync(assets, env.NewDirectory());
        foreach (var r in results)
        {
            Assert.True(r.Succeeded, r.Exception?.ToString());
            Assert.Equal(env.Emulator.Blobs.Get(SentinelHubEmulator.BlobNameFor(r.Asset.Href!.OriginalString)).Sha256Hex, r.Sha256);
        }

        // The bucket secret was registered when the delivery was built: it never shows in messages or ToString().
        Assert.DoesNotContain("async-secret-key-123456", Redactor.Redact("x async-secret-key-123456 y"), StringComparison.Ordinal);
        Assert.DoesNotContain("async-secret-key-123456", task.Request!.Output!.Delivery!.S3!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("async-secret-key-123456", new SatDownloadException("failed with async-secret-key-123456").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_after_acceptance_is_found_as_error_json_in_the_bucket()
    {
        await using var env = await ShEnvironment.StartAsync();
        var request = AsyncRequest("s3://my-bucket/failing", 1000);
        request.Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\"],output:{bands:1}};}\nfunction evaluatePixel(s){ throw new Error(\"bad band\"); }";
        var task = await env.Client().GetProcessClient().SubmitAsync(request, env.Storage);
        env.Sh.FinishAsyncRequests();

        Assert.Equal(ProviderTaskStatus.Succeeded, await task.UpdateStatusAsync());
        var ex = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => task.ConfirmOutcomeAsync());
        Assert.Contains("error.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrency_limit_429_is_retried_until_a_slot_frees()
    {
        await using var env = await ShEnvironment.StartAsync(new SentinelHubEmulatorOptions { AsyncConcurrencyLimit = 1, AsyncDuration = TimeSpan.FromSeconds(20) });
        var process = env.Client().GetProcessClient();
        var first = await process.SubmitAsync(AsyncRequest("s3://b/one", 1000));
        var second = await process.SubmitAsync(AsyncRequest("s3://b/two", 1000));

        Assert.NotEqual(first.Id, second.Id);
        var submits = env.ApiRequests("/api/v1/async/process").Where(r => r.Method == "POST").Select(r => r.StatusCode).ToList();
        Assert.Equal(200, submits[0]);
        Assert.Contains(429, submits);
        Assert.Equal(200, submits[^1]);
    }

    [Fact]
    public async Task Async_validation_and_budget_run_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var process = env.Client().GetProcessClient();
        var noDelivery = Samples.Request(1000, 1000);
        Assert.Contains("delivery", (await Assert.ThrowsAsync<ArgumentException>(() => process.SubmitAsync(noDelivery))).Message, StringComparison.Ordinal);
        Assert.Contains("10000", (await Assert.ThrowsAsync<ArgumentException>(() => process.SubmitAsync(AsyncRequest(size: 12000)))).Message, StringComparison.Ordinal);
        var budget = await Assert.ThrowsAsync<BudgetExceededException>(() => process.SubmitAsync(AsyncRequest(size: 1000), budget: new DownloadBudget { MaxCost = 5, CostUnit = "PU" }));
        Assert.Equal(10m, budget.Requested); // the Async minimum
        Assert.Empty(env.Emulator.Requests);
    }
}
