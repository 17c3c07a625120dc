using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Http;
using SatDownload.Reliability.Tests.Faults;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

namespace SatDownload.Reliability.Tests.Secrets;

/// <summary>
/// The ClearSKY flows, through the ClearSKY client and through <see cref="SatDownloadClient"/>, succeeding and failing,
/// with a Trace-level capturing logger: the API key (sent as a header on every call, including the POSTs the shared
/// downloader sends) and an upload URL's signature appear in no log, exception, <c>ToString()</c>, journal, manifest or
/// other file.
/// </summary>
public sealed class ClearSkySecretLeakTests
{
    private static readonly string ApiKey = "clearsky-key-" + Guid.NewGuid().ToString("N");
    private static readonly string WrongKey = "clearsky-wrong-" + Guid.NewGuid().ToString("N");
    private static readonly string Signature = "sig" + Guid.NewGuid().ToString("N");

    private static HttpRetryOptions Retry() => new()
    {
        ProviderName = ProviderNames.ClearSky,
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        Jitter = false,
        RetryNonIdempotentMethods = true,
    };

    private static ClearSkyClientOptions Options(ProviderEmulator emulator, string key) => new()
    {
        Endpoint = emulator.GetProviderUri<ClearSkyEmulator>(),
        ApiKey = key,
        Retry = Retry(),
        RateLimiterRegistry = new RateLimiterRegistry(),
    };

