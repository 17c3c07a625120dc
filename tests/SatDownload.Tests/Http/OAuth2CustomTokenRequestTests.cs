using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

/// <summary>
/// The custom token-request hook (<see cref="OAuth2ClientCredentialsOptions.TokenRequestFactory"/>,
/// <see cref="OAuth2ClientCredentialsOptions.ErrorDecoder"/>, <see cref="OAuth2ClientCredentialsOptions.OperationName"/>):
/// a non-OAuth2 token call, here Capella's deprecated <c>POST /token</c> (shared/providers/capella-eos-iceye-clearsky.md
/// §1.1: raw Basic <c>username:password</c>, form content type, answer <c>{accessToken, expiresIn, tokenType}</c>), keeps
/// the shared cache, single flight, refresh, 401 retry and redaction.
/// </summary>
public class OAuth2CustomTokenRequestTests
{
    private const string User = "analyst@example.com";
    private const string Password = "p@ss:word/with+reserved=chars";

    private static OAuth2ClientCredentialsOptions Options(LoopbackServer server) => new()
    {
        TokenEndpoint = new Uri(server.BaseUri, "token"),
        ClientId = User,
        ClientSecret = Password,
        ProviderName = "capella",
        TokenRequestFactory = BasicUserPassword,
        OperationName = "POST /token",
        TokenRetryBaseDelay = TimeSpan.FromMilliseconds(5),
        TokenRetryMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Capella's shape: Basic over the raw user:password, an empty form body, no grant_type.</summary>
    private static HttpRequestMessage BasicUserPassword(OAuth2ClientCredentialsOptions o)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(o.ClientId + ":" + o.ClientSecret));
        Redactor.RegisterSecret(basic);
        var request = new HttpRequestMessage(HttpMethod.Post, o.TokenEndpoint) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        return request;
    }

    private static bool IsToken(HttpContext ctx) => ctx.Request.Path.Value!.EndsWith("/token", StringComparison.Ordinal);

    private static Task CamelTokenAsync(HttpContext ctx, string token, int expiresIn = 3600) =>
        LoopbackServer.WriteJsonAsync(ctx, 200, $"{{\"accessToken\":\"{token}\",\"expiresIn\":{expiresIn},\"tokenType\":\"Bearer\"}}");

    [Fact]
    public async Task The_factory_shapes_the_request_and_the_camel_case_answer_is_cached()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => CamelTokenAsync(ctx, "capella-token-0001"));
        var clock = new ManualTimeProvider();
        var provider = new OAuth2TokenProvider(Options(server), timeProvider: clock);

        var first = await provider.GetTokenAsync();
        var second = await provider.GetTokenAsync();

        Assert.Same(first, second);
        Assert.Equal("capella-token-0001", first.Value);
        Assert.Equal(clock.GetUtcNow().AddHours(1), first.ExpiresAt);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/token", request.Path);
        Assert.Equal(string.Empty, request.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("application/json", request.Headers["Accept"]);

        // Raw user:password (the standard Basic client authentication would form-encode '@', ':' and '/' first).
        Assert.Equal(User + ":" + Password, Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers["Authorization"]["Basic ".Length..])));
        Assert.Equal("token ***, password ***, basic ***", Redactor.Redact($"token capella-token-0001, password {Password}, basic {request.Headers["Authorization"]["Basic ".Length..]}"));
    }

    [Fact]
    public async Task Custom_tokens_are_fetched_once_for_concurrent_callers_and_refreshed_before_expiry()
    {
        var issued = 0;
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            await Task.Delay(100);
            await CamelTokenAsync(ctx, "tok-" + Interlocked.Increment(ref issued), expiresIn: 3600);
        });
        var clock = new ManualTimeProvider();
        var options = Options(server);
        options.RefreshMargin = TimeSpan.FromMinutes(5);
        var provider = new OAuth2TokenProvider(options, timeProvider: clock);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetTokenAsync().AsTask()));

        Assert.All(tokens, t => Assert.Equal("tok-1", t.Value));
        Assert.Equal(1, server.RequestCount);
        clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("tok-1", (await provider.GetTokenAsync()).Value);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("tok-2", (await provider.GetTokenAsync()).Value);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task The_factory_builds_a_new_request_for_every_attempt_of_a_retried_token_call()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n == 1 ? LoopbackServer.WriteJsonAsync(ctx, 503, "{\"message\":\"Service Unavailable\"}") : CamelTokenAsync(ctx, "after-503"));
        var options = Options(server);
        var inner = options.TokenRequestFactory!;
        options.TokenRequestFactory = o =>
        {
            Interlocked.Increment(ref calls);
            return inner(o);
        };

        var token = await new OAuth2TokenProvider(options).GetTokenAsync();

        Assert.Equal("after-503", token.Value);
        Assert.Equal(2, calls);
        Assert.Equal(2, server.RequestCount);
        Assert.All(server.Requests, r => Assert.StartsWith("Basic ", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_401_from_the_api_renews_a_custom_token_once()
    {
        var issued = 0;
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            if (IsToken(ctx))
            {
                return CamelTokenAsync(ctx, "tok-" + Interlocked.Increment(ref issued));
            }

            return ctx.Request.Headers.Authorization == "Bearer tok-1"
                ? LoopbackServer.WriteJsonAsync(ctx, 401, "{\"error\":{\"message\":\"Token is invalid or expired\",\"code\":\"INVALID_TOKEN\"}}")
                : LoopbackServer.WriteJsonAsync(ctx, 200, "{\"id\":\"user-1\"}");
        });
        var provider = new OAuth2TokenProvider(Options(server));
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, new OAuth2ClientCredentialsHandler(provider));

        using var response = await client.GetAsync("user");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, issued);
        Assert.Equal(["Bearer tok-1", "Bearer tok-2"], server.Requests.Where(r => r.Path == "/user").Select(r => r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Token_failures_use_the_provider_decoder_and_operation_name_without_the_password()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            LoopbackServer.WriteJsonAsync(ctx, 401, "{\"error\":{\"message\":\"Incorrect username or password\"}}"));
        var options = Options(server);
        options.ErrorDecoder = body => body.Status == 401 ? new DecodedProviderError { ErrorCode = "INVALID_CREDENTIALS", Message = "the user name or password is wrong" } : null;

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(async () => await new OAuth2TokenProvider(options).GetTokenAsync());

        Assert.Equal("capella", ex.Provider);
        Assert.Equal("POST /token", ex.Operation);
        Assert.Equal(401, ex.Status);
        Assert.Equal("INVALID_CREDENTIALS", ex.ErrorCode);
        Assert.Contains("the user name or password is wrong", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_factory_that_returns_null_is_a_clear_error()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => CamelTokenAsync(ctx, "never"));
        var options = Options(server);
        options.TokenRequestFactory = _ => null!;

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await new OAuth2TokenProvider(options).GetTokenAsync());

        Assert.Contains("TokenRequestFactory returned null", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task The_registry_keeps_custom_and_standard_token_requests_of_the_same_credentials_apart()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => CamelTokenAsync(ctx, "t"));
        var registry = new OAuth2TokenProviderRegistry();
        var standard = Options(server);
        standard.TokenRequestFactory = null;

        var custom = registry.GetOrCreate(Options(server));
        var customAgain = registry.GetOrCreate(Options(server));
        var plain = registry.GetOrCreate(standard);

        Assert.Same(custom, customAgain);
        Assert.NotSame(custom, plain);
        Assert.Equal(2, registry.Count);
        Assert.Same(Options(server).TokenRequestFactory!.Method, Options(server).Clone().TokenRequestFactory!.Method);
        Assert.Equal("POST /token", Options(server).Clone().OperationName);
    }
}
