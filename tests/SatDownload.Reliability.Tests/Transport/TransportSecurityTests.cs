using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Reliability.Tests.Transport;

/// <summary>Credentials only over TLS or loopback, never carried across a redirect to another host, and TLS validation never disabled.</summary>
public sealed class TransportSecurityTests
{
    private const string Key = "transport-api-key-0123456789";
    private const string Secret = "transport-client-secret-0123456789";

    public static TheoryData<string> NonLoopbackHttp() => new()
    {
        "http://api.example.com/v1/things",
        "http://10.0.0.5/v1/things",
        "http://127.0.0.1.nip.io/v1/things",
        "http://localhost.example.com/v1/things",
        "http://[2001:db8::1]/v1/things",
        "http://0x7f000001.example/v1/things",
    };

    public static TheoryData<string> Loopback() => new()
    {
        "http://127.0.0.1:9/x",
        "http://127.0.0.2:9/x",
        "http://localhost:9/x",
        "http://[::1]:9/x",
    };

    private static IEnumerable<(string Kind, Func<bool, ILogger?, DelegatingHandler> Create)> AuthHandlers(RecordingHandler tokenTransport)
    {
        yield return ("API key in a header", (allow, log) => new ApiKeyHandler(new ApiKeyOptions { Key = Key, ProviderName = "t", AllowInsecureHttp = allow }, log));
        yield return ("API key in the query", (allow, log) => new ApiKeyHandler(new ApiKeyOptions { Key = Key, Location = ApiKeyLocation.Query, Name = "key", ProviderName = "t", AllowInsecureHttp = allow }, log));
        yield return ("OAuth2 access token", (allow, log) => new OAuth2ClientCredentialsHandler(
            new OAuth2TokenProvider(
                new OAuth2ClientCredentialsOptions { TokenEndpoint = new Uri("https://auth.example.com/token"), ClientId = "c", ClientSecret = Secret, ProviderName = "t", AllowInsecureHttp = allow },
                new HttpClient(tokenTransport)),
            log));
    }

