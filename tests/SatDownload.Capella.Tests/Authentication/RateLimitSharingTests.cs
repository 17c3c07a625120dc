using SatDownload.Http;

namespace SatDownload.Capella.Tests.Authentication;

public class RateLimitSharingTests
{
    [Fact]
    public void Clients_of_one_credential_share_one_limiter_and_other_credentials_get_their_own()
    {
        var registry = new RateLimiterRegistry();
        var limits = new RateLimitOptions { RequestsPerPeriod = 60, Period = TimeSpan.FromMinutes(1) };
        static ProviderRateLimiter LimiterOf(IReadOnlyList<DelegatingHandler> handlers) => handlers.OfType<RateLimitingHandler>().Single().Limiter;

        var a1 = LimiterOf(CapellaClient.CreateHandlers(new CapellaClientOptions { ApiKey = "key-aaaaaaaa", RateLimit = limits }, registry));
        var a2 = LimiterOf(CapellaClient.CreateHandlers(new CapellaClientOptions { ApiKey = "key-aaaaaaaa", RateLimit = limits }, registry));
        var b = LimiterOf(CapellaClient.CreateHandlers(new CapellaClientOptions { ApiKey = "key-bbbbbbbb", RateLimit = limits }, registry));

        Assert.Same(a1, a2);
        Assert.NotSame(a1, b);
        Assert.Empty(CapellaClient.CreateHandlers(new CapellaClientOptions { ApiKey = "key-aaaaaaaa" }, registry).OfType<RateLimitingHandler>());
        Assert.IsType<ResilienceHandler>(CapellaClient.CreateHandlers(new CapellaClientOptions { ApiKey = "k" }, registry)[0]);
    }
}
