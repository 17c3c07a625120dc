using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.DependencyInjection;

public class AddSatDownloadTests
{
    [Fact]
    public void Registers_the_shared_services()
    {
        var services = new ServiceCollection();

        var builder = services.AddSatDownload(o => o.UserAgent = "MyApp/2.0");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(services, builder.Services);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<RateLimiterRegistry>(), provider.GetRequiredService<RateLimiterRegistry>());
        Assert.NotSame(RateLimiterRegistry.Shared, provider.GetRequiredService<RateLimiterRegistry>());
        Assert.NotNull(provider.GetRequiredService<OAuth2TokenProviderRegistry>());
        Assert.NotNull(provider.GetRequiredService<IHttpClientFactory>());
        Assert.NotNull(provider.GetRequiredService<ILoggerFactory>());
        Assert.Equal("MyApp/2.0", provider.GetRequiredService<IOptions<SatDownloadOptions>>().Value.UserAgent);
    }

    [Fact]
    public void Keeps_a_clock_registered_earlier_and_is_idempotent()
    {
        var clock = new ManualTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);

        services.AddSatDownload();
        services.AddSatDownload();
        using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Single(services, d => d.ServiceType == typeof(RateLimiterRegistry));
    }

    [Fact]
    public void Binds_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SatDownload:UserAgent"] = "Configured/1.0",
            ["SatDownload:AllowInsecureHttp"] = "true",
            ["SatDownload:Retry:MaxAttempts"] = "6",
            ["SatDownload:Retry:BaseDelay"] = "00:00:02",
            ["SatDownload:Retry:RetryAfterUnit"] = "Milliseconds",
            ["SatDownload:Retry:TotalTimeout"] = "00:05:00",
        }).Build();
        var services = new ServiceCollection();

        services.AddSatDownload(configuration.GetSection("SatDownload"));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SatDownloadOptions>>().Value;

        Assert.Equal("Configured/1.0", options.UserAgent);
        Assert.True(options.AllowInsecureHttp);
        Assert.Equal(6, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Retry.BaseDelay);
        Assert.Equal(RetryAfterUnit.Milliseconds, options.Retry.RetryAfterUnit);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Retry.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Retry.PerAttemptTimeout);
    }

    [Fact]
    public async Task A_typed_provider_client_gets_its_handler_chain_and_shares_the_token()
    {
        var tokenRequests = 0;
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            if (ctx.Request.Path.Value!.EndsWith("/token", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref tokenRequests);
                return LoopbackServer.WriteJsonAsync(ctx, 200, "{\"access_token\":\"di-token-123\",\"expires_in\":3600}");
            }

            return n == 2
                ? LoopbackServer.WriteJsonAsync(ctx, 503, "{}")
                : LoopbackServer.WriteJsonAsync(ctx, 200, "{\"ua\":\"" + ctx.Request.Headers.UserAgent + "\",\"auth\":\"" + ctx.Request.Headers.Authorization + "\"}");
        });
        var services = new ServiceCollection();
        var builder = services.AddSatDownload();
        builder.AddProviderHttpClient<FakeProviderClient>(
            "SatDownload.Fake",
            (sp, client) => client.BaseAddress = server.BaseUri,
            sp => ProviderHttpPipeline.CreateStandardHandlers(
                new HttpRetryOptions { ProviderName = "fake", BaseDelay = TimeSpan.FromMilliseconds(1) },
                new OAuth2ClientCredentialsHandler(
                    new OAuth2ClientCredentialsOptions { TokenEndpoint = new Uri(server.BaseUri, "oauth/token"), ClientId = "c", ClientSecret = "di-secret-123" },
                    sp.GetRequiredService<OAuth2TokenProviderRegistry>()),
                sp.GetRequiredService<RateLimiterRegistry>().GetOrCreate("fake", "c", new RateLimitOptions { RequestsPerPeriod = 1000, Burst = 100 }),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>()));
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<FakeProviderClient>();
        var second = provider.GetRequiredService<FakeProviderClient>();
        var a = await first.GetAsync();
        var b = await second.GetAsync();

        Assert.NotSame(first, second);
        Assert.StartsWith("{\"ua\":\"SatDownload/", a, StringComparison.Ordinal);
        Assert.Contains("\"auth\":\"Bearer di-token-123\"", a, StringComparison.Ordinal);
        Assert.Equal(a, b);
        Assert.Equal(1, tokenRequests);
        Assert.Equal(4, server.RequestCount); // token, API, 503 retried, API
    }

    [Fact]
    public async Task Typed_clients_do_not_follow_redirects()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            ctx.Response.StatusCode = 302;
            ctx.Response.Headers.Location = "https://elsewhere.example.com/file?sig=abc";
            return Task.CompletedTask;
        });
        var services = new ServiceCollection();
        services.AddSatDownload().AddProviderHttpClient<FakeProviderClient>("SatDownload.Redirect", (sp, c) => c.BaseAddress = server.BaseUri);
        using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<FakeProviderClient>().Client.GetAsync("x");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
    }

    public sealed class FakeProviderClient(HttpClient client)
    {
        public HttpClient Client => client;

        public Task<string> GetAsync() => client.GetStringAsync("api/items");
    }
}
