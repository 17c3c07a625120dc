using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.Tests.Logging;

public sealed class RequestLogTests : IAsyncLifetime
{
    private readonly HttpClient _client = new();
    private ProviderEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions
    {
        Providers = { new TokenProvider() },
        Clock = new VirtualClock(new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero)),
    });

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Entries_redact_query_values_credentials_and_body_secrets()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.BaseUri, "auth/token?client_id=abc123&scope=read"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "c2VjcmV0LXZhbHVlLTEyMw==");
        request.Headers.Add("X-Api-Key", "super-secret-key-42");
        request.Content = new StringContent("{\"client_secret\":\"hunter2-hunter2\",\"grant\":\"client_credentials\"}", Encoding.UTF8, "application/json");

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("{\"client_secret\":\"hunter2-hunter2\",\"grant\":\"client_credentials\"}", body); // the endpoint still read the body
        var entry = Assert.Single(_emulator.Requests);
        Assert.Equal("POST", entry.Method);
        Assert.Equal("/auth/token", entry.Path);
        Assert.Equal("?client_id=***&scope=***", entry.Query);
        Assert.Equal(["client_id", "scope"], entry.QueryParameterNames);
        Assert.Equal("Basic ***", entry.Headers["authorization"]);
        Assert.Equal("***", entry.Headers["X-Api-Key"]);
        Assert.DoesNotContain("hunter2", entry.RequestBody, StringComparison.Ordinal);
        Assert.Contains("client_credentials", entry.RequestBody, StringComparison.Ordinal);
        Assert.Equal("auth", entry.Provider);
        Assert.Equal(new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero), entry.Timestamp);
        Assert.DoesNotContain("super-secret", entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunked_json_bodies_are_captured_and_still_reach_the_endpoint()
    {
        using var content = System.Net.Http.Json.JsonContent.Create(new { name = "scene", access_token = "tok-123456789" });
        Assert.Null(content.Headers.ContentLength); // sent chunked

        using var response = await _client.PostAsync(new Uri(_emulator.BaseUri, "auth/token"), content);

        Assert.Contains("tok-123456789", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = Assert.Single(_emulator.Requests);
        Assert.Equal("{\"name\":\"scene\",\"access_token\":\"***\"}", entry.RequestBody);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_not_captured_but_reach_the_endpoint()
    {
        var big = new string('x', 70_000);
        using var response = await _client.PostAsync(new Uri(_emulator.BaseUri, "auth/token"), new StringContent(big, Encoding.UTF8, "text/plain"));

        Assert.Equal(big.Length, (await response.Content.ReadAsStringAsync()).Length);
        Assert.Null(Assert.Single(_emulator.Requests).RequestBody);
    }

    [Fact]
    public async Task Signed_url_queries_are_redacted_and_blob_requests_are_attributed_to_the_store()
    {
        _emulator.Blobs.PutText("f.txt", "x");
        var url = _emulator.Blobs.GetSignedUrl("f.txt", TimeSpan.FromMinutes(1));

        await _client.GetStringAsync(url);

        var entry = Assert.Single(_emulator.Requests.ForBlob("f.txt"));
        Assert.Equal("?expires=***&sig=***", entry.Query);
        Assert.Equal(ProviderEmulator.BlobStoreProviderName, entry.Provider);
        Assert.DoesNotContain(url.Query, entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_clear_and_sequence_numbers()
    {
        _emulator.Blobs.PutText("a.txt", "a");
        await _client.GetStringAsync(_emulator.Blobs.GetUrl("a.txt"));
        await _client.PostAsync(new Uri(_emulator.BaseUri, "auth/token"), new StringContent("x"));
        await _client.GetAsync(new Uri(_emulator.BaseUri, "nowhere"));

        Assert.Equal(3, _emulator.Requests.Count);
        Assert.Single(_emulator.Requests.ForProvider("auth"));
        Assert.Single(_emulator.Requests.ForPath("/blobs/"));
        Assert.Null(Assert.Single(_emulator.Requests.Where(e => e.StatusCode == 404)).Provider);
        Assert.Equal([1L, 2, 3], _emulator.Requests.Select(e => e.Sequence));

        _emulator.Requests.Clear();
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public async Task Wait_for_times_out_with_the_entries_seen()
    {
        await _client.GetAsync(new Uri(_emulator.BaseUri, "nowhere"));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => _emulator.Requests.WaitForAsync(e => e.Path == "/never", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("GET /nowhere -> 404", ex.Message, StringComparison.Ordinal);
    }

    private sealed class TokenProvider : IEmulatedProvider
    {
        public string Name => "auth";

        public string BasePath => "/auth";

        public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator) =>
            routes.MapPost("/token", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                return Results.Text(await reader.ReadToEndAsync(), "application/json");
            });
    }
}
