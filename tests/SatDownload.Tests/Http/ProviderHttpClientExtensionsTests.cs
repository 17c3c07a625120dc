using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

public class ProviderHttpClientExtensionsTests
{
    [Fact]
    public async Task SendForJson_reads_the_model()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 200, "{\"id\":\"abc\",\"count\":5}"));
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        var dto = await client.SendForJsonAsync(new HttpRequestMessage(HttpMethod.Get, "tasks/abc"), TestJsonContext.Default.TaskDto, "iceye");

        Assert.Equal("abc", dto.Id);
        Assert.Equal(5, dto.Count);
    }

    [Fact]
    public async Task Errors_are_decoded_with_the_operation_name()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            LoopbackServer.WriteJsonAsync(ctx, 403, "{\"error\":{\"message\":\"Collection access denied\",\"code\":\"COLLECTION_ACCESS_DENIED\"}}"));
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        var request = new HttpRequestMessage(HttpMethod.Post, "orders?x=1").WithOperation("POST /orders");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.SendForProviderAsync(request, "capella"));

        Assert.Equal("POST /orders", ex.Operation);
        Assert.Equal(403, ex.Status);
        Assert.Equal("COLLECTION_ACCESS_DENIED", ex.ErrorCode);
        Assert.StartsWith("capella POST /orders failed with HTTP 403 (COLLECTION_ACCESS_DENIED): Collection access denied.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_RetryAfter_date_is_measured_against_the_pipelines_clock()
    {
        // The pipeline runs on a virtual clock years away from the real one: the error's RetryAfter must be 12 s, not the
        // distance between the header's date and the machine's clock.
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var retryAt = clock.GetUtcNow().AddSeconds(12);
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            ctx.Response.Headers.RetryAfter = retryAt.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
            return LoopbackServer.WriteJsonAsync(ctx, 503, "{}");
        });
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new ResilienceHandler(new HttpRetryOptions { MaxAttempts = 1 }, clock));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.SendForProviderAsync(new HttpRequestMessage(HttpMethod.Get, "x"), "eos"));

        Assert.Equal(503, ex.Status);
        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
    }

    [Fact]
    public async Task Transport_failures_and_timeouts_become_status_zero()
    {
        using var client = ProviderHttpPipeline.CreateClient(new Uri("http://127.0.0.1:1/"), new ResilienceHandler(new HttpRetryOptions { MaxAttempts = 1 }));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.SendForProviderAsync(new HttpRequestMessage(HttpMethod.Get, "x"), "eos"));

        Assert.Equal(0, ex.Status);
        Assert.Equal("GET /x", ex.Operation);
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);

        await using var server = await LoopbackServer.StartAsync(async (ctx, n) => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        using var slow = ProviderHttpPipeline.CreateClient(server.BaseUri, new ResilienceHandler(new HttpRetryOptions { MaxAttempts = 1, PerAttemptTimeout = TimeSpan.FromMilliseconds(200) }));
        var timeout = await Assert.ThrowsAsync<ProviderRequestException>(() => slow.SendForProviderAsync(new HttpRequestMessage(HttpMethod.Get, "slow"), "eos"));
        Assert.Equal(0, timeout.Status);
        Assert.Contains("per-attempt timeout", timeout.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(timeout.InnerException);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_wrapped()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendForProviderAsync(new HttpRequestMessage(HttpMethod.Get, "x"), "eos", cancellationToken: cts.Token));
    }
}
