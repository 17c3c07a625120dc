using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.Iceye.Tests.Emulator;

namespace SatDownload.Iceye.Tests.Http;

public class IceyeDependencyInjectionTests
{
    [Fact]
    public async Task AddIceye_binds_options_from_configuration_and_the_typed_client_works()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Iceye:BaseAddress"] = env.Iceye.GetApiBaseAddress().AbsoluteUri,
            ["Iceye:TokenEndpoint"] = env.Iceye.GetTokenEndpoint().AbsoluteUri,
            ["Iceye:ClientId"] = env.Iceye.Options.ClientId,
            ["Iceye:ClientSecret"] = env.Iceye.Options.ClientSecret,
            ["Iceye:PageSize"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(env.Clock);
        services.AddSatDownload().AddIceye(configuration.GetSection("Iceye"));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IceyeClient>();
        var page = await client.GetTasksPageAsync();
        var again = provider.GetRequiredService<IceyeClient>();
        await again.GetTasksPageAsync();

        Assert.Empty(page.Data);
        Assert.Equal(env.Iceye.GetApiBaseAddress(), client.BaseAddress);
        Assert.Equal(1, env.Iceye.TokensIssued);
        Assert.All(env.ApiRequests.Where(r => r.Path.EndsWith("/tasks", StringComparison.Ordinal)), r => Assert.Contains("limit", r.QueryParameterNames));
    }
}
