using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Authentication;

public class AuthenticationTests
{
    [Fact]
    public async Task Api_key_is_sent_as_ApiKey_and_user_checks_the_credential()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.ApiKeyClient();

        var user = await client.GetUserAsync();

        Assert.Equal(CapellaEmulator.ArticleUserId, user.Id);
        Assert.Equal(host.Capella.OrganizationId, user.OrganizationId);
        Assert.Equal(CapellaAuthenticationMethod.ApiKey, client.AuthenticationMethod);
        Assert.StartsWith("ApiKey ", Assert.Single(host.Emulator.Requests).Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_is_INVALID_API_KEY_and_never_echoed()
    {
        await using var host = await CapellaTestHost.StartAsync();
        const string key = "wrong-key-that-is-secret-123";

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => host.ApiKeyClient(key).GetUserAsync());

        Assert.Equal(401, ex.Status);
        Assert.Equal(CapellaErrorCodes.InvalidApiKey, ex.ErrorCode);
        Assert.False(ex.IsRetryable);
        Assert.DoesNotContain(key, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(host.Emulator.Requests);
    }

    [Fact]
    public async Task Token_flow_fetches_once_reuses_and_refreshes_on_expiry()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.TokenClient();

        await client.GetUserAsync();
        await client.GetUserAsync();
        Assert.Equal(1, host.Capella.TokensIssued);
        var tokenCall = Assert.Single(host.Emulator.Requests.ForPath("/capella/token"));
        Assert.StartsWith("Basic ", tokenCall.Headers["Authorization"], StringComparison.Ordinal);
        Assert.All(host.Emulator.Requests.ForPath("/capella/user"), r => Assert.StartsWith("Bearer ", r.Headers["Authorization"], StringComparison.Ordinal));

        // Within the refresh margin of the hour: renewed before it is refused.
        host.Emulator.Clock.Advance(TimeSpan.FromMinutes(56));
        await client.GetUserAsync();
        Assert.Equal(2, host.Capella.TokensIssued);
        Assert.All(host.Emulator.Requests.ForPath("/capella/user"), r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task A_revoked_token_is_renewed_once_after_the_401()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.TokenClient();
        await client.GetUserAsync();

        host.Capella.RevokeTokens();
        var user = await client.GetUserAsync();

        Assert.Equal(CapellaEmulator.ArticleUserId, user.Id);
        Assert.Equal(2, host.Capella.TokensIssued);
        Assert.Equal(new[] { 200, 401, 200 }, host.Emulator.Requests.ForPath("/capella/user").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Token_clients_of_the_same_user_share_one_cached_token_through_the_shared_provider()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var clients = Enumerable.Range(0, 4).Select(_ => host.TokenClient()).ToList();

        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => clients[i % clients.Count].GetUserAsync()));

        Assert.All(users, u => Assert.Equal(CapellaEmulator.ArticleUserId, u.Id));
        Assert.Equal(1, host.Capella.TokensIssued);
        Assert.Same(clients[0].TokenProvider, clients[3].TokenProvider);
        Assert.Equal(1, clients[0].TokenProvider!.TokenRequestCount);
        Assert.Null(host.ApiKeyClient().TokenProvider);

        // The token is a registered secret: masked wherever it would be logged.
        var token = (await clients[0].TokenProvider!.GetTokenAsync()).Value;
        Assert.Equal("Bearer ***", SatDownload.Redactor.Redact("Bearer " + token));
    }

    [Fact]
    public async Task The_token_endpoint_down_for_a_while_is_retried_by_the_shared_provider()
    {
        var clock = new SatDownload.Testing.VirtualClock { AutoAdvance = true, AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5) };
        await using var host = await CapellaTestHost.StartAsync(clock);
        host.Emulator.Faults.On("/capella/token").RespondWithStatus(503, 2);

        var user = await host.TokenClient().GetUserAsync();

        Assert.Equal(CapellaEmulator.ArticleUserId, user.Id);
        Assert.Equal(new[] { 503, 503, 200 }, host.Emulator.Requests.ForPath("/capella/token").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Wrong_password_is_a_typed_error_without_the_password()
    {
        await using var host = await CapellaTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => host.TokenClient("not-the-password-42").GetUserAsync());

        Assert.Equal(401, ex.Status);
        Assert.Equal("INVALID_CREDENTIALS", ex.ErrorCode);
        Assert.Equal("POST /token", ex.Operation);
        Assert.DoesNotContain("not-the-password-42", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Emulator.Requests.ForPath("/capella/user"));
    }

    [Fact]
    public void Missing_credentials_and_bad_options_fail_at_construction()
    {
        var none = Assert.Throws<ArgumentException>(() => new CapellaClient(new CapellaClientOptions()));
        Assert.Contains("SATDOWNLOAD_CAPELLA_API_KEY", none.Message, StringComparison.Ordinal);

        var template = Assert.Throws<ArgumentException>(() => new CapellaClient(new CapellaClientOptions { ApiKey = "k", ProductsPathTemplate = "products" }));
        Assert.Contains("{aoi_id}", template.Message, StringComparison.Ordinal);

        var insecure = Assert.Throws<ArgumentException>(() => new CapellaClient(new CapellaClientOptions { ApiKey = "k", Endpoint = new Uri("http://api.example.com/") }));
        Assert.Contains("AllowInsecureHttp", insecure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_go_only_to_the_endpoint_and_trusted_https_capella_hosts()
    {
        var client = new CapellaClient(new CapellaClientOptions { ApiKey = "k-123456" });

        Assert.True(client.IsTrusted(new Uri("https://api.capellaspace.com/orders")));
        Assert.True(client.IsTrusted(new Uri("https://analytics.capellaspace.com/x")));
        Assert.False(client.IsTrusted(new Uri("http://analytics.capellaspace.com/x")));
        Assert.False(client.IsTrusted(new Uri("https://capellaspace.com.evil.example/x")));
        Assert.False(client.IsTrusted(new Uri("https://bucket.s3.amazonaws.com/a.tif")));
    }
}
