using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Auth;

public sealed class AuthenticationTests
{
    private static CatalogSearchRequest Search() => new() { Collections = ["sentinel-2-l2a"], Datetime = "2024-06-01T00:00:00Z/2024-06-02T00:00:00Z", Limit = 5 };

    [Fact]
    public async Task Two_clients_with_the_same_credentials_share_one_token()
    {
        await using var env = await ShEnvironment.StartAsync();
        var a = env.Client();
        var b = env.Client();

        var first = await a.GetCatalogClient().SearchAsync(Search()).CollectAsync();
        var second = await b.GetCatalogClient().SearchAsync(Search()).CollectAsync();

        Assert.Equal(2, first.Count);
        Assert.Equal(first.Select(i => i.Id), second.Select(i => i.Id));
        Assert.Equal(1, env.Sh.TokensIssued);
        Assert.Single(env.ApiRequests("/openid-connect/token"));
    }

    [Fact]
    public async Task Expired_token_is_replaced_after_a_401()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = env.Client();
        await client.GetCatalogClient().GetCollectionsAsync();
        env.Sh.RevokeAllTokens();

        var collections = await client.GetCatalogClient().GetCollectionsAsync();

        Assert.Contains(collections, c => c.Id == "sentinel-2-l2a");
        Assert.Equal(2, env.ApiRequests("/openid-connect/token").Count);
        Assert.Contains(env.ApiRequests("/catalog/1.0.0/collections"), r => r.StatusCode == 401);
    }

    [Fact]
    public async Task Cdse_credentials_on_a_sentinel_hub_deployment_fail_with_a_clear_message()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = env.Client(o => new SentinelHubClientOptions
        {
            Deployment = o.Deployment,
            ClientId = ShEnvironment.CdseClientId,
            ClientSecret = ShEnvironment.CdseClientSecret,
            AllowInsecureHttp = true,
            TokenProviders = o.TokenProviders,
            TimeProvider = o.TimeProvider,
        });

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetCatalogClient().GetCollectionsAsync());

        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Contains("Copernicus Data Space (CDSE) credentials are refused", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ShEnvironment.CdseClientSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(env.ApiRequests("/eu/api/"));
    }

    [Fact]
    public async Task Cdse_deployment_works_with_cdse_credentials_and_has_its_own_collections()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = new SentinelHubClient(env.Options("cdse"));
        var collections = await client.GetCatalogClient().GetCollectionsAsync();
        Assert.Contains(collections, c => c.Id == "sentinel-3-olci");
        Assert.Single(env.ApiRequests("/realms/CDSE/"));
    }

    [Fact]
    public void Token_url_of_the_other_identity_provider_is_rejected_before_any_call()
    {
        var options = new SentinelHubClientOptions
        {
            Deployment = SentinelHubDeployment.Custom("mixed", new Uri("https://services.sentinel-hub.com/"), SentinelHubDeployment.Cdse.TokenUri, SentinelHubIdentityProvider.SentinelHub),
            ClientId = "id",
            ClientSecret = "secret-value",
        };
        var ex = Assert.Throws<ArgumentException>(() => new SentinelHubClient(options));
        Assert.Contains("SentinelHubDeployment.Cdse", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SentinelHubClient(new SentinelHubClientOptions { ClientId = "x" }));
    }

    [Fact]
    public async Task Token_endpoint_html_429_is_retried_and_then_reported()
    {
        await using var env = await ShEnvironment.StartAsync(new SentinelHubEmulatorOptions { TokenRequestsPerMinute = 1 });
        var first = env.Client();
        await first.GetCatalogClient().GetCollectionsAsync();

        // Another credential cache (another process) hits the token endpoint limit: HTML 429, retried on the clock.
        var ex = await Record.ExceptionAsync(() => new SentinelHubClient(new SentinelHubClientOptions
        {
            Deployment = env.Deployment(),
            ClientId = ShEnvironment.ClientId,
            ClientSecret = ShEnvironment.ClientSecret,
            AllowInsecureHttp = true,
            TokenProviders = new SatDownload.Http.OAuth2TokenProviderRegistry(),
            TimeProvider = env.Clock,
        }).GetCatalogClient().GetCollectionsAsync());

        var tokenCalls = env.ApiRequests("/openid-connect/token");
        Assert.Contains(tokenCalls, r => r.StatusCode == 429);
        if (ex is not null)
        {
            var pre = Assert.IsType<ProviderRequestException>(ex);
            Assert.Equal(429, pre.Status);
            Assert.True(pre.Message.Contains("too many requests", StringComparison.OrdinalIgnoreCase), pre.Message);
        }
        else
        {
            Assert.Contains(tokenCalls, r => r.StatusCode == 200 && r.Sequence > tokenCalls.First(t => t.StatusCode == 429).Sequence);
        }

    }

    [Fact]
    public async Task Tokens_are_refreshed_before_they_expire()
    {
        await using var env = await ShEnvironment.StartAsync(new SentinelHubEmulatorOptions { TokenLifetime = TimeSpan.FromMinutes(10) });
        env.Clock.AutoAdvance = false; // no waits here; the token provider's own timeouts must not be jumped to
        var client = env.Client(o => new SentinelHubClientOptions
        {
            Deployment = o.Deployment, ClientId = o.ClientId, ClientSecret = o.ClientSecret, AllowInsecureHttp = true,
            TokenProviders = new SatDownload.Http.OAuth2TokenProviderRegistry(null, env.Clock), TimeProvider = env.Clock,
            TokenRefreshMargin = TimeSpan.FromMinutes(2),
        });

        await client.GetCatalogClient().GetCollectionsAsync();
        env.Clock.Advance(TimeSpan.FromMinutes(5));
        await client.GetCatalogClient().GetCollectionsAsync();
        Assert.Equal(1, env.Sh.TokensIssued);

        env.Clock.Advance(TimeSpan.FromMinutes(3.5)); // 8.5 of 10 minutes: inside the refresh margin
        await client.GetCatalogClient().GetCollectionsAsync();

        Assert.Equal(2, env.Sh.TokensIssued);
        Assert.DoesNotContain(env.ApiRequests("/catalog/"), r => r.StatusCode == 401);
    }

    [Fact]
    public async Task Legacy_token_endpoint_can_be_chosen()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = env.Client(o => new SentinelHubClientOptions
        {
            Deployment = o.Deployment, ClientId = o.ClientId, ClientSecret = o.ClientSecret, AllowInsecureHttp = true,
            TokenProviders = new SatDownload.Http.OAuth2TokenProviderRegistry(), TimeProvider = o.TimeProvider, UseLegacyTokenEndpoint = true,
        });
        await client.GetCatalogClient().GetCollectionsAsync();
        Assert.Single(env.ApiRequests("/oauth/token"));
    }
}
