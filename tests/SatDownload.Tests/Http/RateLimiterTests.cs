using System.Net;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

public class RateLimiterTests
{
    [Fact]
    public async Task Requests_are_paced_deterministically_on_the_fake_clock()
    {
        var clock = new ManualTimeProvider();
        var limiter = new ProviderRateLimiter(new RateLimitOptions { RequestsPerPeriod = 2, Period = TimeSpan.FromSeconds(1), Burst = 2 }, clock);

        Assert.Equal(TimeSpan.Zero, await limiter.AcquireAsync());
        Assert.Equal(TimeSpan.Zero, await limiter.AcquireAsync());
        var third = limiter.AcquireAsync().AsTask();
        var fourth = limiter.AcquireAsync().AsTask();

        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(20);
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), await third);
        Assert.False(fourth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromSeconds(1), await fourth);
    }

    [Fact]
    public async Task The_cost_bucket_paces_processing_units()
    {
        var clock = new ManualTimeProvider();
        var limiter = new ProviderRateLimiter(new RateLimitOptions { CostUnitsPerPeriod = 10, CostPeriod = TimeSpan.FromMinutes(1) }, clock);

        Assert.Equal(TimeSpan.Zero, await limiter.AcquireAsync(6));
        var second = limiter.AcquireAsync(6).AsTask();

        // 4 units left, 2 short, refilling 10 per minute: 12 s.
        Assert.Equal(TimeSpan.FromSeconds(12), limiter.GetWaitEstimate(0) + TimeSpan.FromSeconds(12));
        clock.Advance(TimeSpan.FromSeconds(11));
        await Task.Delay(20);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(12), await second);
    }

    [Fact]
    public async Task A_cancelled_wait_returns_its_reservation()
    {
        var clock = new ManualTimeProvider();
        var limiter = new ProviderRateLimiter(new RateLimitOptions { RequestsPerPeriod = 1, Period = TimeSpan.FromSeconds(10) }, clock);
        await limiter.AcquireAsync();
        using var cts = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(cancellationToken: cts.Token).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(20), limiter.GetWaitEstimate());
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.GetWaitEstimate());
    }

    [Fact]
    public void The_registry_shares_one_limiter_per_provider_and_credential()
    {
        var registry = new RateLimiterRegistry(new ManualTimeProvider());
        var options = new RateLimitOptions { RequestsPerPeriod = 10 };

        var a = registry.GetOrCreate("eos", "apk.key-one", options);
        var a2 = registry.GetOrCreate("eos", "apk.key-one", new RateLimitOptions { RequestsPerPeriod = 99 });
        var b = registry.GetOrCreate("eos", "apk.key-two", options);
        var c = registry.GetOrCreate("clearsky", "apk.key-one", options);

        Assert.Same(a, a2);
        Assert.Equal(10, a2.Options.RequestsPerPeriod);
        Assert.NotSame(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(3, registry.Count);
    }

    [Fact]
    public void Fingerprints_never_contain_the_secret()
    {
        var fingerprint = OAuth2TokenProviderRegistry.Fingerprint("apk.super-secret-key");
        Assert.Equal(16, fingerprint.Length);
        Assert.DoesNotContain("secret", fingerprint, StringComparison.Ordinal);
        Assert.Equal(fingerprint, OAuth2TokenProviderRegistry.Fingerprint("apk.super-secret-key"));
        Assert.NotEqual(fingerprint, OAuth2TokenProviderRegistry.Fingerprint("apk.other-key"));
    }

    [Fact]
    public async Task Two_client_instances_with_the_same_key_share_the_quota()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 200, "{}"));
        var clock = new ManualTimeProvider();
        var registry = new RateLimiterRegistry(clock);
        var options = new RateLimitOptions { RequestsPerPeriod = 10, Period = TimeSpan.FromMinutes(1), Burst = 1 };
        using var first = ProviderHttpPipeline.CreateClient(server.BaseUri, new RateLimitingHandler(registry.GetOrCreate("eos", "apk.k", options), "eos"));
        using var second = ProviderHttpPipeline.CreateClient(server.BaseUri, new RateLimitingHandler(registry.GetOrCreate("eos", "apk.k", options), "eos"));

        (await first.GetAsync("a")).Dispose();
        var blocked = second.GetAsync("b");
        await Task.Delay(50);

        Assert.False(blocked.IsCompleted);
        Assert.Equal(1, server.RequestCount);
        clock.Advance(TimeSpan.FromSeconds(6));
        using var response = await blocked;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task The_handler_charges_the_request_cost_option()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 200, "{}"));
        var clock = new ManualTimeProvider();
        var limiter = new ProviderRateLimiter(new RateLimitOptions { CostUnitsPerPeriod = 300, CostPeriod = TimeSpan.FromMinutes(1) }, clock);
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new RateLimitingHandler(limiter, "sentinel-hub"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/process").WithCost(250);
        (await client.SendAsync(request)).Dispose();

        // 50 PU left; 100 PU more needs 50 PU refill at 5 PU/s.
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.GetWaitEstimate(100));
    }

    [Fact]
    public async Task Waiting_for_the_limiter_does_not_count_against_the_per_attempt_timeout()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 200, "{}"));
        // Warm the server and the same handler chain first (JIT, Polly, connection): a cold first request can take longer
        // than the short per-attempt timeout on its own, which is not what this test is about.
        var roomy = new ProviderRateLimiter(new RateLimitOptions { RequestsPerPeriod = 100, Period = TimeSpan.FromSeconds(1) });
        using (var warm = ProviderHttpPipeline.CreateClient(server.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(new HttpRetryOptions(), rateLimiter: roomy)))
        {
            (await warm.GetAsync("warm-up")).Dispose();
        }

        // The second request waits ~2.5 s for a permit, more than twice the per-attempt timeout.
        var limiter = new ProviderRateLimiter(new RateLimitOptions { RequestsPerPeriod = 1, Period = TimeSpan.FromMilliseconds(2500) });
        var retry = new HttpRetryOptions { PerAttemptTimeout = TimeSpan.FromMilliseconds(1000), MaxAttempts = 1 };
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(retry, rateLimiter: limiter));

        (await client.GetAsync("a")).Dispose();
        using var second = await client.GetAsync("b");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ProviderRateLimiter(new RateLimitOptions { RequestsPerPeriod = -1 }));
        Assert.Throws<ArgumentException>(() => new ProviderRateLimiter(new RateLimitOptions { RequestsPerPeriod = 1, Period = TimeSpan.Zero }));
    }
}
