using SatDownload.Http;
using SatDownload.Reliability.Tests.Support;
using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Reliability.Tests.Secrets;

/// <summary>
/// Sentinel Hub flows (provider client and <see cref="SatDownloadClient"/>, succeeding and failing) with known secrets and
/// a Trace-level capturing logger: the OAuth client secret, every bearer token issued, the bucket secret key in Batch and
/// Async requests, and every presigned-URL signature. Logs, exception messages, <c>ToString()</c> of models and results,
/// and the journal and manifest files must show none of them.
/// </summary>
public sealed class SentinelHubSecretLeakTests
{
    private static readonly string ClientSecret = "sh-client-secret-" + Guid.NewGuid().ToString("N");
    private static readonly string WrongSecret = "sh-wrong-secret-" + Guid.NewGuid().ToString("N");
    private static readonly string BucketSecret = "sh-bucket-secret-" + Guid.NewGuid().ToString("N");
    private const string ClientId = "sh-leak-client";

    [Fact]
    public async Task Sentinel_Hub_flows_leak_no_secret_token_or_signature()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(50), AutoAdvance = true };
        var sh = new SentinelHubEmulator(new SentinelHubEmulatorOptions { BatchProcessingDuration = TimeSpan.FromMinutes(2) });
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sh }, Clock = clock });
        sh.RegisterClient(SentinelHubEmulator.MainRealm, ClientId, ClientSecret);
        using var destination = new TempDirectory();
        var logs = new CapturingLoggerProvider();
        var scanner = new SecretScanner(ClientSecret, BucketSecret);
        var recorder = new AuthorizationRecorder(new SocketsHttpHandler());
        var deployment = SentinelHubDeployment.Custom("emulator-eu", sh.DeploymentUri("eu"), sh.TokenUri(SentinelHubEmulator.MainRealm), SentinelHubIdentityProvider.SentinelHub, sh.LegacyTokenUri);
        SentinelHubClientOptions Options(string secret) => new()
        {
            Deployment = deployment,
            ClientId = ClientId,
            ClientSecret = secret,
            AllowInsecureHttp = true,
            TimeProvider = clock,
            TokenProviders = new OAuth2TokenProviderRegistry(null, clock),
            RateLimiters = new RateLimiterRegistry(clock),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAttempts = 2,
            LoggerFactory = logs,
            Transport = recorder,
        };
        var options = Options(ClientSecret);
        var client = new SentinelHubClient(options);
        var produced = new List<object?> { client, options, deployment };
        var signatures = new List<string>();
        var presigner = new DelegateSignedUrlResolver((asset, _, _) =>
        {
            var url = emulator.Blobs.GetSignedUrl(SentinelHubEmulator.BlobNameFor(asset.Href!.OriginalString), TimeSpan.FromHours(1));
            lock (signatures)
            {
                signatures.AddRange(url.Query.TrimStart('?').Split('&').Where(p => p.StartsWith("sig=", StringComparison.Ordinal)).Select(p => Uri.UnescapeDataString(p[4..])));
            }

            return ValueTask.FromResult(new DownloadLocation(url) { ExpiresAt = clock.GetUtcNow().AddHours(1) });
        });

        // Process through the provider client (token revoked once mid-flow, 503 once).
        var process = ProcessRequest(600, 400);
        produced.Add(process);
        sh.RevokeAllTokens();
        emulator.Faults.OnPrefix("/sentinel-hub/eu/api/v1/process").RespondWithStatus(503, 1);
        produced.Add(await client.GetProcessClient().ProcessAsync(process, Path.Combine(destination.Path, "process")));

        // Batch with a bucket secret, through SatDownloadClient (journal + STAC manifest), outputs presigned.
        var batchRequest = new BatchProcessRequest
        {
            ProcessRequest = ProcessRequest(null, null),
            Input = BatchProcessInput.TilingGrid(0, 60),
            Output = BatchProcessOutput.Raster(ObjectStorageInfo.ForS3("s3://leak/batch", "AKIALEAKTEST", BucketSecret)),
        };
        var unified = new SatDownloadClient(new SatDownloadClientOptions
        {
            Providers = { new SentinelHubImageryProvider(client) },
            TimeProvider = clock,
            LoggerFactory = logs,
            DownloadOptions = new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) },
            Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(20), MaxInterval = TimeSpan.FromSeconds(45) },
        });
        var batch = new SentinelHubBatchImageryRequest(batchRequest, new SentinelHubBatchOutputOptions { Resolver = presigner });
        produced.Add(batch);
        produced.Add(batchRequest);
        var batchResult = await unified.DownloadAsync(batch, Path.Combine(destination.Path, "unified"));
        Assert.True(batchResult.Succeeded, batchResult.Downloads.FirstOrDefault(d => !d.Succeeded)?.Exception?.ToString());
        produced.Add(batchResult);
        produced.AddRange(batchResult.Downloads);
        produced.AddRange(batchResult.Downloads.Select(d => d.Asset));

        // Process through SatDownloadClient: the bearer token rides in the POST's DownloadLocation headers.
        var processResult = await unified.DownloadAsync(new SentinelHubProcessImageryRequest(ProcessRequest(300, 300)), Path.Combine(destination.Path, "unified"));
        Assert.True(processResult.Succeeded, processResult.Downloads.FirstOrDefault(d => !d.Succeeded)?.Exception?.ToString());
        produced.Add(processResult);
        produced.AddRange(processResult.Downloads);

        // Async with a bucket secret.
        var asyncRequest = ProcessRequest(800, 800);
        asyncRequest.Output!.Delivery = ObjectStorageInfo.ForS3("s3://leak/async", "AKIALEAKTEST", BucketSecret);
        produced.Add(await client.GetProcessClient().SubmitAsync(asyncRequest));

        // Failures: a wrong client secret, a quota refusal, a renderer error, a bucket-secret request refused.
        scanner.AddSecret(WrongSecret);
        var wrong = new SentinelHubClient(Options(WrongSecret));
        produced.Add(await Assert.ThrowsAnyAsync<SatDownloadException>(() => wrong.GetBatchClient().GetTilingGridAsync(0)));
        emulator.Faults.OnPrefix("/sentinel-hub/eu/api/v2/batch/process").RespondWithStatus(403, 1,
            body: "{\"error\":{\"status\":403,\"reason\":\"Forbidden\",\"message\":\"You have used up your monthly processing unit quota.\",\"code\":\"COMMON_INSUFFICIENT_PERMISSIONS\"}}", contentType: "application/json");
        produced.Add(await Assert.ThrowsAsync<SentinelHubQuotaExceededException>(() => client.GetBatchClient().CreateAsync(batchRequest)));
        var broken = ProcessRequest(256, 256);
        broken.Evalscript = "//VERSION=3\nfunction setup(){ throw new Error('bad band B99'); }";
        var brokenResult = await unified.DownloadAsync(new SentinelHubProcessImageryRequest(broken), Path.Combine(destination.Path, "broken"));
        Assert.False(brokenResult.Succeeded); // the renderer error text is lost by the shared downloader (reported), but no secret may appear
        produced.Add(brokenResult);
        produced.Add(brokenResult.Downloads[0].Exception);

        foreach (var credential in recorder.Credentials.Distinct())
        {
            scanner.AddSecret(credential);
        }

        foreach (var signature in signatures.Distinct().Where(s => s.Length >= 12))
        {
            scanner.AddSecret(signature);
        }

        Assert.True(scanner.Secrets.Count >= 5, "no bearer token or signature was captured");
        scanner.ScanLogs(logs, minimumEntries: 10);
        for (var i = 0; i < produced.Count; i++)
        {
            scanner.ScanObject($"produced[{i}]", produced[i]);
        }

        scanner.ScanDirectory(destination.Path);
        scanner.AssertClean();
    }

    [Fact]
    public void No_public_Sentinel_Hub_type_shows_a_credential_property_in_ToString()
    {
        var scanner = new SecretScanner();
        var probe = "probe-secret-" + Guid.NewGuid().ToString("N");
        var count = scanner.ScanPublicTypes(probe, typeof(SentinelHubClient).Assembly);
        Assert.True(count >= 20, $"only {count} public types could be created");
        scanner.AssertClean();
    }

    private static ProcessRequest ProcessRequest(int? width, int? height) => new()
    {
        Input = new ProcessInput
        {
            Bounds = new ProcessBounds { Bbox = [13.82, 45.85, 14.56, 46.29] },
            Data = [new ProcessDataSource { Type = "sentinel-2-l2a", DataFilter = new DataFilter { TimeRange = TimeRange.Between(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero)) } }],
        },
        Output = new ProcessOutput { Width = width, Height = height, Responses = [new ProcessResponseSpec { Identifier = "default", Format = new OutputFormat { Type = "image/tiff" } }] },
        Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\"],output:{bands:1}};}\nfunction evaluatePixel(s){return [s.B04];}",
    };
}