    [Theory]
    [MemberData(nameof(NonLoopbackHttp))]
    public async Task Auth_handlers_refuse_plain_http_to_a_non_loopback_host_before_sending_anything(string url)
    {
        foreach (var (kind, create) in AuthHandlers(new RecordingHandler()))
        {
            var wire = new RecordingHandler();
            var handler = create(false, null);
            handler.InnerHandler = wire;
            using var client = new HttpClient(handler);

            var ex = await Assert.ThrowsAsync<InsecureTransportException>(() => client.GetAsync(url));

            Assert.Empty(wire.Requests);
            Assert.Contains("AllowInsecureHttp", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
            Assert.True(ex.Message.Contains("plain HTTP", StringComparison.Ordinal), kind + ": " + ex.Message);
        }
    }

    [Fact]
    public void An_http_token_endpoint_off_loopback_is_refused_when_the_token_provider_is_created()
    {
        var ex = Assert.Throws<InsecureTransportException>(() => new OAuth2TokenProvider(
            new OAuth2ClientCredentialsOptions { TokenEndpoint = new Uri("http://auth.example.com/token"), ClientId = "c", ClientSecret = Secret, ProviderName = "t" },
            new HttpClient(new RecordingHandler())));
        Assert.Contains("client secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NonLoopbackHttp))]
    public async Task The_explicit_opt_in_sends_over_plain_http_with_a_warning(string url)
    {
        foreach (var (kind, create) in AuthHandlers(new RecordingHandler()))
        {
            var logs = new CapturingLoggerProvider();
            var wire = new RecordingHandler();
            var handler = create(true, logs.CreateLogger("SatDownload.Http"));
            handler.InnerHandler = wire;
            using var client = new HttpClient(handler);

            using var response = await client.GetAsync(url);

            var sent = Assert.Single(wire.Requests);
            Assert.True(sent.Headers.Contains("x-api-key") || sent.RequestUri!.Query.Contains("key=", StringComparison.Ordinal) || sent.Headers.Authorization is not null, kind);
            var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
            Assert.Contains("plain HTTP", warning.Text, StringComparison.Ordinal);
            Assert.Contains("AllowInsecureHttp", warning.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, warning.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Loopback))]
    public async Task Loopback_http_is_allowed_without_a_warning(string url)
    {
        foreach (var (kind, create) in AuthHandlers(new RecordingHandler()))
        {
            var logs = new CapturingLoggerProvider();
            var wire = new RecordingHandler();
            var handler = create(false, logs.CreateLogger("SatDownload.Http"));
            handler.InnerHandler = wire;
            using var client = new HttpClient(handler);

            using var response = await client.GetAsync(url);

            Assert.Single(wire.Requests);
            Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
            _ = kind;
        }
    }

    [Fact]
    public async Task The_Iceye_client_refuses_an_http_base_address_off_loopback()
    {
        var options = new IceyeClientOptions
        {
            BaseAddress = new Uri("http://platform.iceye.example/"),
            TokenEndpoint = new Uri("https://auth.iceye.example/token"),
            ClientId = "c",
            ClientSecret = Secret,
        };
        var client = new IceyeClient(options);
        var ex = await Assert.ThrowsAsync<InsecureTransportException>(() => client.GetTaskInfoAsync("task-1"));
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>An emulator whose <c>/hop/{**rest}</c> answers 307 to the same path on <paramref name="target"/>.</summary>
    private static Task<ProviderEmulator> StartRedirectorAsync(Func<Uri> target) => ProviderEmulator.StartAsync(new ProviderEmulatorOptions
    {
        MapAdditionalRoutes = r => r.Map("/hop/{**rest}", (HttpContext ctx, string rest) =>
            Results.Redirect(new Uri(target(), rest + ctx.Request.QueryString).AbsoluteUri, permanent: false, preserveMethod: true)),
    });

    /// <summary>The same machine under another host name: a different origin for redirect rules.</summary>
    private static Uri OtherHost(ProviderEmulator emulator) => new($"http://localhost:{emulator.BaseUri.Port}/");

    [Fact]
    public async Task The_downloader_does_not_carry_Authorization_across_a_redirect_to_another_host()
    {
        await using var storage = await ProviderEmulator.StartAsync();
        storage.Blobs.PutGenerated("redirected", 300_000, seed: 3);
        await using var front = await StartRedirectorAsync(() => OtherHost(storage));
        using var destination = new TempDirectory();

        var asset = new ImageryAsset
        {
            Provider = "t",
            ProductId = "p",
            AssetKey = "redirected",
            MediaType = "image/tiff",
            Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(new DownloadLocation(new Uri(front.BaseUri, "hop/blobs/redirected"))
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Key },
            })),
        };

        var result = await new AssetDownloader(new HttpClient()).DownloadAsync(asset, destination.Path, new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(storage.Blobs.Get("redirected").Sha256Hex, Hashing.Sha256OfFile(result.FilePath!));
        Assert.Contains(front.Requests.Snapshot(), r => r.Headers.ContainsKey("Authorization"));
        var atStorage = storage.Requests.ForBlob("redirected");
        Assert.NotEmpty(atStorage);
        Assert.All(atStorage, r => Assert.False(r.Headers.ContainsKey("Authorization"), "Authorization reached the other host: " + r));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("X-Api-Key")]
    [InlineData("Api-Key")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    public async Task The_downloader_does_not_carry_a_credential_header_across_a_redirect_to_another_host(string header) =>
        await AssertDownloaderDropsHeaderAcrossHostsAsync(header);

    private static async Task AssertDownloaderDropsHeaderAcrossHostsAsync(string header)
    {
        // The downloader follows redirects itself (signed-URL hops are normal); any header a resolver attached must stay
        // with the host it was meant for. Authorization is covered above; API-key headers are the same risk.
        await using var storage = await ProviderEmulator.StartAsync();
        storage.Blobs.PutGenerated("redirected", 100_000, seed: 5);
        await using var front = await StartRedirectorAsync(() => OtherHost(storage));
        using var destination = new TempDirectory();
        var asset = new ImageryAsset
        {
            Provider = "t",
            ProductId = "p",
            AssetKey = "redirected",
            MediaType = "image/tiff",
            Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(new DownloadLocation(new Uri(front.BaseUri, "hop/blobs/redirected"))
            {
                Headers = new Dictionary<string, string> { [header] = header == "Authorization" ? "ApiKey " + Key : Key },
            })),
        };

        // The documented set-up: a client that leaves redirects to the downloader (a plain new HttpClient() follows them
        // itself with .NET's rules, which forward API-key headers: see docs/reliability.md, findings).
        using var http = new HttpClient(ProviderHttpPipeline.CreateDefaultPrimaryHandler());
        var result = await new AssetDownloader(http).DownloadAsync(asset, destination.Path, new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Contains(front.Requests.Snapshot(), r => r.Headers.ContainsKey(header));
        var atStorage = storage.Requests.ForBlob("redirected");
        Assert.NotEmpty(atStorage);
        Assert.All(atStorage, r => Assert.False(r.Headers.ContainsKey(header), header + " reached the other host: " + r));
    }

    public static TheoryData<string> SharedAuthHandlers() => new() { "api key header", "api key query", "oauth2" };

    [Theory]
    [MemberData(nameof(SharedAuthHandlers))]
    public async Task The_shared_provider_pipeline_does_not_follow_a_redirect_to_another_host_with_credentials(string kind)
    {
        var iceye = new IceyeEmulator(new IceyeEmulatorOptions { ClientSecret = Secret });
        await using var storage = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye } });
        storage.Blobs.PutText("api/thing.json", "{}", "application/json");
        await using var front = await StartRedirectorAsync(() => OtherHost(storage));
        DelegatingHandler auth = kind switch
        {
            "api key header" => new ApiKeyHandler(new ApiKeyOptions { Key = Key, Name = "X-Api-Key", ProviderName = "t" }),
            "api key query" => new ApiKeyHandler(new ApiKeyOptions { Key = Key, Location = ApiKeyLocation.Query, Name = "key", ProviderName = "t" }),
            _ => new OAuth2ClientCredentialsHandler(new OAuth2TokenProvider(new OAuth2ClientCredentialsOptions
            {
                TokenEndpoint = iceye.GetTokenEndpoint(),
                ClientId = iceye.Options.ClientId,
                ClientSecret = Secret,
                ClientAuthentication = OAuth2ClientAuthentication.Basic,
                ProviderName = "t",
            })),
        };
        using var client = ProviderHttpPipeline.CreateClient(front.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(
            new HttpRetryOptions { ProviderName = "t", MaxAttempts = 1 }, auth));

        using var response = await client.GetAsync("hop/blobs/api/thing.json");

        // Not followed: the caller sees the 307, and the other host never sees the request or the credential.
        Assert.Equal(System.Net.HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Empty(storage.Requests.ForBlob("api/thing.json"));
    }

    [Fact]
    public async Task The_Iceye_client_does_not_carry_its_token_across_a_redirect_to_another_host()
    {
        var iceye = new IceyeEmulator(new IceyeEmulatorOptions { ClientSecret = Secret });
        await using var real = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye } });
        await using var front = await StartRedirectorAsync(() => OtherHost(real));
        var client = new IceyeClient(new IceyeClientOptions
        {
            BaseAddress = new Uri(front.BaseUri, "hop/iceye/"),
            TokenEndpoint = iceye.GetTokenEndpoint(),
            ClientId = iceye.Options.ClientId,
            ClientSecret = Secret,
            TokenProviders = new OAuth2TokenProviderRegistry(),
            Retry = new HttpRetryOptions { ProviderName = ProviderNames.Iceye, MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(5), Jitter = false },
        });

        var ex = await Assert.ThrowsAnyAsync<SatDownloadException>(() => client.GetTaskInfoAsync("task-1"));

        // The provider pipeline does not follow redirects at all (AllowAutoRedirect = false): the 307 is a typed ICEYE
        // error and the other host never sees an API request, let alone the token.
        Assert.Contains(front.Requests.Snapshot(), r => r.Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(real.Requests.Snapshot(), r => !r.Path.Contains("/oauth/", StringComparison.Ordinal));
        var typed = Assert.IsType<ProviderRequestException>(ex);
        Assert.Equal(ProviderNames.Iceye, typed.Provider);
        Assert.Equal(307, typed.Status);
    }

    [Fact]
    public void Nothing_in_src_disables_TLS_certificate_validation()
    {
        var src = Path.Combine(RepositoryFiles.Root(), "src");
        string[] forbidden = ["ServerCertificateCustomValidationCallback", "DangerousAcceptAnyServerCertificateValidator", "RemoteCertificateValidationCallback", "CheckCertificateRevocationList = false", "SslPolicyErrors"];
        var files = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray();
        Assert.True(files.Length > 100, $"only {files.Length} source files found under {src}");
        var hits = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => forbidden.Any(w => x.line.Contains(w, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, "TLS validation is touched in src/:\n" + string.Join("\n", hits));
    }
}
