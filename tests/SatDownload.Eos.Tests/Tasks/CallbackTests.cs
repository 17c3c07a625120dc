using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.Tasks;

/// <summary>Completing a task from a callback payload that the caller's own endpoint received.</summary>
public sealed class CallbackTests
{
    [Fact]
    public async Task A_callback_posted_by_the_emulator_completes_the_task_without_polling()
    {
        var received = new ConcurrentQueue<string>();
        var eos = new EosEmulator(new EosEmulatorOptions { PostCallbacks = true });
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions
        {
            Providers = { eos },
            MapAdditionalRoutes = app => app.MapPost("/my-app/eos-callback", async (HttpContext c) =>
            {
                using var reader = new StreamReader(c.Request.Body);
                received.Enqueue(await reader.ReadToEndAsync());
                return Results.Ok();
            }),
        });
        var client = new EosClient(new EosClientOptions
        {
            Endpoint = emulator.GetProviderUri(eos),
            ApiKey = EosEmulatorOptions.DefaultApiKey,
            TimeProvider = emulator.Clock,
            RateLimiterRegistry = new SatDownload.Http.RateLimiterRegistry(emulator.Clock),
        });
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest
        {
            ViewId = "S2/13/R/EL/2023/7/19/0",
            Bands = ["B04"],
            Aoi = EosHarness.Square(),
            CallbackUrl = new Uri(emulator.BaseUri, "my-app/eos-callback"),
        });
        Assert.Contains("\"callback_url\":\"" + new Uri(emulator.BaseUri, "my-app/eos-callback").AbsoluteUri + "\"", eos.GetTask(task.Id).RawRequest, StringComparison.Ordinal);

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var http = new HttpClient();
        Assert.Equal(1, await eos.DeliverDueCallbacksAsync(http));
        Assert.Equal(0, await eos.DeliverDueCallbacksAsync(http));
        var payload = Assert.Single(received);

        var statusCalls = emulator.Requests.ForProvider("eos").Count(r => r.Method == "GET");
        var rebuilt = client.GetLoadByExtentTaskFromCallback(payload, task.Info);
        Assert.Equal(ProviderTaskStatus.Succeeded, rebuilt.Status);
        Assert.Equal(EosResultDelivery.ResultUrls, rebuilt.ResultDelivery);
        Assert.Equal(ProviderTaskStatus.Succeeded, task.ApplyCallback(payload));

        var dir = Path.Combine(Path.GetTempPath(), "satdownload-eos-tests", Guid.NewGuid().ToString("N"));
        using var downloadHttp = new HttpClient();
        var results = await client.DownloadResultsAsync(task, new AssetDownloader(downloadHttp), dir);
        var result = Assert.Single(results);
        Assert.Equal(EosResultType.Jp2, result.ActualType);
        Assert.Equal(EosHarness.Sha256(eos.GetResultBytes(task.Id)), EosHarness.Sha256File(result.FilePath!));
        Assert.Equal(statusCalls, emulator.Requests.ForProvider("eos").Count(r => r.Method == "GET"));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_payload_for_another_task_or_not_json_is_rejected()
    {
        var client = new EosClient(new EosClientOptions { ApiKey = "apk.callbacktest0000", Endpoint = new Uri("http://127.0.0.1:9/") });
        var task = client.GetLoadByExtentTask("task-a");
        var other = Assert.Throws<ArgumentException>(() => task.ApplyCallback("""{"status":"success","task_id":"task-b","result_url":"https://x/y.tif"}"""));
        Assert.Contains("task-b", other.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => task.ApplyCallback("not json"));
        Assert.Throws<ArgumentException>(() => client.GetLoadByExtentTaskFromCallback("""{"status":"success"}"""));
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
    }

    [Fact]
    public void A_failure_callback_fails_the_task_with_the_reason()
    {
        var client = new EosClient(new EosClientOptions { ApiKey = "apk.callbacktest0000", Endpoint = new Uri("http://127.0.0.1:9/") });
        var task = client.GetLoadByExtentTaskFromCallback("""{"status":"error","task_id":"t1","errors":["Scene not available"],"unknown_field":{"a":1}}""");
        Assert.Equal(ProviderTaskStatus.Failed, task.Status);
        Assert.Equal("Scene not available", task.StatusMessage);
        Assert.True(task.LastStatusResponse!.AdditionalProperties!.ContainsKey("unknown_field"));
    }

    [Fact]
    public void A_success_without_any_result_location_is_a_failure_not_a_silent_success()
    {
        var client = new EosClient(new EosClientOptions { ApiKey = "apk.callbacktest0000", Endpoint = new Uri("http://127.0.0.1:9/") });
        var task = client.GetLoadByExtentTaskFromCallback("""{"status":"success","task_id":"t1"}""");
        Assert.Equal(ProviderTaskStatus.Failed, task.Status);
        Assert.Contains("no result URL", task.StatusMessage, StringComparison.Ordinal);
    }
}
