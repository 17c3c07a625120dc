using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.ClearSky.Tests.EndToEnd;
using SatDownload.ClearSky.Tests.TestSupport;

namespace SatDownload.ClearSky.Tests.DependencyInjection;

/// <summary><c>AddSatDownload().AddClearSky(...)</c> gives a working client.</summary>
public sealed class ClearSkyDependencyInjectionTests
{
    [Fact]
    public async Task Client_from_configuration_runs_the_sequence()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClearSky:ApiKey"] = ctx.ClearSky.Options.ApiKey,
            ["ClearSky:Endpoint"] = ctx.Endpoint.AbsoluteUri,
            ["ClearSky:Retry:BaseDelay"] = "00:00:00.005",
        }).Build();
        var services = new ServiceCollection();
        services.AddSatDownload().AddClearSky(configuration.GetSection("ClearSky"));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ClearSkyClient>();
        var result = await client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal(ctx.Endpoint, client.Options.Endpoint);
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
        Assert.Equal(ctx.ClearSky.Deliveries.Single().FileName, Path.GetFileName(result.FilePath));
        Assert.True(result.AttributionFromProvider);
    }
}
