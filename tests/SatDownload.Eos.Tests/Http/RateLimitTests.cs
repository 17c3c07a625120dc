using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.Http;

/// <summary>The 10 requests/minute/endpoint/key limit, proven on the emulator's virtual clock.</summary>
public sealed class RateLimitTests
{
    private const string OtherKey = "apk.otherkey9876543210";

    [Fact]
    public async Task Two_clients_with_one_key_share_the_limiter_and_never_exceed_ten_calls_in_any_minute()
    {
        await using var h = await EosHarness.StartAsync(o => o.ApiKeys.Add(OtherKey));
        var first = h.CreateClient();
        var second = h.CreateClient();
        var task = await first.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04"], Aoi = EosHarness.Square() });
        var start = h.Clock.GetUtcNow();

        // 25 polls at once, alternating between two independent client instances with the same key.
        var polls = Enumerable.Range(0, 25)
            .Select(i => (i % 2 == 0 ? first : second).GetLoadByExtentTask(task.Id).UpdateStatusAsync())
            .ToList();

        // A client with another key has its own limiter: it is not queued behind them.
        var otherKey = h.CreateClient(o => o.ApiKey = OtherKey);
        var otherCall = otherKey.GetLoadByExtentTask(task.Id).UpdateStatusAsync();
        var otherError = await Assert.ThrowsAsync<ProviderRequestException>(() => otherCall);
        Assert.Equal(404, otherError.Status);
        Assert.Equal(start, h.Clock.GetUtcNow());

        // Each 6 s of virtual time releases exactly one more call; let it finish before moving the clock again.
        await WaitForAsync(() => polls.Count(p => p.IsCompleted) == 1 && h.Clock.PendingTimerCount >= 24);
        for (var released = 2; released <= 25; released++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(5.999));
            await Task.Delay(20);
            Assert.Equal(released - 1, polls.Count(p => p.IsCompleted));
            h.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await WaitForAsync(() => polls.Count(p => p.IsCompleted) == released);
        }

        await Task.WhenAll(polls);

        var calls = h.EosRequests()
            .Where(r => r.Method == "GET" && r.Headers.GetValueOrDefault("x-api-key") is not null && r.StatusCode != 404)
            .Select(r => r.Timestamp)
            .OrderBy(t => t)
            .ToList();
        Assert.Equal(25, calls.Count);
        Assert.Equal(0, h.Eos.RateLimitedCount);
        foreach (var t in calls)
        {
            Assert.True(calls.Count(c => c >= t && c < t + TimeSpan.FromMinutes(1)) <= 10, $"more than 10 calls in the minute from {t:O}");
        }

        // Evenly spaced: the 25th call went out 24 × 6 s after the first.
        Assert.Equal(TimeSpan.FromSeconds(144), calls[^1] - calls[0]);
    }

    [Fact]
    public async Task Creation_and_status_are_limited_per_endpoint_independently()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var request = new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04"], Aoi = EosHarness.Square() };
        var created = await client.CreateLoadByExtentTaskAsync(request);

        // A status call right after a create does not wait: it is another endpoint.
        var poll = created.UpdateStatusAsync();
        Assert.True(poll.IsCompleted || await Task.WhenAny(poll, Task.Delay(5000)) == poll);
        await poll;

        // A second create waits 6 s of virtual time.
        var second = client.CreateLoadByExtentTaskAsync(request);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        await second;
        var creates = h.EosRequests().Where(r => r.Method == "POST").Select(r => r.Timestamp).ToList();
        Assert.Equal(TimeSpan.FromSeconds(6), creates[1] - creates[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_429_from_EOS_is_retried_after_its_Retry_After_or_a_backoff(bool sendRetryAfter)
    {
        await using var h = await EosHarness.StartAsync(o =>
        {
            o.RequestsPerMinute = 2;
            o.SendRetryAfter = sendRetryAfter;
            o.FinishedAfter = TimeSpan.FromHours(1);
        });

        // The client-side limiter is off, as if another process shared the key.
        // Without Retry-After the client backs off exponentially (1, 2, 4, 8, 16 s...) until the next token, 30 s later.
        var client = h.CreateClient(o =>
        {
            o.RequestsPerMinute = 0;
            o.MaxAttempts = 8;
        });
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04"], Aoi = EosHarness.Square() });
        h.AutoAdvance();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        }

        Assert.True(h.Eos.RateLimitedCount >= 1);
        var refused = h.EosRequests().First(r => r.StatusCode == 429);
        var retried = h.EosRequests().Last();
        Assert.Equal(200, retried.StatusCode);
        if (sendRetryAfter)
        {
            Assert.Equal(TimeSpan.FromSeconds(30), retried.Timestamp - refused.Timestamp);
        }
        else
        {
            Assert.True(retried.Timestamp > refused.Timestamp);
        }
    }

    [Fact]
    public async Task A_429_that_persists_surfaces_as_a_retryable_provider_error_with_Retry_After()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient(o =>
        {
            o.RequestsPerMinute = 0;
            o.MaxAttempts = 2;
        });
        var task = client.GetLoadByExtentTask("any-task");
        h.Emulator.Faults.OnPrefix("/eos/api/gdw/api/").RespondWithStatus(429, times: 5, retryAfter: "7", body: "{\"message\":\"Too many requests\"}", contentType: "application/json");
        h.AutoAdvance();
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => task.UpdateStatusAsync());
        Assert.Equal(429, ex.Status);
        Assert.True(ex.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.StartsWith("Too many requests", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.Equal(2, h.EosRequests().Count);
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s of real time");
            await Task.Delay(5);
        }
    }
}
