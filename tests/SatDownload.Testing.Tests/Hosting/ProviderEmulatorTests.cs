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

    private sealed class EchoProvider(string basePath = "/echo") : IEmulatedProvider
    {
        public string Name => "echo";

        public string BasePath => basePath;

        public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator) =>
            routes.MapGet("/hello", () => Results.Text("hello from echo"));
    }
}
