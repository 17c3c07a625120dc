using SatDownload.Http;

namespace SatDownload.Tests.Http;

public sealed class ProviderHttpPipelineTests
{
    [Fact]
    public void Standard_chain_puts_authentication_outside_the_rate_limiter()
    {
        // Why: a slow token fetch must not hold rate-limit permits that are then released as a burst, and a retry after
        // a 401 must pay for a permit like any other call.
        var limiter = new ProviderRateLimiter(new RateLimitOptions { RequestsPerPeriod = 10, Period = TimeSpan.FromMinutes(1) });
        using var auth = new BearerTokenHandler("token-value-123456");

        var chain = ProviderHttpPipeline.CreateStandardHandlers(new HttpRetryOptions { ProviderName = "test" }, auth, limiter);

        Assert.Collection(
            chain,
            h => Assert.IsType<ResilienceHandler>(h),
            h => Assert.Same(auth, h),
            h => Assert.IsType<RateLimitingHandler>(h));
    }
}
