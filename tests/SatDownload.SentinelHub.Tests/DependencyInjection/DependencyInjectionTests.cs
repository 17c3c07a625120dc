using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.DependencyInjection;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task Client_from_configuration_shares_the_di_token_cache()
    {
        await using var env = await ShEnvironment.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SentinelHub:Deployment"] = "EU",
            ["SentinelHub:BaseUrl"] = env.Sh.DeploymentUri("eu").AbsoluteUri,
            ["SentinelHub:TokenUrl"] = env.Sh.TokenUri(SentinelHubEmulator.MainRealm).AbsoluteUri,
            ["SentinelHub:ClientId"] = ShEnvironment.ClientId,
            ["SentinelHub:ClientSecret"] = ShEnvironment.ClientSecret,
            ["SentinelHub:AllowInsecureHttp"] = "true",
            ["SentinelHub:MaxProcessingUnits"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddSatDownload().AddSentinelHub(config.GetSection("SentinelHub"));
        await using var sp = services.BuildServiceProvider();

        var client = sp.GetRequiredService<SentinelHubClient>();
        Assert.Same(client, sp.GetRequiredService<SentinelHubClient>());
        Assert.Equal(2m, client.Options.Budget!.MaxCost);
        Assert.NotEmpty(await client.GetCatalogClient().GetCollectionsAsync());
        Assert.Equal(1, sp.GetRequiredService<SatDownload.Http.OAuth2TokenProviderRegistry>().Count);
        Assert.DoesNotContain(ShEnvironment.ClientSecret, client.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Short_alias_paths_are_served_by_the_emulator()
    {
        await using var env = await ShEnvironment.StartAsync();
        using var http = new HttpClient();
        var token = await http.PostAsync(env.Sh.TokenUri(SentinelHubEmulator.MainRealm), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ShEnvironment.ClientId, ["client_secret"] = ShEnvironment.ClientSecret,
        }));
        var accessToken = System.Text.Json.JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(env.Sh.DeploymentUri("eu"), "catalog/v1/search"))
        {
            Content = new StringContent("""{"collections":["sentinel-2-l1c"],"datetime":"2024-06-01T00:00:00Z/2024-06-02T00:00:00Z"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("FeatureCollection", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
