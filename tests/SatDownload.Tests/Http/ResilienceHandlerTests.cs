using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

public class ResilienceHandlerTests
{
    private static HttpClient CreateClient(LoopbackServer server, HttpRetryOptions options, TimeProvider? clock = null) =>
        ProviderHttpPipeline.CreateClient(server.BaseUri, new ResilienceHandler(options, clock));

    /// <summary>No timeouts (per-attempt, total, body idle): with an auto-advancing clock the only timers are the retry delays, which are then recorded exactly.</summary>
    private static HttpRetryOptions FakeClockOptions(int maxAttempts = 4) => new()
    {
        ProviderName = "test",
        MaxAttempts = maxAttempts,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        Jitter = false,
        TotalTimeout = null,
        PerAttemptTimeout = null,
        ResponseIdleTimeout = null,
    };

    [Fact]
    public async Task Retries_503_three_times_then_returns_the_200()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n <= 3 ? LoopbackServer.WriteJsonAsync(ctx, 503, "{\"message\":\"busy\"}") : LoopbackServer.WriteJsonAsync(ctx, 200, "{\"ok\":true}"));
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(), clock);

        using var response = await client.GetAsync("items");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"ok\":true}", await response.Content.ReadAsStringAsync());
        Assert.Equal(4, server.RequestCount);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], clock.ScheduledDelays);
    }

    [Fact]
    public async Task Timeouts_stay_on_the_system_clock_when_delays_run_on_an_auto_advancing_one()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n == 1 ? LoopbackServer.WriteJsonAsync(ctx, 503, "{}") : LoopbackServer.WriteJsonAsync(ctx, 200, "{\"ok\":true}"));
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var options = new HttpRetryOptions { Jitter = false }; // default per-attempt, total and idle timeouts stay on
        using var client = CreateClient(server, options, clock);

        using var response = await client.GetAsync("x");

        Assert.Equal("{\"ok\":true}", await response.Content.ReadAsStringAsync());
        Assert.Equal([TimeSpan.FromSeconds(1)], clock.ScheduledDelays);
    }

    [Fact]
    public async Task Gives_up_after_MaxAttempts_and_returns_the_last_response()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 502, "{\"message\":\"bad gateway " + n + "\"}"));
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(maxAttempts: 3), clock);

        using var response = await client.GetAsync("items");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"message\":\"bad gateway 3\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task Honours_RetryAfter_in_seconds()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers.RetryAfter = "7";
                return LoopbackServer.WriteJsonAsync(ctx, 429, "{}");
            }

            return LoopbackServer.WriteJsonAsync(ctx, 200, "{}");
        });
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(), clock);

        using var response = await client.GetAsync("x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(7)], clock.ScheduledDelays);
    }

    [Fact]
    public async Task Honours_RetryAfter_as_an_http_date_on_the_injected_clock()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var retryAt = clock.GetUtcNow().AddSeconds(12);
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers.RetryAfter = retryAt.ToString("r");
                return LoopbackServer.WriteJsonAsync(ctx, 503, "{}");
            }

            return LoopbackServer.WriteJsonAsync(ctx, 200, "{}");
        });
        using var client = CreateClient(server, FakeClockOptions(), clock);

        using var response = await client.GetAsync("x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(12)], clock.ScheduledDelays);
    }

    [Fact]
    public async Task Honours_RetryAfter_in_milliseconds_for_providers_that_use_that_unit()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers.RetryAfter = "3398";
                return LoopbackServer.WriteJsonAsync(ctx, 429, "{\"error\":{\"code\":\"RATE_LIMIT_EXCEEDED\"}}");
            }

            return LoopbackServer.WriteJsonAsync(ctx, 200, "{}");
        });
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var options = FakeClockOptions();
        options.RetryAfterUnit = RetryAfterUnit.Milliseconds;
        options.BaseDelay = TimeSpan.FromMilliseconds(10);
        using var client = CreateClient(server, options, clock);

        using var response = await client.GetAsync("x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromMilliseconds(3398)], clock.ScheduledDelays);
    }

    [Fact]
    public async Task Uses_a_provider_RetryAfter_extractor_when_given()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers["X-Wait-Minutes"] = "2";
                return LoopbackServer.WriteJsonAsync(ctx, 429, "{}");
            }

            return LoopbackServer.WriteJsonAsync(ctx, 200, "{}");
        });
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var options = FakeClockOptions();
        options.RetryAfterExtractor = r => r.Headers.TryGetValues("X-Wait-Minutes", out var v) ? TimeSpan.FromMinutes(int.Parse(v.First(), System.Globalization.CultureInfo.InvariantCulture)) : null;
        using var client = CreateClient(server, options, clock);

        using var response = await client.GetAsync("x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromMinutes(2)], clock.ScheduledDelays);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(501)]
    public async Task Never_retries_other_client_errors(int status)
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, status, "{\"message\":\"no\"}"));
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(), clock);

        using var response = await client.GetAsync("x");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(1, server.RequestCount);
        Assert.Empty(clock.ScheduledDelays);
    }

    [Fact]
    public async Task Retries_a_provider_specific_retryable_body_and_leaves_other_bodies_readable()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => n switch
        {
            1 => LoopbackServer.WriteJsonAsync(ctx, 400, "{\"Error\":{\"Code\":1003,\"Message\":\"Maximum concurrent requests reached\"}}"),
            _ => LoopbackServer.WriteJsonAsync(ctx, 400, "{\"Error\":{\"Code\":1002,\"Message\":\"Date not available\"}}"),
        });
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var options = FakeClockOptions();
        options.IsRetryableResponse = async (response, ct) => (await response.Content.ReadAsStringAsync(ct)).Contains("\"Code\":1003", StringComparison.Ordinal);
        using var client = CreateClient(server, options, clock);

        using var response = await client.GetAsync("x");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("1002", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_provider_marked_permanent_5xx_is_not_retried_and_its_body_stays_readable()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => n switch
        {
            1 => LoopbackServer.WriteJsonAsync(ctx, 500, "{\"error\":{\"code\":\"TRANSIENT\"}}"),
            2 => LoopbackServer.WriteJsonAsync(ctx, 500, "{\"error\":{\"code\":\"RENDERER_EXCEPTION\",\"message\":\"boom\"}}"),
            _ => LoopbackServer.WriteJsonAsync(ctx, 200, "{}"),
        });
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var options = FakeClockOptions();
        options.IsPermanentFailure = async (response, ct) => (await response.Content.ReadAsStringAsync(ct)).Contains("RENDERER_EXCEPTION", StringComparison.Ordinal);
        using var client = CreateClient(server, options, clock);

        using var response = await client.GetAsync("x");

        // The first 500 is retried as usual; the second is marked permanent and returned as is.
        Assert.Equal(500, (int)response.StatusCode);
        Assert.Contains("boom", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Replays_the_POST_body_on_every_attempt()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n < 3 ? LoopbackServer.WriteJsonAsync(ctx, 503, "{}") : LoopbackServer.WriteJsonAsync(ctx, 201, "{}"));
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(), clock);

        // A forward-only stream with a declared length: the handler must buffer it to send it three times.
        var payload = "{\"aoi\":\"POLYGON((0 0,1 0,1 1,0 0))\",\"n\":" + new string('7', 2000) + "}";
        var content = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes(payload)));
        content.Headers.ContentLength = Encoding.UTF8.GetByteCount(payload);
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync("orders", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, server.RequestCount);
        Assert.All(server.Requests, r => Assert.Equal(payload, r.Body));
    }

    [Fact]
    public async Task Does_not_retry_a_POST_after_a_500_unless_allowed()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n == 1 ? LoopbackServer.WriteJsonAsync(ctx, 500, "{}") : LoopbackServer.WriteJsonAsync(ctx, 201, "{}"));
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(), clock);

        using var first = await client.PostAsync("orders", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(1, server.RequestCount);

        var options = FakeClockOptions();
        options.RetryNonIdempotentMethods = true;
        await using var server2 = await LoopbackServer.StartAsync((ctx, n) =>
            n == 1 ? LoopbackServer.WriteJsonAsync(ctx, 500, "{}") : LoopbackServer.WriteJsonAsync(ctx, 201, "{}"));
        using var client2 = CreateClient(server2, options, clock);
        using var second = await client2.PostAsync("orders", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, server2.RequestCount);
    }

    [Fact]
    public async Task Sends_a_non_replayable_body_once()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 503, "{}"));
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(), clock);

        // Unknown length and not seekable: cannot be buffered safely, so no retry.
        var content = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes("streamed")));
        using var response = await client.PutAsync("upload", content);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal("streamed", server.Requests[0].Body);
    }

    [Fact]
    public async Task Retries_a_transport_error()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            if (n == 1)
            {
                // Drop the connection before any response: the client sees a transport error, not a status.
                ctx.Abort();
                return;
            }

            await LoopbackServer.WriteJsonAsync(ctx, 200, "{\"ok\":1}");
        });
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = CreateClient(server, FakeClockOptions(), clock);

        using var response = await client.GetAsync("x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"ok\":1}", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Transport_errors_surface_as_the_original_exception_after_the_last_attempt()
    {
        // Port 1 on loopback: connection refused, immediately.
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = ProviderHttpPipeline.CreateClient(new Uri("http://127.0.0.1:1/"), new ResilienceHandler(FakeClockOptions(maxAttempts: 3), clock));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("x"));

        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(2, clock.ScheduledDelays.Count);
        var wrapped = ProviderErrors.FromTransportFailure(ex, "test", "GET /x");
        Assert.Equal(0, wrapped.Status);
        Assert.Contains("refused", wrapped.Message, StringComparison.Ordinal);
        Assert.Contains("test GET /x", wrapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_an_attempt_that_exceeds_the_per_attempt_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            if (n == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
            }

            await LoopbackServer.WriteJsonAsync(ctx, 200, "{}");
        });
        var options = new HttpRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(5), PerAttemptTimeout = TimeSpan.FromMilliseconds(300), TotalTimeout = TimeSpan.FromSeconds(20) };
        using var client = CreateClient(server, options);
        var sw = Stopwatch.StartNew();

        using var response = await client.GetAsync("x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.RequestCount);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public async Task Per_attempt_timeouts_on_every_attempt_end_in_a_clear_TimeoutException()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) => await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted));
        var options = new HttpRetryOptions { ProviderName = "iceye", MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(5), PerAttemptTimeout = TimeSpan.FromMilliseconds(200), TotalTimeout = TimeSpan.FromSeconds(20) };
        using var client = CreateClient(server, options);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.GetAsync("tasks?api_key=SECRETSECRET"));

        Assert.Contains("iceye", ex.Message, StringComparison.Ordinal);
        Assert.Contains("per-attempt timeout of 0.2 s", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSECRET", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2 attempt(s))", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_deadline_stops_a_hanging_call()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        var options = new HttpRetryOptions { MaxAttempts = 5, PerAttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromMilliseconds(400) };
        using var client = CreateClient(server, options);
        var sw = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.GetAsync("x"));

        Assert.Contains("total timeout of 0.4 s", ex.Message, StringComparison.Ordinal);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Does_not_wait_for_a_RetryAfter_that_ends_after_the_deadline()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            ctx.Response.Headers.RetryAfter = "60";
            return LoopbackServer.WriteJsonAsync(ctx, 429, "{}");
        });
        var options = new HttpRetryOptions { MaxAttempts = 5, TotalTimeout = TimeSpan.FromSeconds(10) };
        using var client = CreateClient(server, options);
        var sw = Stopwatch.StartNew();

        using var response = await client.GetAsync("x");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public async Task Backoff_with_retries_stays_within_the_total_deadline()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 503, "{}"));
        var options = new HttpRetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromMilliseconds(100), Jitter = false, TotalTimeout = TimeSpan.FromSeconds(3) };
        using var client = CreateClient(server, options);
        var sw = Stopwatch.StartNew();

        using var response = await client.GetAsync("x");

        // Waits of 100 + 200 + 400 + 800 ms fit in 3 s; the next 1.6 s would not, so the last 503 is returned instead of
        // sleeping past the deadline. The fifth attempt starts at 1.5 s and has 1.5 s left, room for a loaded machine
        // (fewer attempts fit when each one is slow).
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.InRange(server.RequestCount, 3, 5);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3.5), $"took {sw.Elapsed}");
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        using var client = CreateClient(server, new HttpRetryOptions());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("x", cts.Token));
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_fails_with_the_idle_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            ctx.Response.ContentLength = 1000;
            await ctx.Response.Body.WriteAsync(new byte[10], ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
        });
        // One attempt: API bodies are now read inside the retry scope, so with retries a stalled body is sent again
        // (see ResilienceHandlerResponseBodyTests in the Reliability suite); this test is about the idle timeout itself.
        var options = new HttpRetryOptions { ProviderName = "eos", MaxAttempts = 1, ResponseIdleTimeout = TimeSpan.FromMilliseconds(300) };
        using var client = CreateClient(server, options);
        var sw = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.GetStringAsync("tasks/1"));

        var timeout = FindInChain<TimeoutException>(ex);
        Assert.NotNull(timeout);
        Assert.Contains("No data received for 0.3 s while reading GET http://127.0.0.1:", timeout!.Message, StringComparison.Ordinal);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    private static T? FindInChain<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>A stream that can be read once, front to back.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
