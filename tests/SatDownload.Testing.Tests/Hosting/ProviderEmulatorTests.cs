using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.Tests.Hosting;

public sealed class ProviderEmulatorTests
{
    [Fact]
    public async Task Starts_on_loopback_quickly_and_serves_provider_routes_under_its_base_path()
    {
        var stopwatch = Stopwatch.StartNew();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { new EchoProvider() } });
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"startup took {stopwatch.Elapsed}");
        Assert.Equal("127.0.0.1", emulator.BaseUri.Host);
        Assert.NotEqual(0, emulator.BaseUri.Port);
        Assert.EndsWith("/", emulator.BaseUri.AbsoluteUri, StringComparison.Ordinal);

        using var client = new HttpClient { BaseAddress = emulator.GetProviderUri(emulator.GetProvider<EchoProvider>()) };
        var text = await client.GetStringAsync(new Uri("hello", UriKind.Relative));
        Assert.Equal("hello from echo", text);

        var entry = Assert.Single(emulator.Requests);
        Assert.Equal("/echo/hello", entry.Path);
        Assert.Equal("echo", entry.Provider);
        Assert.Equal(200, entry.StatusCode);
        Assert.Equal(15, entry.BytesSent);
    }

    [Fact]
    public async Task Several_emulators_run_side_by_side_with_separate_state()
    {
        await using var a = await ProviderEmulator.StartAsync();
        await using var b = await ProviderEmulator.StartAsync();
        a.Blobs.PutText("x.txt", "from a");
        using var client = new HttpClient();

        Assert.NotEqual(a.BaseUri.Port, b.BaseUri.Port);
        Assert.Equal("from a", await client.GetStringAsync(a.Blobs.GetUrl("x.txt")));
        var missing = await client.GetAsync(b.Blobs.GetUrl("x.txt"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<Code>NoSuchKey</Code>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_provider_base_path_without_leading_slash_before_starting()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { new EchoProvider("echo") } }));
        Assert.Contains("'/iceye'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProvider_names_the_missing_type()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var ex = Assert.Throws<InvalidOperationException>(() => emulator.GetProvider<EchoProvider>());
        Assert.Contains(nameof(EchoProvider), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_api_json_binding_and_results_work_for_provider_routes()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { new EchoProvider() } });
        using var client = new HttpClient();

        using var response = await client.PostAsync(new Uri(emulator.BaseUri, "echo/orders/7?priority=high"),
            new StringContent("{\"name\":\"scene\",\"count\":3,\"unknown\":true}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"id\":7,\"priority\":\"high\",\"name\":\"scene\",\"count\":3}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Additional_routes_from_options_are_mapped_at_the_root()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions
        {
            MapAdditionalRoutes = routes => routes.MapGet("/custom/{id:int}", (int id) => Results.Text($"custom {id}")),
        });
        using var client = new HttpClient();

        Assert.Equal("custom 5", await client.GetStringAsync(new Uri(emulator.BaseUri, "custom/5")));
    }

    [Fact]
    public async Task Providers_can_serve_blobs_from_their_own_routes_with_range_semantics()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { new EchoProvider() } });
        var blob = emulator.Blobs.PutGenerated("echo/asset.tif", 4096, seed: 12, contentType: GeoTiffWriter.ContentType);
        using var client = new HttpClient { BaseAddress = emulator.GetProviderUri<EchoProvider>() };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("assets/echo/asset.tif", UriKind.Relative));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4000, null);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(blob.ToArray()[4000..], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/tiff", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("echo", Assert.Single(emulator.Requests).Provider);
    }

    public sealed record OrderRequest(string Name, int Count);

    private sealed class EchoProvider(string basePath = "/echo") : IEmulatedProvider
    {
        public string Name => "echo";

        public string BasePath => basePath;

        public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
        {
            routes.MapGet("/hello", () => Results.Text("hello from echo"));
            routes.MapGet("/assets/{**name}", (HttpContext context, string name) => emulator.Blobs.ServeAsync(context, name));
            routes.MapPost("/orders/{id:int}", (int id, string priority, OrderRequest body) => Results.Ok(new { id, priority, name = body.Name, count = body.Count }));
        }
    }
}
