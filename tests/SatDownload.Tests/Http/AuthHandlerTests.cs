using System.Net;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

public class AuthHandlerTests
{
    private const string Key = "apk.0123456789abcdef";

    private static Task<LoopbackServer> EchoServerAsync() =>
        LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 200, "{}"));

    [Fact]
    public async Task ApiKey_in_a_header()
    {
        await using var server = await EchoServerAsync();
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, ApiKeyHandler.InHeader(Key));

        using var response = await client.GetAsync("api/v1/items");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Key, server.Requests.Single().Headers["x-api-key"]);
    }

    [Fact]
    public async Task ApiKey_with_a_prefix_in_the_Authorization_header()
    {
        await using var server = await EchoServerAsync();
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, ApiKeyHandler.InHeader(Key, "Authorization", "ApiKey "));

        using var response = await client.GetAsync("orders");

        Assert.Equal("ApiKey " + Key, server.Requests.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task ApiKey_in_the_query_keeps_other_parameters_and_is_not_duplicated_on_retry()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n == 1 ? LoopbackServer.WriteJsonAsync(ctx, 503, "{}") : LoopbackServer.WriteJsonAsync(ctx, 200, "{}"));
        var retry = new HttpRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), TotalTimeout = null, PerAttemptTimeout = null, ResponseIdleTimeout = null };
        var clock = new ManualTimeProvider { AutoAdvance = true };
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new ResilienceHandler(retry, clock), ApiKeyHandler.InQuery(Key));

        using var response = await client.GetAsync("api/gdw/api/task-1?page=2&api_key=stale");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.RequestCount);
        Assert.All(server.Requests, r => Assert.Equal("?page=2&api_key=" + Key, r.Query));
    }

    [Fact]
    public async Task Static_bearer_token()
    {
        await using var server = await EchoServerAsync();
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new BearerTokenHandler("Bearer static-token-1234"));

        using var response = await client.GetAsync("x");

        Assert.Equal("Bearer static-token-1234", server.Requests.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task Bearer_token_from_an_async_source_is_asked_per_request()
    {
        await using var server = await EchoServerAsync();
        var calls = 0;
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri,
            new BearerTokenHandler(_ => ValueTask.FromResult("dyn-token-" + Interlocked.Increment(ref calls))));

        (await client.GetAsync("a")).Dispose();
        (await client.GetAsync("b")).Dispose();

        Assert.Equal(["Bearer dyn-token-1", "Bearer dyn-token-2"], server.Requests.Select(r => r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Credentials_are_never_sent_over_plain_http_to_another_host()
    {
        var network = new RecordingHandler();
        var handlers = new DelegatingHandler[]
        {
            ApiKeyHandler.InHeader(Key),
            new BearerTokenHandler("token-123456"),
        };

        foreach (var handler in handlers)
        {
            using var client = ProviderHttpPipeline.CreateClient(new Uri("http://api.example.com/"), [handler], network);
            var ex = await Assert.ThrowsAsync<InsecureTransportException>(() => client.GetAsync("v1/items?x=1"));
            Assert.Contains("plain HTTP", ex.Message, StringComparison.Ordinal);
            Assert.Contains("http://api.example.com/v1/items?x=***", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, network.Calls);
    }

    [Fact]
    public async Task AllowInsecureHttp_lets_the_key_through_and_https_is_always_fine()
    {
        var network = new RecordingHandler();
        using (var client = ProviderHttpPipeline.CreateClient(new Uri("http://api.example.com/"),
            [new ApiKeyHandler(new ApiKeyOptions { Key = Key, AllowInsecureHttp = true })], network))
        {
            (await client.GetAsync("x")).Dispose();
        }

        using (var client = ProviderHttpPipeline.CreateClient(new Uri("https://api.example.com/"), [ApiKeyHandler.InHeader(Key)], network))
        {
            (await client.GetAsync("x")).Dispose();
        }

        Assert.Equal(2, network.Calls);
    }

    [Fact]
    public void Empty_keys_are_rejected_with_the_field_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ApiKeyHandler(new ApiKeyOptions { Key = " ", ProviderName = "clearsky" }));
        Assert.Contains("clearsky", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKeyOptions.Key", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new BearerTokenHandler(string.Empty));
    }

    [Fact]
    public void Keys_are_registered_for_redaction()
    {
        _ = ApiKeyHandler.InHeader("apk.registered-key-777");
        Assert.Equal("key=***", Redactor.Redact("key=apk.registered-key-777"));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
        }
    }
}
