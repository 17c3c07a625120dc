using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.DependencyInjection;

public class CapellaDependencyInjectionTests
{
    [Fact]
    public async Task AddCapella_registers_a_working_client()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var services = new ServiceCollection();
        services.AddSatDownload().AddCapella(o =>
        {
            o.Endpoint = host.ApiRoot;
            o.ApiKey = CapellaEmulator.DefaultApiKey;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<CapellaClient>();
        var user = await client.GetUserAsync();

        Assert.Equal(CapellaEmulator.ArticleUserId, user.Id);
        Assert.Equal(host.ApiRoot, client.Endpoint);
        Assert.StartsWith("SatDownload", Assert.Single(host.Emulator.Requests).Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCapella_binds_configuration()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Capella:Endpoint"] = host.ApiRoot.AbsoluteUri,
            ["Capella:Username"] = CapellaEmulator.DefaultUsername,
            ["Capella:Password"] = CapellaEmulator.DefaultPassword,
            ["Capella:Retry:MaxAttempts"] = "2",
            ["Capella:ProductsPathTemplate"] = "products/{aoi_id}",
        }).Build();
        var services = new ServiceCollection();
        services.AddSatDownload().AddCapella(configuration.GetSection("Capella"));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<CapellaClient>();

        Assert.Equal(CapellaAuthenticationMethod.Token, client.AuthenticationMethod);
        Assert.Equal(CapellaEmulator.ArticleUserId, (await client.GetUserAsync()).Id);
        Assert.Equal(1, host.Capella.TokensIssued);
    }
}