    private static DownloadOptions Fast(DownloadBudget? budget = null) => new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        Budget = budget,
    };

    [Fact]
    public async Task ClearSky_client_and_unified_flows_leak_no_key_or_upload_signature()
    {
        var clearSky = new ClearSkyEmulator(new ClearSkyEmulatorOptions { ApiKey = ApiKey, ConcurrencyLimitAs429 = false });
        clearSky.Options.RevokedKeys.Add(WrongKey + "-revoked");
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { clearSky } });
        var logs = new CapturingLoggerProvider();
        var scanner = new SecretScanner(ApiKey, WrongKey, Signature);
        using var destination = new TempDirectory();
        var produced = new List<object?>();
        var client = new ClearSkyClient(Options(emulator, ApiKey), logs);
        var request = ClearSkyFlow.CompositeRequest();

        // The ClearSKY client, through retried faults: 429 on the availability call, busy (1003) on the composite.
        emulator.Faults.On(ClearSkyFlow.CompositePath + "/available").RespondWithStatus(429, 1, retryAfter: "0");
        clearSky.Options.ForcedBusyResponses = 1;
        var direct = await client.DownloadAsync(request, destination.Combine("direct"), new ClearSkyDownloadOptions { Download = Fast() });
        produced.AddRange(direct);
        produced.AddRange(direct.Select(d => d.Download));
        Assert.Equal(2, direct.Count);
        Assert.All(direct, d => Assert.True(d.Download!.Succeeded));

        // Upload mode: ClearSKY PUTs to a signed URL; the signature must not surface anywhere.
        var uploadUrl = new Uri(emulator.BaseUri, "clearsky/test-sink/upload.tif?X-Signature=" + Signature).AbsoluteUri;
        Redactor.RegisterSecret(Signature);
        var uploadRequest = request.Request with { UploadUrl = uploadUrl };
        produced.Add(uploadRequest);
        var uploaded = await client.UploadCompositeAsync(uploadRequest);
        produced.Add(uploaded);
        Assert.True(uploaded.IsUploaded);
        Assert.True(clearSky.SinkUploads.ContainsKey("upload.tif"));

        // Failures of the ClearSKY client: wrong key, revoked key, no imagery (1002), budget refused.
        produced.Add(await Assert.ThrowsAnyAsync<SatDownloadException>(() => new ClearSkyClient(Options(emulator, WrongKey), logs).GetAccountInfoAsync()));
        produced.Add(await Assert.ThrowsAnyAsync<SatDownloadException>(() => new ClearSkyClient(Options(emulator, WrongKey + "-revoked"), logs).EstimateAsync(request.Request)));
        clearSky.Options.Dates[DateOnly.FromDateTime(request.Request.Date.UtcDateTime)] = ClearSkyDateState.NoImagery;
        produced.Add(await Assert.ThrowsAnyAsync<SatDownloadException>(() => client.DownloadCompositeAsync(
            request.Request, destination.Combine("failed"), new ClearSkyDownloadOptions { RequireAvailability = false, Download = Fast() })));
        clearSky.Options.Dates.Clear();
        produced.Add(await Assert.ThrowsAnyAsync<SatDownloadException>(() => client.DownloadAsync(request, destination.Combine("budget"),
            new ClearSkyDownloadOptions { Budget = new DownloadBudget { MaxCost = 0.01m, CostUnit = ClearSkyEstimate.CostUnit } })));

        // The unified client: success, a re-run from the journal, a paid request that fails, a budget refusal.
        var options = new SatDownloadClientOptions { LoggerFactory = logs, DownloadOptions = Fast() };
        options.Providers.Add(new ClearSkyImageryProvider(client));
        var unified = new SatDownloadClient(options);
        var unifiedDir = destination.Combine("unified");
        var first = await unified.DownloadAsync(request, unifiedDir);
        var again = await unified.DownloadAsync(request, unifiedDir);
        produced.Add(first);
        produced.Add(again);
        produced.AddRange(first.Downloads);
        produced.AddRange(first.Downloads.Select(d => d.Asset));
        Assert.True(first.Succeeded);
        Assert.True(again.ResumedFromJournal);
        var minitile = new ClearSkyMinitileImageryRequest(ClearSkyFlow.MiniTileRequest());
        emulator.Faults.On("/clearsky/api/satelliteimages/process/minitile").RespondWithStatus(500, int.MaxValue, body: "{\"Succeeded\":false,\"Error\":{\"Message\":\"boom " + ApiKey + "\",\"Code\":500}}");
        var failed = await unified.DownloadAsync(minitile, unifiedDir);
        Assert.False(failed.Succeeded);
        produced.Add(failed);
        produced.AddRange(failed.Downloads);
        produced.AddRange(failed.Downloads.Select(d => d.Exception));
        produced.Add(await Assert.ThrowsAsync<BudgetExceededException>(() => unified.DownloadAsync(
            new ClearSkyCompositeImageryRequest(request.Request with { Resolution = 20 }), destination.Combine("unified-budget"),
            Fast(new DownloadBudget { MaxCost = 0.01m, CostUnit = ClearSkyEstimate.CostUnit }))));

        // The asset's POST carries the key in a header: its location's ToString must mask it.
        var asset = client.CreateCompositeAsset(request.Request);
        var location = await asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial);
        produced.Add(asset);
        produced.Add(location);
        Assert.Equal(ApiKey, location.Headers["x-api-key"]);

        scanner.ScanLogs(logs, minimumEntries: 5);
        for (var i = 0; i < produced.Count; i++)
        {
            scanner.ScanObject($"produced[{i}] {produced[i]?.GetType().Name}", produced[i]);
        }

        scanner.ScanDirectory(destination.Path);
        Assert.True(File.Exists(Path.Combine(unifiedDir, "catalog.json")));
        Assert.NotEmpty(Directory.GetFiles(unifiedDir, "*.json", SearchOption.AllDirectories));
        scanner.AssertClean();
    }

    [Fact]
    public void No_public_ClearSky_type_shows_a_credential_property_in_ToString()
    {
        var scanner = new SecretScanner();
        var probe = "probe-secret-" + Guid.NewGuid().ToString("N");
        var count = scanner.ScanPublicTypes(probe, typeof(ClearSkyClient).Assembly);
        Assert.True(count >= 15, $"only {count} public ClearSKY types could be created");
        scanner.AssertClean();
    }
}
