using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.Downloads;
using SatDownload.Http;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>
/// The downloader follows storage redirects itself: bounded hops, credentials only to their own origin (two emulators
/// on different ports are two origins), never https→http, 303/302 after a POST become a GET.
/// </summary>
public sealed class AssetDownloaderRedirectTests
{
    private const string Token = "Bearer redirect-test-token-8f2c1";
    private const string ApiKey = "redirect-test-key-77ad0";

    private static HttpClient NoAutoRedirectClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 64 });

    private static ImageryAsset CredentialAsset(Uri uri, string name) => new()
    {
        Provider = "test",
        ProductId = "p1",
        AssetKey = name,
        SuggestedFileName = name + ".bin",
        Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(new DownloadLocation(uri)
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = Token, ["x-api-key"] = ApiKey },
        })),
    };

    private static void RedirectAll(ProviderEmulator emulator, string path, Uri target, int status = 302) =>
        emulator.Faults.On(path).OnRequest(ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.Headers.Location = target.ToString();
            return Task.FromResult(true);
        });

    [Fact]
    public async Task Cross_origin_redirect_drops_the_locations_credentials_on_every_segment()
    {
        await using var provider = await ProviderEmulator.StartAsync();
        await using var storage = await ProviderEmulator.StartAsync();
        const int length = 3_500_000;
        storage.Blobs.PutGenerated("scene", length, seed: 71);
        RedirectAll(provider, "/download/scene", storage.Blobs.GetUrl("scene"));
        using var http = NoAutoRedirectClient();
        var dir = Directory.CreateTempSubdirectory("satdl-redirect").FullName;
        try
        {
            var result = await new AssetDownloader(http).DownloadAsync(
                CredentialAsset(new Uri(provider.BaseUri, "download/scene"), "scene"),
                dir,
                DownloadHarness.Fast with { SegmentSizeBytes = 1024 * 1024, MaxConnectionsPerFile = 3 });

            DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(71, length), length);
            var toProvider = provider.Requests.ForPath("/download/scene");
            var toStorage = storage.Requests.ForBlob("scene");
            Assert.NotEmpty(toProvider);
            Assert.All(toProvider, r => Assert.True(r.Headers.ContainsKey("Authorization") && r.Headers.ContainsKey("x-api-key")));
            Assert.True(toStorage.Count >= 4, $"expected one storage request per segment, saw {toStorage.Count}");
            Assert.All(toStorage, r =>
            {
                Assert.False(r.Headers.ContainsKey("Authorization"), "Authorization reached another origin");
                Assert.False(r.Headers.ContainsKey("x-api-key"), "x-api-key reached another origin");
                Assert.True(r.Headers.ContainsKey("Range"), "the range must survive the redirect");
            });
            Assert.Equal(toProvider.Count, toStorage.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_client_that_follows_redirects_itself_is_reported_once_without_secrets()
    {
        // A plain HttpClient follows redirects before the downloader sees them and forwards x-api-key (not Authorization)
        // to the other origin. The downloader cannot take that back; it warns, once per client, naming origins only.
        await using var provider = await ProviderEmulator.StartAsync();
        await using var storage = await ProviderEmulator.StartAsync();
        const int length = 100_000;
        storage.Blobs.PutGenerated("a", length, seed: 72);
        storage.Blobs.PutGenerated("b", length, seed: 73);
        RedirectAll(provider, "/download/a", storage.Blobs.GetUrl("a"));
        RedirectAll(provider, "/download/b", storage.Blobs.GetUrl("b"));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        var logs = new TestSupport.ListLogger();
        var dir = Directory.CreateTempSubdirectory("satdl-redirect").FullName;
        try
        {
            var results = await new AssetDownloader(http, new AssetDownloaderOptions { LoggerFactory = logs }).DownloadAsync(
                [CredentialAsset(new Uri(provider.BaseUri, "download/a"), "a"), CredentialAsset(new Uri(provider.BaseUri, "download/b"), "b")],
                dir,
                DownloadHarness.Fast with { MaxConcurrentDownloads = 1 });

            DownloadHarness.AssertDownloaded(results[0], GeneratedContent.ComputeSha256Hex(72, length), length);
            DownloadHarness.AssertDownloaded(results[1], GeneratedContent.ComputeSha256Hex(73, length), length);
            Assert.Contains(storage.Requests.ForBlob("a"), r => r.Headers.ContainsKey("x-api-key")); // what the warning is about

            var warning = Assert.Single(logs.Entries, e => e.Message.Contains("followed a redirect", StringComparison.Ordinal));
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
            Assert.Contains(provider.BaseUri.GetLeftPart(UriPartial.Authority), warning.Message, StringComparison.Ordinal);
            Assert.Contains(storage.BaseUri.GetLeftPart(UriPartial.Authority), warning.Message, StringComparison.Ordinal);
            Assert.Contains("x-api-key", warning.Message, StringComparison.Ordinal);
            Assert.Contains("AllowAutoRedirect = false", warning.Message, StringComparison.Ordinal);
            Assert.All(logs.Entries, e =>
            {
                Assert.DoesNotContain(ApiKey, e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("redirect-test-token", e.Message, StringComparison.Ordinal);
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Same_origin_redirect_keeps_the_locations_headers()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("same", 200_000, seed: 72);
        RedirectAll(h.Emulator, "/moved/same", h.Emulator.Blobs.GetUrl("same"), status: 307);
        using var http = NoAutoRedirectClient();

        var result = await new AssetDownloader(http).DownloadAsync(CredentialAsset(new Uri(h.Emulator.BaseUri, "moved/same"), "same"), h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(72, 200_000), 200_000);
        var blobRequests = h.Emulator.Requests.ForBlob("same");
        Assert.NotEmpty(blobRequests);
        Assert.All(blobRequests, r => Assert.True(r.Headers.ContainsKey("x-api-key") && r.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public async Task Redirect_loop_stops_after_MaxRedirects_with_a_clear_error()
    {
        await using var h = await DownloadHarness.StartAsync();
        RedirectAll(h.Emulator, "/loop", new Uri(h.Emulator.BaseUri, "loop"));
        using var http = NoAutoRedirectClient();
        var downloader = new AssetDownloader(http, new AssetDownloaderOptions { MaxRedirects = 3 });

        var result = await downloader.DownloadAsync(ImageryAsset.FromUrl(new Uri(h.Emulator.BaseUri, "loop"), "loop.bin"), h.Directory, DownloadHarness.Fast);

        Assert.False(result.Succeeded);
        var ex = Assert.IsType<ProviderRequestException>(result.Exception);
        Assert.Contains("more than 3 redirects", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
        Assert.Equal(4, h.Emulator.Requests.ForPath("/loop").Count);
        Assert.False(File.Exists(result.FilePath));
    }

    [Fact]
    public async Task See_other_after_a_POST_fetches_the_result_with_a_GET_and_no_body_or_credentials_elsewhere()
    {
        await using var provider = await ProviderEmulator.StartAsync();
        await using var storage = await ProviderEmulator.StartAsync();
        storage.Blobs.PutGenerated("result", 300_000, seed: 73);
        RedirectAll(provider, "/process", storage.Blobs.GetUrl("result"), status: 303);
        using var http = NoAutoRedirectClient();
        var location = DownloadLocation.ForPost(
            new Uri(provider.BaseUri, "process"),
            "{\"input\":1}"u8.ToArray(),
            headers: new Dictionary<string, string> { ["x-api-key"] = ApiKey });
        var asset = new ImageryAsset
        {
            Provider = "test",
            ProductId = "p1",
            AssetKey = "result",
            SuggestedFileName = "result.bin",
            Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(location)),
        };
        var dir = Directory.CreateTempSubdirectory("satdl-redirect").FullName;
        try
        {
            var result = await new AssetDownloader(http).DownloadAsync(asset, dir, DownloadHarness.Fast);

            DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(73, 300_000), 300_000);
            var post = Assert.Single(provider.Requests.ForPath("/process"));
            Assert.Equal("POST", post.Method);
            Assert.True(post.Headers.ContainsKey("x-api-key"));
            var get = Assert.Single(storage.Requests.ForBlob("result"));
            Assert.Equal("GET", get.Method);
            Assert.False(get.Headers.ContainsKey("x-api-key"));
            Assert.False(get.Headers.ContainsKey("Content-Type"));
            Assert.True(string.IsNullOrEmpty(get.RequestBody));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_downloader_registered_by_AddSatDownloadClient_does_not_let_the_handler_forward_credentials()
    {
        await using var provider = await ProviderEmulator.StartAsync();
        await using var storage = await ProviderEmulator.StartAsync();
        storage.Blobs.PutGenerated("di", 150_000, seed: 74);
        RedirectAll(provider, "/download/di", storage.Blobs.GetUrl("di"));
        var services = new ServiceCollection();
        services.AddSatDownload().AddSatDownloadClient();
        await using var sp = services.BuildServiceProvider();
        var downloader = sp.GetRequiredService<AssetDownloader>();
        var dir = Directory.CreateTempSubdirectory("satdl-redirect").FullName;
        try
        {
            var result = await downloader.DownloadAsync(CredentialAsset(new Uri(provider.BaseUri, "download/di"), "di"), dir, DownloadHarness.Fast);

            DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(74, 150_000), 150_000);
            Assert.All(storage.Requests.ForBlob("di"), r => Assert.False(r.Headers.ContainsKey("x-api-key")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://provider.example/a", "http://storage.example/b", "https to plain http")]
    [InlineData("https://provider.example/a", "ftp://storage.example/b", "'ftp' URL")]
    public void Unsafe_redirect_targets_are_refused(string from, string to, string expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Found);
        response.Headers.Location = new Uri(to);
        var asset = ImageryAsset.FromUrl(new Uri(from), "a.bin");
        var hop = DownloadRedirects.First(new DownloadLocation(new Uri(from)));

        var ex = Assert.Throws<ProviderRequestException>(() => DownloadRedirects.Next(response, hop, 5, asset));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }

    [Theory]
    [InlineData("https://a.example/x", "https://a.example/y", true)]
    [InlineData("https://a.example/x", "https://a.example:8443/y", false)]
    [InlineData("https://a.example/x", "https://b.example/x", false)]
    [InlineData("http://a.example/x", "https://a.example/x", false)]
    [InlineData("https://A.EXAMPLE/x", "https://a.example/x", true)]
    public void Credentials_follow_only_the_same_origin(string from, string to, bool carries)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location = new Uri(to);
        var hop = DownloadRedirects.First(new DownloadLocation(new Uri(from)) { Headers = new Dictionary<string, string> { ["x-api-key"] = ApiKey } });

        var next = DownloadRedirects.Next(response, hop, 5, ImageryAsset.FromUrl(new Uri(from), "a.bin"));

        Assert.Equal(carries, next.CarriesLocationHeaders);
        Assert.Equal(new Uri(to), next.Uri);
        using var request = DownloadRedirects.CreateRequest(new DownloadLocation(new Uri(from)) { Headers = new Dictionary<string, string> { ["x-api-key"] = ApiKey } }, next, "ua");
        Assert.Equal(carries, request.Headers.Contains("x-api-key"));
    }

    [Fact]
    public void Credentials_dropped_once_stay_dropped_when_a_later_hop_returns_to_the_first_origin()
    {
        var asset = ImageryAsset.FromUrl(new Uri("https://a.example/x"), "a.bin");
        var hop = DownloadRedirects.First(new DownloadLocation(new Uri("https://a.example/x")));
        using var away = new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://b.example/y") } };
        hop = DownloadRedirects.Next(away, hop, 5, asset);
        using var back = new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://a.example/z") } };
        hop = DownloadRedirects.Next(back, hop, 5, asset);

        Assert.False(hop.CarriesLocationHeaders);
        Assert.Equal(2, hop.Number);
    }
}
