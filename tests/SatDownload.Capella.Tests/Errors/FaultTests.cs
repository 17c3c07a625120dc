using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Errors;

public class FaultTests
{
    private static CapellaClient FastRetryClient(CapellaTestHost host, int attempts = 3)
    {
        var options = host.Options();
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxAttempts = attempts;
        return new CapellaClient(options);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_waited_out_and_retried()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        host.Emulator.Faults.On("/capella/products/" + CapellaEmulator.ArticleAoiId).RespondWithStatus(429, times: 1, retryAfter: "1", body: """{"message":"Too Many Requests"}""", contentType: "application/json");

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var products = await FastRetryClient(host).GetProductsAsync(CapellaEmulator.ArticleAoiId).CollectAsync();

        Assert.Single(products);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "Retry-After was not honoured");
        Assert.Equal(new[] { 429, 200 }, host.Emulator.Requests.ForPath("/capella/products/").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Transient_5xx_are_retried()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Emulator.Faults.On("/capella/user").RespondWithStatus(503, times: 2);

        var user = await FastRetryClient(host).GetUserAsync();

        Assert.Equal(CapellaEmulator.ArticleUserId, user.Id);
        Assert.Equal(new[] { 503, 503, 200 }, host.Emulator.Requests.ForPath("/capella/user").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Persistent_5xx_surface_as_a_retryable_provider_error()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Emulator.Faults.On("/capella/user").RespondWithStatus(500, times: 10, body: """{"error":{"message":"Internal error","code":"GENERAL_API_ERROR"}}""", contentType: "application/json");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => FastRetryClient(host, attempts: 2).GetUserAsync());

        Assert.Equal(500, ex.Status);
        Assert.Equal(CapellaErrorCodes.GeneralApiError, ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal("GET /user", ex.Operation);
        Assert.Equal(2, host.Emulator.Requests.ForPath("/capella/user").Count);
    }

    [Fact]
    public async Task A_429_without_retry_after_is_retried_with_backoff_then_reported()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.RequestsPerMinuteLimit = 1;
        var client = FastRetryClient(host, attempts: 3);
        await client.GetUserAsync();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetUserAsync());
        Assert.Equal(429, ex.Status);
        Assert.True(ex.IsRetryable);
        Assert.Null(ex.RetryAfter);
        Assert.Equal(new[] { 200, 429, 429, 429 }, host.Emulator.Requests.ForPath("/capella/user").Select(r => r.StatusCode));

        // The emulator's window is a virtual minute: after it, calls go through again.
        host.Emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull((await client.GetUserAsync()).Id);
    }

    [Fact]
    public async Task Validation_errors_name_the_fields()
    {
        await using var host = await CapellaTestHost.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.ApiRoot, "orders"))
        {
            Content = new StringContent("""{"items":[{"collectionId":"capella-archive"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey " + CapellaEmulator.DefaultApiKey);
        using var response = await http.SendAsync(request);
        var ex = await SatDownload.Http.ProviderErrors.CreateExceptionAsync(response, "capella", "POST /orders", CapellaErrorDecoder.For(null));

        Assert.Equal(400, ex.Status);
        Assert.Equal(CapellaErrorCodes.ValidationError, ex.ErrorCode);
        Assert.Contains("items.0.granuleId: field required", ex.ProviderMessage, StringComparison.Ordinal);
    }
}
