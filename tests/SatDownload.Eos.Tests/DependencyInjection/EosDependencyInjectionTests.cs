using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Http;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.DependencyInjection;

public sealed class EosDependencyInjectionTests
{
    [Fact]
    public async Task AddEos_binds_configuration_and_clients_share_the_singleton_limiter()
    {
        await using var h = await EosHarness.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eos:ApiKey"] = EosEmulatorOptions.DefaultApiKey,
            ["Eos:Endpoint"] = h.Endpoint.AbsoluteUri,
            ["Eos:ApiKeyLocation"] = "Query",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(h.Clock);
        services.AddSatDownload().AddEos(configuration.GetSection("Eos"));
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<EosClient>();
        var second = provider.GetRequiredService<EosClient>();
        Assert.NotSame(first, second);
        Assert.Equal(EosApiKeyLocation.Query, first.Options.ApiKeyLocation);
        Assert.Same(provider.GetRequiredService<RateLimiterRegistry>(), first.Options.RateLimiterRegistry);

        var task = await first.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04"], Aoi = EosHarness.Square() });
        var poll = second.GetLoadByExtentTask(task.Id).UpdateStatusAsync();
        await poll;
        var again = first.GetLoadByExtentTask(task.Id).UpdateStatusAsync();
        await Task.Delay(50);
        Assert.False(again.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(ProviderTaskStatus.Running, await again);
        Assert.All(h.EosRequests(), r => Assert.Contains("api_key", r.QueryParameterNames));
    }

    [Fact]
    public async Task AddEos_without_a_key_fails_when_the_client_is_resolved_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddSatDownload().AddEos(o => o.Endpoint = new Uri("https://api-connect.eos.com/"));
        await using var provider = services.BuildServiceProvider();
        if (Environment.GetEnvironmentVariable(EosClientOptions.ApiKeyEnvironmentVariable) is null)
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => provider.GetRequiredService<EosClient>());
            Assert.Contains("SATDOWNLOAD_EOS_API_KEY", ex.Message, StringComparison.Ordinal);
        }
    }
}
