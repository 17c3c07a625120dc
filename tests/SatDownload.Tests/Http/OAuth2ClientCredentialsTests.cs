using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

/// <summary>
/// Token endpoint shapes come from the provider notes (shared/providers/sentinel-hub.md §A.1: Keycloak token response,
/// "invalid_client"/"Invalid client or Invalid client credentials", the HTML 429 page; capella-eos-iceye-clearsky.md §1.1
/// and §3.1: camelCase legacy token, HTTP Basic client auth), reproduced inline.
/// </summary>
public class OAuth2ClientCredentialsTests
{
    private const string Secret = "s3cr3t-client-secret-value";

    private static OAuth2ClientCredentialsOptions Options(LoopbackServer server, string clientId = "client-1") => new()
    {
        TokenEndpoint = new Uri(server.BaseUri, "auth/realms/main/protocol/openid-connect/token"),
        ClientId = clientId,
        ClientSecret = Secret,
        ProviderName = "sentinel-hub",
        TokenRetryBaseDelay = TimeSpan.FromMilliseconds(5),
        TokenRetryMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    private static bool IsToken(HttpContext ctx) => ctx.Request.Path.Value!.EndsWith("/token", StringComparison.Ordinal);

    private static Task TokenAsync(HttpContext ctx, string token, int expiresIn = 3600) =>
        LoopbackServer.WriteJsonAsync(ctx, 200, $"{{\"access_token\":\"{token}\",\"expires_in\":{expiresIn},\"token_type\":\"bearer\",\"refresh_expires_in\":0,\"not-before-policy\":0,\"scope\":\"email\"}}");

    private static int TokenRequests(LoopbackServer server) => server.Requests.Count(r => r.Path.EndsWith("/token", StringComparison.Ordinal));

    [Fact]
    public async Task Sends_the_client_credentials_in_the_form_and_caches_the_token()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            IsToken(ctx) ? TokenAsync(ctx, "token-abc-123") : LoopbackServer.WriteJsonAsync(ctx, 200, "{\"auth\":\"" + ctx.Request.Headers.Authorization + "\"}"));
        var provider = new OAuth2TokenProvider(Options(server));
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new OAuth2ClientCredentialsHandler(provider));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("{\"auth\":\"Bearer token-abc-123\"}", await client.GetStringAsync("api/v1/process"));
        }

        Assert.Equal(1, TokenRequests(server));
        var tokenRequest = server.Requests.Single(r => r.Path.EndsWith("/token", StringComparison.Ordinal));
        Assert.Equal("POST", tokenRequest.Method);
        Assert.Contains("grant_type=client_credentials", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains("client_id=client-1", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains("client_secret=" + Secret, tokenRequest.Body, StringComparison.Ordinal);
        Assert.StartsWith("application/x-www-form-urlencoded", tokenRequest.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_client_authentication_and_extra_parameters()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => TokenAsync(ctx, "basic-token-1"));
        var options = Options(server);
        options.ClientAuthentication = OAuth2ClientAuthentication.Basic;
        options.Scope = "catalog.read tasking.write";
        options.AdditionalParameters["audience"] = "api";
        var provider = new OAuth2TokenProvider(options);

        var token = await provider.GetTokenAsync();

        Assert.Equal("basic-token-1", token.Value);
        Assert.Equal("Bearer", token.TokenType);
        var request = server.Requests.Single();
        var basic = request.Headers["Authorization"];
        Assert.StartsWith("Basic ", basic, StringComparison.Ordinal);
        Assert.Equal("client-1:" + Secret, Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..])));
        Assert.DoesNotContain("client_secret", request.Body, StringComparison.Ordinal);
        Assert.Contains("scope=catalog.read+tasking.write", request.Body, StringComparison.Ordinal);
        Assert.Contains("audience=api", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("basic-token-1", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refreshes_the_token_before_it_expires_on_the_injected_clock()
    {
        var issued = 0;
        await using var server = await LoopbackServer.StartAsync((ctx, n) => TokenAsync(ctx, "tok-" + Interlocked.Increment(ref issued), expiresIn: 600));
        var clock = new ManualTimeProvider();
        var options = Options(server);
        options.RefreshMargin = TimeSpan.FromSeconds(60);
        var provider = new OAuth2TokenProvider(options, timeProvider: clock);

        Assert.Equal("tok-1", (await provider.GetTokenAsync()).Value);
        Assert.Equal(clock.GetUtcNow().AddSeconds(600), (await provider.GetTokenAsync()).ExpiresAt);

        clock.Advance(TimeSpan.FromSeconds(539));
        Assert.Equal("tok-1", (await provider.GetTokenAsync()).Value);

        clock.Advance(TimeSpan.FromSeconds(1)); // 60 s before expiry
        Assert.Equal("tok-2", (await provider.GetTokenAsync()).Value);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Short_lived_tokens_are_refreshed_half_way_not_immediately()
    {
        var issued = 0;
        await using var server = await LoopbackServer.StartAsync((ctx, n) => TokenAsync(ctx, "short-" + Interlocked.Increment(ref issued), expiresIn: 60));
        var clock = new ManualTimeProvider();
        var options = Options(server);
        options.RefreshMargin = TimeSpan.FromMinutes(5);
        var provider = new OAuth2TokenProvider(options, timeProvider: clock);

        Assert.Equal("short-1", (await provider.GetTokenAsync()).Value);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("short-1", (await provider.GetTokenAsync()).Value);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("short-2", (await provider.GetTokenAsync()).Value);
    }

    [Fact]
    public async Task Fifty_concurrent_calls_cause_one_token_request()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            if (IsToken(ctx))
            {
                await Task.Delay(200);
                await TokenAsync(ctx, "shared-token-xyz");
                return;
            }

            await LoopbackServer.WriteJsonAsync(ctx, 200, "{}");
        });
        var registry = new OAuth2TokenProviderRegistry();
        var clients = Enumerable.Range(0, 5)
            .Select(_ => ProviderHttpPipeline.CreateClient(server.BaseUri, new OAuth2ClientCredentialsHandler(Options(server), registry)))
            .ToList();

        var calls = Enumerable.Range(0, 50).Select(i => clients[i % clients.Count].GetAsync("api/" + i)).ToList();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, TokenRequests(server));
        Assert.All(server.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)), r => Assert.Equal("Bearer shared-token-xyz", r.Headers["Authorization"]));
        Assert.Equal(1, registry.Count);
        foreach (var r in responses)
        {
            r.Dispose();
        }

        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    [Fact]
    public async Task Registry_shares_per_token_url_and_client_id()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => TokenAsync(ctx, "t"));
        var registry = new OAuth2TokenProviderRegistry();

        var a = registry.GetOrCreate(Options(server, "client-a"));
        var a2 = registry.GetOrCreate(Options(server, "client-a"));
        var b = registry.GetOrCreate(Options(server, "client-b"));

        Assert.Same(a, a2);
        Assert.NotSame(a, b);
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public async Task A_401_from_the_api_refreshes_the_token_once_and_replays_the_request()
    {
        var issued = 0;
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            if (IsToken(ctx))
            {
                return TokenAsync(ctx, "gen-" + Interlocked.Increment(ref issued));
            }

            return ctx.Request.Headers.Authorization == "Bearer gen-1"
                ? LoopbackServer.WriteJsonAsync(ctx, 401, "{\"error\":{\"status\":401,\"reason\":\"Unauthorized\",\"message\":\"You are not authorized!\",\"code\":\"COMMON_UNAUTHORIZED\"}}")
                : LoopbackServer.WriteJsonAsync(ctx, 200, "{\"ok\":true}");
        });
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new OAuth2ClientCredentialsHandler(new OAuth2TokenProvider(Options(server))));

        using var response = await client.PostAsync("api/v1/process", new StringContent("{\"input\":1}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, TokenRequests(server));
        var apiCalls = server.Requests.Where(r => r.Path == "/api/v1/process").ToList();
        Assert.Equal(2, apiCalls.Count);
        Assert.All(apiCalls, r => Assert.Equal("{\"input\":1}", r.Body));
        Assert.Equal("Bearer gen-2", apiCalls[1].Headers["Authorization"]);
    }

    [Fact]
    public async Task Many_concurrent_401s_with_the_same_stale_token_cause_one_refresh()
    {
        var issued = 0;
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            if (IsToken(ctx))
            {
                await Task.Delay(100);
                await TokenAsync(ctx, "gen-" + Interlocked.Increment(ref issued));
                return;
            }

            await (ctx.Request.Headers.Authorization == "Bearer gen-1"
                ? LoopbackServer.WriteJsonAsync(ctx, 401, "{\"error\":\"token revoked\"}")
                : LoopbackServer.WriteJsonAsync(ctx, 200, "{}"));
        });
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new OAuth2ClientCredentialsHandler(new OAuth2TokenProvider(Options(server))));

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.GetAsync("api/" + i)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, TokenRequests(server));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task A_persistent_401_is_returned_after_one_refresh()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            IsToken(ctx) ? TokenAsync(ctx, "tok-" + n) : LoopbackServer.WriteJsonAsync(ctx, 401, "{\"error\":\"unauthorized\"}"));
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new OAuth2ClientCredentialsHandler(new OAuth2TokenProvider(Options(server))));

        using var response = await client.GetAsync("api/x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, TokenRequests(server));
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/api/x"));
    }

    [Fact]
    public async Task Keycloak_invalid_client_becomes_a_clear_ProviderRequestException()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            ctx.Response.Headers["x-request-id"] = "req-42";
            return LoopbackServer.WriteJsonAsync(ctx, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
        });
        var provider = new OAuth2TokenProvider(Options(server));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(async () => await provider.GetTokenAsync());

        Assert.Equal("sentinel-hub", ex.Provider);
        Assert.Equal(401, ex.Status);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Equal("req-42", ex.RequestId);
        Assert.False(ex.IsRetryable);
        Assert.Contains("Invalid client or Invalid client credentials", ex.Message, StringComparison.Ordinal);
        Assert.Contains("client id and secret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST /auth/realms/main/protocol/openid-connect/token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Keycloak_400_error_is_decoded()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            LoopbackServer.WriteJsonAsync(ctx, 400, "{\"error\":\"unauthorized_client\",\"error_description\":\"Client not enabled to retrieve service account\"}"));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(async () => await new OAuth2TokenProvider(Options(server)).GetTokenAsync());

        Assert.Equal(400, ex.Status);
        Assert.Equal("unauthorized_client", ex.ErrorCode);
        Assert.Contains("Client not enabled to retrieve service account", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTML_429_page_is_retried_then_reported_by_its_title()
    {
        const string html = "<html><head><title>429 Too Many Requests</title><style>body{color:red}</style></head><body><h1>Too Many Requests</h1><p>You have sent too many requests in a given amount of time.</p></body></html>";
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            ctx.Response.Headers.RetryAfter = "0";
            return LoopbackServer.WriteJsonAsync(ctx, 429, html, "text/html");
        });
        var options = Options(server);
        options.MaxTokenRequestAttempts = 3;
        var provider = new OAuth2TokenProvider(options);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(async () => await provider.GetTokenAsync());

        Assert.Equal(429, ex.Status);
        Assert.True(ex.IsRetryable);
        Assert.Contains("429 Too Many Requests", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", ex.BodyExcerpt ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal(3, provider.TokenRequestCount);
    }

    [Fact]
    public async Task A_429_followed_by_success_yields_a_token()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n == 1 ? LoopbackServer.WriteJsonAsync(ctx, 429, "<html><title>Slow down</title></html>", "text/html") : TokenAsync(ctx, "after-429"));

        var token = await new OAuth2TokenProvider(Options(server)).GetTokenAsync();

        Assert.Equal("after-429", token.Value);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_token_endpoint_that_is_down_gives_a_transport_error_naming_the_provider()
    {
        var options = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = new Uri("http://127.0.0.1:1/oauth/token"),
            ClientId = "c",
            ClientSecret = Secret,
            ProviderName = "iceye",
            MaxTokenRequestAttempts = 2,
            TokenRetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(async () => await new OAuth2TokenProvider(options).GetTokenAsync());

        Assert.Equal(0, ex.Status);
        Assert.Equal("iceye", ex.Provider);
        Assert.Contains("no response from the provider", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST /oauth/token", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<HttpRequestException>(ex.InnerException);
    }

    [Theory]
    [InlineData("{\"access_token\":", "malformed JSON")]
    [InlineData("", "malformed JSON (empty body)")]
    [InlineData("{\"token_type\":\"bearer\",\"expires_in\":3600}", "no access_token")]
    [InlineData("[1,2]", "not an object")]
    public async Task Bad_token_responses_are_reported_clearly(string body, string expected)
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 200, body));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(async () => await new OAuth2TokenProvider(Options(server)).GetTokenAsync());

        Assert.Equal("INVALID_TOKEN_RESPONSE", ex.ErrorCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Camel_case_token_responses_are_accepted()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            LoopbackServer.WriteJsonAsync(ctx, 200, "{\"accessToken\":\"capella-legacy-token\",\"expiresIn\":3600,\"tokenType\":\"Bearer\"}"));
        var clock = new ManualTimeProvider();

        var token = await new OAuth2TokenProvider(Options(server), timeProvider: clock).GetTokenAsync();

        Assert.Equal("capella-legacy-token", token.Value);
        Assert.Equal(clock.GetUtcNow().AddHours(1), token.ExpiresAt);
    }

    [Fact]
    public async Task Tokens_and_secrets_are_registered_for_redaction()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => TokenAsync(ctx, "opaque-token-value-987"));
        await new OAuth2TokenProvider(Options(server)).GetTokenAsync();

        Assert.Equal("token ***, secret ***", Redactor.Redact("token opaque-token-value-987, secret " + Secret));
    }

    [Fact]
    public void Missing_options_fail_before_any_request()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OAuth2TokenProvider(new OAuth2ClientCredentialsOptions { TokenEndpoint = new Uri("https://idp.example/token"), ClientSecret = "x" }));
        Assert.Contains("ClientId", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentException>(() => new OAuth2TokenProvider(new OAuth2ClientCredentialsOptions { ClientId = "a", ClientSecret = "x" }));
        Assert.Contains("TokenEndpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_token_endpoint_on_another_host_is_refused()
    {
        var options = new OAuth2ClientCredentialsOptions { TokenEndpoint = new Uri("http://idp.example.com/token"), ClientId = "a", ClientSecret = Secret, ProviderName = "iceye" };

        var ex = Assert.Throws<InsecureTransportException>(() => new OAuth2TokenProvider(options));

        Assert.Contains("plain HTTP", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp", ex.Message, StringComparison.Ordinal);
        options.AllowInsecureHttp = true;
        Assert.NotNull(new OAuth2TokenProvider(options));
    }
}
