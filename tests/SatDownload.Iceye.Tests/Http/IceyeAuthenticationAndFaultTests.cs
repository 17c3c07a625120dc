using SatDownload.Iceye.Tests.Emulator;

namespace SatDownload.Iceye.Tests.Http;

public class IceyeAuthenticationAndFaultTests
{
    [Fact]
    public async Task An_expired_token_answered_with_401_is_replaced_once_and_the_call_succeeds()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewRequest());
        env.Iceye.ExpireAllTokens();

        await task.UpdateStatusAsync();

        Assert.Equal(2, env.Iceye.TokensIssued);
        var gets = env.ApiRequests.Where(r => r.Method == "GET").Select(r => r.StatusCode).ToList();
        Assert.Equal(new[] { 401, 200 }, gets);
    }

    [Fact]
    public async Task Tokens_are_refreshed_five_minutes_before_expiry_without_a_401()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewRequest());

        env.Advance(TimeSpan.FromMinutes(54));
        await task.UpdateStatusAsync();
        Assert.Equal(1, env.Iceye.TokensIssued);

        env.Advance(TimeSpan.FromMinutes(2));
        await task.UpdateStatusAsync();

        Assert.Equal(2, env.Iceye.TokensIssued);
        Assert.DoesNotContain(env.ApiRequests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task Concurrent_calls_share_one_token_request_across_clients_with_the_same_credentials()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var second = env.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? env.Client : second).GetTasksPageAsync()));

        Assert.Equal(1, env.Iceye.TokensIssued);
        Assert.Single(env.Host.Requests.ForPath("/iceye/oauth/v1/token"));
    }

    [Fact]
    public async Task Wrong_credentials_are_a_clear_401_that_never_shows_the_secret()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var client = new IceyeClient(env.CreateOptions(secret: "wrong-secret-value-123"));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetTasksPageAsync());

        Assert.Equal(401, ex.Status);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.DoesNotContain("wrong-secret-value-123", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(env.ApiRequests, r => r.Path.Contains("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_credentials_fail_before_any_request()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var options = env.CreateOptions();
        options.ClientSecret = null;

        var ex = Assert.Throws<ArgumentException>(() => new IceyeClient(options));

        Assert.Contains("SATDOWNLOAD_ICEYE_CLIENT_SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Empty(env.Host.Requests);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_honoured_then_the_call_succeeds()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewRequest());
        env.Host.Faults.On("/iceye/api/tasking/v2/tasks/" + task.Id).RespondWithStatus(429, times: 1, retryAfter: "2");
        var before = env.Clock.GetUtcNow();

        await task.UpdateStatusAsync();

        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
        var polls = env.ApiRequests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(new[] { 429, 200 }, polls.Select(p => p.StatusCode));
        Assert.True(polls[1].Timestamp - polls[0].Timestamp >= TimeSpan.FromSeconds(2));
        Assert.True(env.Clock.GetUtcNow() - before >= TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_errors_are_retried(int status)
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        env.Host.Faults.On("/iceye/api/company/v1/contracts").RespondWithStatus(status, times: 2);

        var contracts = await IceyeProductsFlowTestsHelpers.CountAsync(env.Client.GetContractsAsync());

        Assert.Equal(1, contracts);
        Assert.Equal(new[] { status, status, 200 }, env.ApiRequests.Where(r => r.Path.EndsWith("/contracts", StringComparison.Ordinal)).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Persistent_server_errors_end_in_a_retryable_provider_exception()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        env.Host.Faults.On("/iceye/api/company/v1/contracts").RespondWithStatus(503, times: 10, body: "upstream unavailable", contentType: "text/plain");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => IceyeProductsFlowTestsHelpers.CountAsync(env.Client.GetContractsAsync()));

        Assert.Equal(503, ex.Status);
        Assert.True(ex.IsRetryable);
        Assert.Contains("upstream unavailable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, env.ApiRequests.Count(r => r.Path.EndsWith("/contracts", StringComparison.Ordinal)));
    }
}

public class IceyeErrorShapeTests
{
    [Fact]
    public async Task An_html_gateway_page_becomes_a_readable_error()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        env.Host.Faults.On("/iceye/api/company/v1/contracts").RespondWithStatus(
            403, times: 1, body: "<html><head><title>403 Forbidden</title></head><body><h1>Request blocked by CloudFront</h1></body></html>", contentType: "text/html");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => IceyeProductsFlowTestsHelpers.CountAsync(env.Client.GetContractsAsync()));

        Assert.Equal(403, ex.Status);
        Assert.Contains("403 Forbidden", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html>", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task A_problem_document_from_a_fault_keeps_code_and_reference()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        env.Host.Faults.On("/iceye/api/company/v1/contracts").RespondWithStatus(
            429, times: 10, retryAfter: "1", body: """{"title":"Too Many Requests","code":"rate_limited","details":"Slow down.","reference":"https://docs.iceye.com/x"}""", contentType: "application/problem+json");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => IceyeProductsFlowTestsHelpers.CountAsync(env.Client.GetContractsAsync()));

        Assert.Equal(429, ex.Status);
        Assert.Equal("rate_limited", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Contains("Too Many Requests. Slow down. See https://docs.iceye.com/x", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.True(ex.IsRetryable);
    }
}

internal static class IceyeProductsFlowTestsHelpers
{
    public static async Task<int> CountAsync<T>(IAsyncEnumerable<T> source)
    {
        var n = 0;
        await foreach (var _ in source)
        {
            n++;
        }

        return n;
    }
}

public class IceyeRateLimitTests
{
    [Fact]
    public async Task The_client_side_limit_is_shared_by_clients_with_the_same_credentials()
    {
        await using var env = await SatDownload.Iceye.Tests.Emulator.IceyeTestEnvironment.StartAsync();
        var limit = new SatDownload.Http.RateLimitOptions { RequestsPerPeriod = 1, Period = TimeSpan.FromSeconds(2), Burst = 1 };
        var a = env.CreateClient(o => o.RateLimit = limit);
        var b = env.CreateClient(o => o.RateLimit = limit);
        var start = env.Clock.GetUtcNow();

        await a.GetTasksPageAsync();
        await b.GetTasksPageAsync();
        await a.GetTasksPageAsync();

        Assert.True(env.Clock.GetUtcNow() - start >= TimeSpan.FromSeconds(4), $"only {env.Clock.GetUtcNow() - start} passed");
        Assert.Equal(1, env.RateLimiters.Count);
    }
}
