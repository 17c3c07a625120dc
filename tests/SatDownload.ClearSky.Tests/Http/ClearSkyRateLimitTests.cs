using SatDownload.ClearSky.Tests.EndToEnd;
using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.Http;

namespace SatDownload.ClearSky.Tests.Http;

/// <summary>The optional client-side limiter is shared by every client using the same key.</summary>
public sealed class ClearSkyRateLimitTests
{
    [Fact]
    public async Task Clients_with_the_same_key_share_one_limiter_and_requests_still_flow()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var registry = new RateLimiterRegistry();
        var a = ctx.Client(o => { o.RequestsPerMinute = 600; o.RateLimiterRegistry = registry; });
        var b = ctx.Client(o => { o.RequestsPerMinute = 600; o.RateLimiterRegistry = registry; });
        var other = ctx.Client(o => { o.RequestsPerMinute = 600; o.RateLimiterRegistry = registry; o.ApiKey = "another-key"; });

        var estimateA = await a.EstimateAsync(CompositeSequenceTests.MinimalRequest());
        var estimateB = await b.EstimateAsync(CompositeSequenceTests.MinimalRequest());

        Assert.Equal(2, registry.Count);
        Assert.Equal(estimateA.CreditEstimate, estimateB.CreditEstimate);
        Assert.NotNull(other);
    }

    [Fact]
    public void Non_positive_rate_is_rejected_with_the_option_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClearSkyClient(new ClearSkyClientOptions { ApiKey = "k", RequestsPerMinute = 0 }));

        Assert.Equal("RequestsPerMinute", ex.ParamName);
    }
}
