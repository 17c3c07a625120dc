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
    [Fact]
    public async Task Download_handler_asks_for_the_stored_bytes_while_the_API_handler_accepts_compression()
    {
        await using var server = await SatDownload.Tests.TestSupport.LoopbackServer.StartAsync(async (ctx, n) =>
        {
            ctx.Response.ContentType = "application/octet-stream";
            await ctx.Response.Body.WriteAsync(new byte[] { 1, 2, 3 });
        });
        using var download = new HttpClient(ProviderHttpPipeline.CreateDownloadPrimaryHandler());
        using var api = new HttpClient(ProviderHttpPipeline.CreateDefaultPrimaryHandler());

        Assert.Equal(3, (await download.GetByteArrayAsync(new Uri(server.BaseUri, "file"))).Length);
        Assert.Equal(3, (await api.GetByteArrayAsync(new Uri(server.BaseUri, "doc"))).Length);

        var requests = server.Requests;
        Assert.False(requests[0].Headers.ContainsKey("Accept-Encoding"), "the download client must not negotiate a compressed body");
        Assert.Contains("gzip", requests[1].Headers["Accept-Encoding"], StringComparison.Ordinal);
        Assert.False(ProviderHttpPipeline.CreateDownloadPrimaryHandler().AllowAutoRedirect);
    }
}
