using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Reliability.Tests.Secrets;

/// <summary>
/// Runs the core flows with known secrets and a Trace-level capturing logger, then scans logs, exceptions,
/// <c>ToString()</c> and files for them (issue 10, "Secrets and transport"). Zero hits.
/// </summary>
public sealed class SecretLeakTests
{
    private static readonly string ApiKey = "apikey-" + Guid.NewGuid().ToString("N");
    private static readonly string ClientSecret = "client-secret-" + Guid.NewGuid().ToString("N");
    private static readonly string WrongSecret = "wrong-secret-" + Guid.NewGuid().ToString("N");

    private static VirtualClock NewClock() => new(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero))
    {
        AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5),
        AutoAdvance = true,
    };

    private static HttpRetryOptions Retry(string provider) => new()
    {
        ProviderName = provider,
        MaxAttempts = 5,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        Jitter = false,
    };

    /// <summary>OAuth2 token endpoint, OAuth2-, header- and query-key-protected APIs, each failing a few times first, and an echoing error endpoint.</summary>
    private static void MapCoreRoutes(IEndpointRouteBuilder routes, List<string> issuedTokens)
    {
        var tokenCalls = 0;
        var oauthCalls = 0;
        var headerCalls = 0;
        var queryCalls = 0;
        routes.MapPost("/core/token", async (HttpContext ctx) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            if (Interlocked.Increment(ref tokenCalls) == 1)
            {
                return Results.Text("{\"error\":\"temporarily_unavailable\"}", "application/json", statusCode: 503);
            }

            if (form["client_secret"] != ClientSecret)
            {
                // A hostile server echoes what it was sent.
                return Results.Text($"{{\"error\":\"invalid_client\",\"error_description\":\"secret {form["client_secret"]} is wrong\"}}", "application/json", statusCode: 401);
            }

            var token = "tok-" + Guid.NewGuid().ToString("N");
            lock (issuedTokens)
            {
                issuedTokens.Add(token);
            }

            return Results.Text($"{{\"access_token\":\"{token}\",\"token_type\":\"Bearer\",\"expires_in\":3600}}", "application/json");
        });
        routes.MapGet("/core/oauth", (HttpContext ctx) =>
        {
            string latest;
            lock (issuedTokens)
            {
                latest = issuedTokens[^1];
            }

            // The first call sees a revoked token: 401 forces one refresh.
            return Interlocked.Increment(ref oauthCalls) == 1 || ctx.Request.Headers.Authorization != "Bearer " + latest
                ? Results.Text("{\"error\":\"invalid_token\",\"token\":\"" + ctx.Request.Headers.Authorization + "\"}", "application/json", statusCode: 401)
                : Results.Text("ok-oauth");
        });
        routes.MapGet("/core/header", (HttpContext ctx) =>
        {
            var n = Interlocked.Increment(ref headerCalls);
            if (ctx.Request.Headers["x-api-key"] != ApiKey)
            {
                return Results.StatusCode(401);
            }

            return n switch
            {
                1 => Results.StatusCode(500),
                2 => Results.StatusCode(502),
                3 => RetryAfter(ctx, "1"),
                _ => Results.Text("ok-header"),
            };
        });
        routes.MapGet("/core/query", (HttpContext ctx) =>
        {
            if (ctx.Request.Query["api_key"] != ApiKey)
            {
                return Results.StatusCode(401);
            }

            return Interlocked.Increment(ref queryCalls) == 1 ? RetryAfter(ctx, null) : Results.Text("ok-query");
        });
        routes.MapGet("/core/echo", (HttpContext ctx) =>
            Results.Text($"{{\"error\":\"forbidden\",\"message\":\"key {ctx.Request.Headers["x-api-key"]}{ctx.Request.Query["api_key"]} auth {ctx.Request.Headers.Authorization} not allowed\"}}", "application/json", statusCode: 403));
    }

    private static IResult RetryAfter(HttpContext ctx, string? value)
    {
        if (value is not null)
        {
            ctx.Response.Headers.RetryAfter = value;
        }

        return Results.StatusCode(429);
    }

    [Fact]
    public async Task Auth_handlers_and_retries_leak_no_secret_into_logs_exceptions_or_ToString()
    {
        var tokens = new List<string>();
        var clock = NewClock();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Clock = clock, MapAdditionalRoutes = r => MapCoreRoutes(r, tokens) });
        var logs = new CapturingLoggerProvider();
        var scanner = new SecretScanner(ApiKey, ClientSecret, WrongSecret);
        var registry = new OAuth2TokenProviderRegistry(null, clock);
        var produced = new List<object?>();

        // OAuth2 client credentials: token endpoint 503 once, API 401 once (revoked token), then success.
        var oauthOptions = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = new Uri(emulator.BaseUri, "core/token"),
            ClientId = "client-a",
            ClientSecret = ClientSecret,
            ProviderName = "core-oauth",
            TokenRetryBaseDelay = TimeSpan.FromMilliseconds(10),
            TokenRetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        var oauthHandler = new OAuth2ClientCredentialsHandler(oauthOptions, registry, logs.CreateLogger("SatDownload.Http.OAuth2"));
        using (var oauth = ProviderHttpPipeline.CreateClient(emulator.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(Retry("core-oauth"), oauthHandler, null, clock, logs)))
        {
            Assert.Equal("ok-oauth", await oauth.GetStringAsync("core/oauth"));
            using var echo = await oauth.GetAsync("core/echo");
            var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderErrors.EnsureSuccessAsync(echo, "core-oauth", "GET /core/echo"));
            Assert.Equal(403, ex.Status);
            produced.Add(ex);
            produced.Add(oauthOptions);
            produced.Add(await oauthHandler.TokenProvider.GetTokenAsync());
        }

        Assert.True(tokens.Count >= 2, "the revoked token was not refreshed");
        foreach (var t in tokens)
        {
            scanner.AddSecret(t);
        }

        // A wrong client secret: the endpoint echoes it in its error; the exception must not carry it.
        var wrongOptions = oauthOptions.Clone();
        wrongOptions.ClientId = "client-b";
        wrongOptions.ClientSecret = WrongSecret;
        wrongOptions.MaxTokenRequestAttempts = 1;
        var wrongHandler = new OAuth2ClientCredentialsHandler(wrongOptions, registry, logs.CreateLogger("SatDownload.Http.OAuth2"));
        using (var wrong = ProviderHttpPipeline.CreateClient(emulator.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(Retry("core-oauth"), wrongHandler, null, clock, logs)))
        {
            var ex = await Assert.ThrowsAnyAsync<SatDownloadException>(() => wrong.GetStringAsync("core/oauth"));
            produced.Add(ex);
        }

        // API key in a header: 500, 502, 429 (Retry-After: 1 s), then success.
        using (var header = ProviderHttpPipeline.CreateClient(emulator.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(Retry("core-key"), new ApiKeyHandler(new ApiKeyOptions { Key = ApiKey, ProviderName = "core-key" }, logs.CreateLogger("SatDownload.Http.ApiKey")), null, clock, logs)))
        {
            Assert.Equal("ok-header", await header.GetStringAsync("core/header"));
            using var echo = await header.GetAsync("core/echo");
            produced.Add(await ProviderErrors.CreateExceptionAsync(echo, "core-key", "GET /core/echo"));
        }

        // API key in the query: 429 without Retry-After, then success; the key is in every URL the handlers see.
        using (var query = ProviderHttpPipeline.CreateClient(emulator.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(Retry("core-query"), new ApiKeyHandler(new ApiKeyOptions { Key = ApiKey, Location = ApiKeyLocation.Query, Name = "api_key", ProviderName = "core-query" }, logs.CreateLogger("SatDownload.Http.ApiKey")), null, clock, logs)))
        {
            Assert.Equal("ok-query", await query.GetStringAsync("core/query"));
            using var echo = await query.GetAsync("core/echo");
            var ex = await ProviderErrors.CreateExceptionAsync(echo, "core-query", "GET /core/echo");
            produced.Add(ex);
        }

        // Retries really happened (so their log lines were scanned).
        Assert.Contains(emulator.Requests.Snapshot(), r => r.StatusCode == 429);
        Assert.Contains(emulator.Requests.Snapshot(), r => r.StatusCode == 502);
        scanner.ScanLogs(logs, minimumEntries: 10);
        for (var i = 0; i < produced.Count; i++)
        {
            scanner.ScanObject($"produced[{i}]", produced[i]);
        }

        scanner.AssertClean();
    }

    [Fact]
    public async Task Downloads_with_expiring_and_refused_signed_urls_leak_no_signature()
    {
        var clock = NewClock();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Clock = clock });
        using var destination = new TempDirectory();
        var logs = new CapturingLoggerProvider();
        var scanner = new SecretScanner();
        var signatures = new List<string>();

        Uri Sign(string blob, TimeSpan ttl)
        {
            var url = emulator.Blobs.GetSignedUrl(blob, ttl);
            var sig = url.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("sig=", StringComparison.Ordinal))[4..];
            lock (signatures)
            {
                signatures.Add(Uri.UnescapeDataString(sig));
            }

            return url;
        }

        emulator.Blobs.PutGenerated("signed/renewed", 3 * 1024 * 1024, seed: 7);
        emulator.Blobs.PutGenerated("signed/dead", 200_000, seed: 8);

        // The first response is cut after 1 MB; before the downloader comes back an hour passes, so the URL has expired (403) and is re-signed.
        emulator.Faults.OnBlob("signed/renewed").AbortAfterBytes(1024 * 1024);
        emulator.Faults.OnBlob("signed/renewed").AfterRequests(1).OnRequest(_ =>
        {
            clock.Advance(TimeSpan.FromMinutes(61));
            return Task.FromResult(false);
        }, times: 1);

        var renewed = new ImageryAsset
        {
            Provider = "core",
            ProductId = "p",
            AssetKey = "renewed",
            MediaType = "image/tiff",
            Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(new DownloadLocation(Sign("signed/renewed", TimeSpan.FromHours(1))) { ExpiresAt = clock.GetUtcNow().AddHours(1) })),
        };

        // This one's resolver only ever hands out URLs that storage refuses: it must end in a typed error.
        var dead = new ImageryAsset
        {
            Provider = "core",
            ProductId = "p",
            AssetKey = "dead",
            MediaType = "image/tiff",
            Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(new DownloadLocation(Sign("signed/dead", TimeSpan.FromSeconds(1))))),
        };
        emulator.Faults.OnBlob("signed/dead").RespondWithStatus(403, times: int.MaxValue, body: "<Error><Code>AccessDenied</Code></Error>", contentType: "application/xml");

        var downloader = new AssetDownloader(new HttpClient(), new AssetDownloaderOptions { TimeProvider = clock, LoggerFactory = logs, MaxResolverRefreshes = 2 });
        var results = await downloader.DownloadAsync(
            new[] { renewed, dead },
            destination.Path,
            new DownloadOptions { MaxConnectionsPerFile = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) });

        Assert.True(results[0].Succeeded, results[0].Exception?.ToString());
        Assert.Equal(emulator.Blobs.Get("signed/renewed").Sha256Hex, Hashing.Sha256OfFile(results[0].FilePath!));
        Assert.False(results[1].Succeeded);
        Assert.NotNull(results[1].Exception);
        Assert.Contains(emulator.Requests.ForBlob("signed/renewed"), r => r.StatusCode == 403);
        Assert.True(signatures.Count >= 3, $"{signatures.Count} signatures issued");

        foreach (var sig in signatures.Distinct())
        {
            scanner.AddSecret(sig);
        }

        scanner.ScanLogs(logs, minimumEntries: 3);
        scanner.ScanObject("results", results);
        foreach (var r in results)
        {
            scanner.ScanException("result " + r.Asset.AssetKey, r.Exception);
            scanner.ScanObject("asset " + r.Asset.AssetKey, r.Asset);
        }

        scanner.ScanDirectory(destination.Path);
        scanner.AssertClean();
    }

    [Fact]
    public async Task The_Iceye_flow_end_to_end_leaks_no_secret_token_or_signature()
    {
        var clock = NewClock();
        var iceyeOptions = new IceyeEmulatorOptions { ClientSecret = ClientSecret, DataFileSize = 200_000, GeoTiffImagery = false };
        var iceye = new IceyeEmulator(iceyeOptions);
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye }, Clock = clock });
        using var destination = new TempDirectory();
        var logs = new CapturingLoggerProvider();
        var scanner = new SecretScanner(ClientSecret);

        var clientOptions = new IceyeClientOptions
        {
            BaseAddress = iceye.GetApiBaseAddress(),
            TokenEndpoint = iceye.GetTokenEndpoint(),
            ClientId = iceyeOptions.ClientId,
            ClientSecret = ClientSecret,
            TimeProvider = clock,
            PageSize = 2,
            Retry = Retry(ProviderNames.Iceye),
            Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(2) },
        };
        var auth = new OAuth2ClientCredentialsHandler(
            new OAuth2ClientCredentialsOptions
            {
                TokenEndpoint = clientOptions.TokenEndpoint,
                ClientId = clientOptions.ClientId!,
                ClientSecret = ClientSecret,
                ClientAuthentication = OAuth2ClientAuthentication.Basic,
                ProviderName = ProviderNames.Iceye,
                TokenRetryBaseDelay = TimeSpan.FromMilliseconds(10),
            },
            new OAuth2TokenProviderRegistry(null, clock),
            logs.CreateLogger("SatDownload.Iceye"));
        var recorder = new AuthorizationRecorder(new SocketsHttpHandler());
        using var http = ProviderHttpPipeline.CreateClient(null, ProviderHttpPipeline.CreateStandardHandlers(Retry(ProviderNames.Iceye), auth, null, clock, logs), recorder);
        var client = new IceyeClient(http, clientOptions);
        var produced = new List<object?> { client, clientOptions };

        var request = new IceyeCreateTaskRequest
        {
            ContractId = IceyeEmulator.DefaultContractId,
            PointOfInterest = new IceyePointOfInterest(60.17, 24.94),
            AcquisitionWindow = new IceyeAcquisitionWindow(clock.GetUtcNow().AddHours(1), clock.GetUtcNow().AddDays(2)),
            ImagingMode = IceyeImagingMode.Spotlight,
            ProductTypes = new List<IceyeProductType> { IceyeProductType.Grd },
        };
        var task = await client.CreateTaskAsync(request);
        produced.Add(task);
        clock.Advance(iceyeOptions.ReceivedDuration + iceyeOptions.ActiveDuration);

        // The token is revoked mid-flow and the listing fails once with 503: refresh and retry, both logged.
        iceye.ExpireAllTokens();
        emulator.Faults.OnPrefix("/iceye/api/tasking/v2/tasks/").RespondWithStatus(503, times: 1);
        await task.UpdateStatusAsync();
        Assert.Equal("FULFILLED", task.ProviderStatus);

        var assets = new List<ImageryAsset>();
        await foreach (var asset in task.GetAssetsAsync())
        {
            assets.Add(asset);
        }

        Assert.NotEmpty(assets);
        var downloader = new AssetDownloader(new HttpClient(), new AssetDownloaderOptions { TimeProvider = clock, LoggerFactory = logs });
        var results = await downloader.DownloadAsync(assets, destination.Path, new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5) });
        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        produced.Add(results);
        produced.AddRange(assets);

        // A wrong secret: the typed error must not carry it.
        var badClient = new IceyeClient(new IceyeClientOptions
        {
            BaseAddress = clientOptions.BaseAddress,
            TokenEndpoint = clientOptions.TokenEndpoint,
            ClientId = clientOptions.ClientId,
            ClientSecret = WrongSecret,
            TimeProvider = clock,
            Retry = Retry(ProviderNames.Iceye),
        });
        scanner.AddSecret(WrongSecret);
        produced.Add(await Assert.ThrowsAnyAsync<SatDownloadException>(() => badClient.GetTaskInfoAsync(task.Id)));

        foreach (var credential in recorder.Credentials.Distinct())
        {
            if (credential != Convert.ToBase64String(Encoding.UTF8.GetBytes(iceyeOptions.ClientId + ":" + ClientSecret)))
            {
                scanner.AddSecret(credential);
            }
        }

        Assert.True(scanner.Secrets.Count >= 4, "no bearer token was captured");
        foreach (var asset in assets)
        {
            foreach (var part in (asset.Href?.Query ?? string.Empty).TrimStart('?').Split('&'))
            {
                if (part.StartsWith("sig=", StringComparison.Ordinal) && part.Length >= 12)
                {
                    scanner.AddSecret(Uri.UnescapeDataString(part[4..]));
                }
            }
        }

        scanner.ScanLogs(logs, minimumEntries: 10);
        for (var i = 0; i < produced.Count; i++)
        {
            scanner.ScanObject($"produced[{i}]", produced[i]);
        }

        scanner.ScanDirectory(destination.Path);
        scanner.AssertClean();
    }

    [Fact]
    public void No_public_type_shows_a_credential_property_in_ToString()
    {
        var scanner = new SecretScanner();
        var probe = "probe-secret-" + Guid.NewGuid().ToString("N");
        var count = scanner.ScanPublicTypes(probe, typeof(AssetDownloader).Assembly, typeof(IceyeClient).Assembly);
        Assert.True(count >= 20, $"only {count} public types could be created");
        scanner.AssertClean();
    }
}
