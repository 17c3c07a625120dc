using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.Tests.Faults;

public sealed class RequestFaultTests : IAsyncLifetime
{
    private readonly HttpClient _client = new();
    private ProviderEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { new OrdersProvider() } });

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [InlineData("120")]
    [InlineData("Wed, 21 Oct 2026 07:28:00 GMT")]
    [InlineData("1500")]
    public async Task Retry_after_is_sent_verbatim(string retryAfter)
    {
        _emulator.Faults.On("/orders/api/orders").RespondWithStatus(429, retryAfter: retryAfter);

        using var response = await _client.GetAsync(Url("api/orders"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(retryAfter, response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Status_faults_apply_to_provider_routes_filtered_by_method_and_prefix()
    {
        var rule = _emulator.Faults.OnPrefix("/orders/api/").WithMethod("POST").RespondWithStatus(500, times: int.MaxValue, body: "{\"code\":\"boom\"}");

        using var get = await _client.GetAsync(Url("api/orders"));
        using var post = await _client.PostAsync(Url("api/orders"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var otherPrefix = await _client.PostAsync(Url("other"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, post.StatusCode);
        Assert.Equal("application/json", post.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"code\":\"boom\"}", await post.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, otherPrefix.StatusCode);
        Assert.Equal(1, rule.Hits);
        Assert.Equal("orders", _emulator.Requests.ForProvider("orders")[1].Provider);
    }

    [Fact]
    public async Task Trailing_star_means_prefix_and_removed_rules_stop_applying()
    {
        var rule = _emulator.Faults.On("/orders/*").RespondWithStatus(502, times: int.MaxValue);
        using var failed = await _client.GetAsync(Url("api/orders"));

        rule.Remove();
        using var ok = await _client.GetAsync(Url("api/orders"));

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Empty(_emulator.Faults.Rules);
        Assert.True(rule.Target.IsPrefix);
    }

    [Fact]
    public async Task Delayed_headers_arrive_late()
    {
        _emulator.Faults.On("/orders/api/orders").DelayHeaders(TimeSpan.FromMilliseconds(300));

        var stopwatch = Stopwatch.StartNew();
        using var response = await _client.GetAsync(Url("api/orders"));
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Delayed_headers_trip_the_http_client_timeout()
    {
        _emulator.Faults.On("/orders/api/orders").DelayHeaders(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };

        var ex = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(Url("api/orders")));

        Assert.IsType<TimeoutException>(ex.InnerException);
        var entry = await _emulator.Requests.WaitForAsync(e => e.Path == "/orders/api/orders");
        Assert.True(entry.Aborted);
        Assert.Equal(0, entry.StatusCode);
    }

    [Fact]
    public async Task Hang_never_answers_until_the_client_gives_up()
    {
        var rule = _emulator.Faults.On("/orders/api/orders").Hang();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetAsync(Url("api/orders"), cts.Token));

        var entry = await _emulator.Requests.WaitForAsync(e => e.Path == "/orders/api/orders");
        Assert.True(entry.Aborted);
        Assert.Equal([FaultKind.Hang], entry.Faults);
        Assert.Equal(1, rule.Applied);
        using var next = await _client.GetAsync(Url("api/orders"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Hung_requests_are_released_when_the_emulator_is_disposed()
    {
        var emulator = await ProviderEmulator.StartAsync();
        emulator.Faults.OnAnyRequest().Hang();
        var call = _client.GetAsync(emulator.Blobs.GetUrl("x"));
        await emulator.Requests.WaitForAsync(_ => true, TimeSpan.FromMilliseconds(100)).ContinueWith(_ => { }, TaskScheduler.Default);

        var stopwatch = Stopwatch.StartNew();
        await emulator.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"dispose took {stopwatch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task On_request_can_answer_or_pass_through()
    {
        var seen = 0;
        var rule = _emulator.Faults.On("/orders/api/orders").OnRequest(async context =>
        {
            if (Interlocked.Increment(ref seen) == 1)
            {
                context.Response.StatusCode = 418;
                await context.Response.WriteAsync("teapot");
                return true;
            }

            return false;
        });

        using var first = await _client.GetAsync(Url("api/orders"));
        using var second = await _client.GetAsync(Url("api/orders"));

        Assert.Equal((HttpStatusCode)418, first.StatusCode);
        Assert.Equal("teapot", await first.Content.ReadAsStringAsync());
        Assert.Equal("[]", await second.Content.ReadAsStringAsync());
        Assert.Equal(2, rule.Applied);
    }

    [Fact]
    public async Task Hit_counts_are_exact_under_concurrent_requests()
    {
        var rule = _emulator.Faults.On("/orders/api/orders").RespondWithStatus(503, times: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _client.GetAsync(Url("api/orders"))));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(40, rule.Hits);
        Assert.Equal(10, rule.Applied);
        Assert.True(rule.IsExhausted);
        Assert.Equal(40, _emulator.Requests.ForPath("/orders/api/orders").Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Handler_exceptions_become_a_500_with_the_reason()
    {
        using var response = await _client.GetAsync(Url("throws"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("emulator bug on purpose", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fault_paths_must_be_absolute()
    {
        var ex = Assert.Throws<ArgumentException>(() => _emulator.Faults.On("orders/x"));
        Assert.Contains("must be an absolute path", ex.Message, StringComparison.Ordinal);
    }

    private Uri Url(string relative) => new(new Uri(_emulator.BaseUri, "orders/"), relative);

    private sealed class OrdersProvider : IEmulatedProvider
    {
        public string Name => "orders";

        public string BasePath => "/orders";

        public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
        {
            routes.MapGet("/api/orders", () => Results.Text("[]", "application/json"));
            routes.MapPost("/api/orders", () => Results.Created("/orders/api/orders/1", new { id = 1 }));
            routes.MapPost("/other", () => Results.StatusCode(201));
            routes.MapGet("/throws", (Func<IResult>)(() => throw new InvalidOperationException("emulator bug on purpose")));
        }
    }
}
