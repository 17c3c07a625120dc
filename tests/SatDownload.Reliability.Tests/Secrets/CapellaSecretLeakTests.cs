using Microsoft.AspNetCore.Http;
using SatDownload.Capella;
using SatDownload.Capella.Models;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

namespace SatDownload.Reliability.Tests.Secrets;

/// <summary>
/// Capella's flows with known secrets (API key, password, the Basic value, every bearer token, every signed-URL signature)
/// and a Trace-level capturing logger: the provider client (token flow with a revoked token, retries, signed-URL exchange,
/// orders with presigned hrefs, failing calls that echo credentials) and <see cref="SatDownloadClient"/> (journal and
/// STAC catalog on disk). Logs, exception messages, <c>ToString()</c> of models and results, and the files: zero hits.
/// </summary>
public sealed class CapellaSecretLeakTests
{
    private static readonly string ApiKey = "capella-key-" + Guid.NewGuid().ToString("N");
    private static readonly string Password = "capella-pw-" + Guid.NewGuid().ToString("N");
    private static readonly string WrongPassword = "capella-wrong-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Capella_flows_leak_no_key_password_token_or_signature()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
        var capella = new CapellaEmulator();
        capella.ApiKeys.Add(ApiKey);
        capella.Passwords[CapellaEmulator.DefaultUsername] = Password;
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { capella }, Clock = clock });
        capella.SeedArticleExample(fileSize: 40_000);
        capella.AddGranule("capella-archive", "granule-1", ["changemap", "HH"], 40_000);
        capella.OrderProcessingTime = TimeSpan.FromSeconds(20);
        var logs = new CapturingLoggerProvider();
        var scanner = new SecretScanner(ApiKey, Password, WrongPassword,
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CapellaEmulator.DefaultUsername + ":" + Password)));
        var produced = new List<object?>();
        using var destination = new TempDirectory("satdl-capella-secrets");
        var recorder = new AuthorizationRecorder(SatDownload.Http.ProviderHttpPipeline.CreateDefaultPrimaryHandler());
        CapellaClient NewClient(CapellaClientOptions o) => new(
            SatDownload.Http.ProviderHttpPipeline.CreateClient(null, SatDownload.Http.ProviderHttpPipeline.CreateStandardHandlers(o.Retry, null, null, clock, logs), recorder),
            o);

        // 1. Provider client, token flow: retried listing, revoked token (401 then renewal), signed-URL exchange, download.
        var tokenClient = NewClient(Options(emulator, capella, clock, logs, password: Password));
        emulator.Faults.On($"/capella/products/{CapellaEmulator.ArticleAoiId}").RespondWithStatus(503, 1);
        var products = new List<CapellaAnalyticsProduct>();
        await foreach (var p in tokenClient.GetProductsAsync(CapellaEmulator.ArticleAoiId))
        {
            products.Add(p);
        }

        capella.RevokeTokens();
        var assets = tokenClient.GetProductAssets(products[0], new CapellaAssetFilter { Keys = ["a", "b"] });
        emulator.Faults.OnBlob(CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "A.tif")).RespondWithStatus(403, 1);
        var downloader = new AssetDownloader(new HttpClient(), new AssetDownloaderOptions { TimeProvider = clock, LoggerFactory = logs });
        var results = await downloader.DownloadAsync(assets, destination.Combine("client"), new DownloadOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero });
        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.True(capella.TokensIssued >= 2, "the revoked token was not renewed");
        produced.AddRange(products);
        produced.AddRange(assets);
        produced.AddRange(results);
        produced.Add(tokenClient);

        // Orders: presigned hrefs are secrets from the moment they are read.
        var order = await tokenClient.SubmitOrderAsync([new CapellaOrderItem("capella-archive", "granule-1")]);
        await order.WaitForCompletionAsync(new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(2), MaxInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(10) });
        var items = await tokenClient.GetOrderDownloadAsync(order.Id);
        var orderAssets = await tokenClient.GetOrderAssetsAsync(order.Id);
        foreach (var href in items.SelectMany(i => i.Assets.Values).Select(a => a.Href).OfType<string>().Where(h => h.Contains("Signature=", StringComparison.Ordinal)))
        {
            scanner.AddSecret(SignatureOf(href));
        }

        var orderResults = await downloader.DownloadAsync(orderAssets, destination.Combine("orders"), new DownloadOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero });
        Assert.All(orderResults, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        produced.Add(order);
        produced.AddRange(items);
        produced.AddRange(orderAssets);
        produced.AddRange(orderResults);
        produced.Add(await tokenClient.GetOrderAsync(order.Id));
        produced.Add(await tokenClient.GetUserAsync());

        // 2. Failing calls: a wrong password, a wrong key, and a server that echoes the credential it was sent.
        var wrong = NewClient(Options(emulator, capella, new VirtualClock(clock.GetUtcNow()), logs, password: WrongPassword));
        produced.Add(await Assert.ThrowsAsync<ProviderRequestException>(() => wrong.GetUserAsync()));
        var wrongKey = NewClient(Options(emulator, capella, clock, logs, apiKey: "not-" + ApiKey));
        produced.Add(await Assert.ThrowsAsync<ProviderRequestException>(() => wrongKey.GetUserAsync()));
        var keyClient = NewClient(Options(emulator, capella, clock, logs, apiKey: ApiKey));
        emulator.Faults.On("/capella/user").OnRequest(async ctx =>
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"error\":{\"message\":\"credential " + ctx.Request.Headers.Authorization + " is not allowed\",\"code\":\"NOT_AUTHORIZED\"}}");
            return true;
        }, times: 1);
        produced.Add(await Assert.ThrowsAsync<ProviderRequestException>(() => keyClient.GetUserAsync()));
        emulator.Faults.On(assets[0].Href!.AbsolutePath).RespondWithStatus(500, int.MaxValue, body: $$"""{"message":"failed for {{ApiKey}}"}""", contentType: "application/json");
        produced.Add(await Record.ExceptionAsync(() => keyClient.AnalyticsHrefResolver.ResolveAsync(keyClient.GetProductAssets(products[0])[0], SignedUrlResolveContext.Initial).AsTask()));
        emulator.Faults.Clear();

        // 3. SatDownloadClient: an order and an AOI request, journal and catalog on disk.
        var options = new SatDownloadClientOptions
        {
            TimeProvider = clock,
            LoggerFactory = logs,
            DownloadOptions = new DownloadOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero },
            Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(2), MaxInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(10) },
        };
        options.Providers.Add(new CapellaImageryProvider(NewClient(Options(emulator, capella, clock, logs, password: Password))));
        var unified = new SatDownloadClient(options, downloader);
        var orderRequest = new CapellaChangeMapImageryRequest { Granules = [new CapellaOrderItem("capella-archive", "granule-1")] };
        var aoiRequest = new CapellaChangeMapImageryRequest { AoiId = CapellaEmulator.ArticleAoiId, Files = CapellaAssetFilter.CloudOptimizedOnly };
        var flowResults = new[]
        {
            await unified.DownloadAsync(orderRequest, destination.Combine("unified")),
            await unified.DownloadAsync(aoiRequest, destination.Combine("unified")),
            await unified.DownloadAsync(orderRequest, destination.Combine("unified")),
        };
        Assert.All(flowResults, r => Assert.True(r.Succeeded));
        produced.AddRange(flowResults);
        produced.AddRange(flowResults.SelectMany(r => r.Downloads));
        produced.Add(orderRequest);
        produced.Add(aoiRequest);
        produced.Add(options.Providers[0]);

        // Every bearer token that went on the wire (including the revoked one).
        foreach (var credential in recorder.Credentials.Distinct())
        {
            scanner.AddSecret(credential);
        }

        Assert.True(recorder.Credentials.Distinct().Count() >= 3, "expected the key and at least two bearer tokens on the wire");
        scanner.ScanLogs(logs, minimumEntries: 10);
        for (var i = 0; i < produced.Count; i++)
        {
            scanner.ScanObject($"produced[{i}] ({produced[i]?.GetType().Name})", produced[i]);
        }

        scanner.ScanDirectory(destination.Path);
        scanner.AssertClean();
    }

    [Fact]
    public void Public_Capella_types_do_not_show_secrets_in_ToString()
    {
        var scanner = new SecretScanner();
        var probe = "probe-secret-" + Guid.NewGuid().ToString("N");
        Redactor.RegisterSecret(probe);
        scanner.AddSecret(probe);

        var scanned = scanner.ScanPublicTypes(probe, typeof(CapellaClient).Assembly);

        Assert.True(scanned >= 10, $"only {scanned} public Capella types were probed");
        scanner.AssertClean();
    }

    private static CapellaClientOptions Options(ProviderEmulator emulator, CapellaEmulator capella, VirtualClock clock, CapturingLoggerProvider logs, string? password = null, string? apiKey = null) => new()
    {
        Endpoint = emulator.GetProviderUri(capella),
        ApiKey = apiKey,
        Username = password is null ? null : CapellaEmulator.DefaultUsername,
        Password = password,
        TimeProvider = clock,
        LoggerFactory = logs,
        Retry = new SatDownload.Http.HttpRetryOptions { ProviderName = ProviderNames.Capella, MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), Jitter = false },
    };

    /// <summary>The signature value of a presigned URL (<c>Signature=…</c>).</summary>
    private static string SignatureOf(string href)
    {
        var query = new Uri(href).Query.TrimStart('?').Split('&');
        var signature = query.Single(p => p.StartsWith("Signature=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(signature["Signature=".Length..]);
    }
}
