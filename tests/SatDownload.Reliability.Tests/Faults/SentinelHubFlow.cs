using SatDownload.Http;
using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// Sentinel Hub: a Catalog (STAC) search paged one item per page (the paged listing, through the Sentinel Hub client with
/// OAuth2, its millisecond Retry-After and its retries), whose items' thumbnail assets are real blobs of 300 KB served
/// over http, downloaded by the shared downloader. Catalog is the flow whose assets are plain blob downloads, so every
/// blob row applies; Process outputs are produced by their own POST (covered by the Sentinel Hub tests) and Batch outputs
/// come from the user's bucket through a user presigner (covered by the Batch tests).
/// </summary>
public sealed class SentinelHubFlow : ProviderFlow
{
    public const string ListingPath = "/sentinel-hub/eu/api/v1/catalog/1.0.0/search";
    private const int BlobBytes = 300_000;
    private const string HtmlTooManyRequests = "<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1><p>You have sent too many requests in a given amount of time.</p></body></html>";

    public override string Provider => ProviderNames.SentinelHub;

    public override IEnumerable<FaultRow> ExtraRows { get; } =
    [
        // The documented form: Retry-After in milliseconds. The call's total deadline (60 s) is far below 3398 seconds,
        // so reading it as seconds would fail the row.
        new("listing 429 Retry-After milliseconds (3398)", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(ListingPath).RespondWithStatus(
            429, 1, retryAfter: "3398", body: "{\"error\":{\"status\":429,\"reason\":\"Too Many Requests\",\"message\":\"You have exceeded your rate limit\",\"code\":\"RATE_LIMIT_EXCEEDED\"}}", contentType: "application/json")),
        new("listing 429 unwrapped RATE_LIMIT_EXCEEDED, Retry-After 1 ms, three times", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(ListingPath).RespondWithStatus(
            429, 3, retryAfter: "1", body: "{\"status\":429,\"reason\":\"Too Many Requests\",\"message\":\"You have exceeded your rate limit\",\"code\":\"RATE_LIMIT_EXCEEDED\"}", contentType: "application/json")),
        new("token endpoint 429 Retry-After milliseconds", FaultOutcome.Succeeds, r =>
        {
            r.RevokeTokens();
            r.Emulator.Faults.On(r.TokenPath!).RespondWithStatus(429, 1, retryAfter: "1500", body: "{\"error\":\"too_many_requests\",\"error_description\":\"Too many token requests\"}", contentType: "application/json");
        }) { RequiresTokenEndpoint = true },
        new("token endpoint 429 with an HTML body", FaultOutcome.Succeeds, r =>
        {
            r.RevokeTokens();
            r.Emulator.Faults.On(r.TokenPath!).RespondWithStatus(429, 1, body: HtmlTooManyRequests, contentType: "text/html");
        }) { RequiresTokenEndpoint = true },
        new("monthly quota exhausted (403), never retried", FaultOutcome.ListingFails, r => r.Emulator.Faults.OnPrefix(ListingPath).RespondWithStatus(
            403, int.MaxValue, body: "{\"error\":{\"status\":403,\"reason\":\"Forbidden\",\"message\":\"You have used up your monthly processing unit quota.\",\"code\":\"COMMON_INSUFFICIENT_PERMISSIONS\"}}", contentType: "application/json"), CauseText: "quota"),
    ];

    public override async Task<ProviderFlowRun> StartAsync()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
        var sh = new SentinelHubEmulator(new SentinelHubEmulatorOptions { CatalogThumbnailBytes = BlobBytes, CatalogItemsPerDay = 1 });
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sh }, Clock = clock });
        const string clientId = "sh-reliability-client";
        const string secret = "sh-reliability-secret-4f9a2c";
        sh.RegisterClient(SentinelHubEmulator.MainRealm, clientId, secret);
        var client = new SentinelHubClient(new SentinelHubClientOptions
        {
            Deployment = SentinelHubDeployment.Custom("emulator-eu", sh.DeploymentUri("eu"), sh.TokenUri(SentinelHubEmulator.MainRealm), SentinelHubIdentityProvider.SentinelHub, sh.LegacyTokenUri),
            ClientId = clientId,
            ClientSecret = secret,
            AllowInsecureHttp = true,
            TimeProvider = clock,
            TokenProviders = new OAuth2TokenProviderRegistry(null, clock),
            RateLimiters = new RateLimiterRegistry(clock),
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            PerAttemptTimeout = ProviderFlowRun.HangTimeout,
            ResponseIdleTimeout = ProviderFlowRun.HangTimeout,
            TotalTimeout = TimeSpan.FromSeconds(60),

            // sentinelhub-py waits 30 s after a 429 without Retry-After; the virtual clock auto-advances waits of up to 5 s.
            DefaultRetryAfter = TimeSpan.FromSeconds(2),
        });
        emulator.Requests.Clear();
        return new Run(emulator, clock, sh, client);
    }

    /// <summary>Two days of Sentinel-2 L2A items over Ljubljana, one item per page.</summary>
    internal static CatalogSearchRequest Search() => new()
    {
        Collections = ["sentinel-2-l2a"],
        Datetime = "2024-06-01T00:00:00Z/2024-06-02T23:59:59Z",
        Bbox = [13.8, 45.8, 14.6, 46.3],
        Limit = 1,
    };

    private sealed class Run(ProviderEmulator emulator, VirtualClock clock, SentinelHubEmulator sh, SentinelHubClient client) : ProviderFlowRun(emulator, clock)
    {
        private IReadOnlyList<string> _blobs = [];

        public override string? TokenPath => "/sentinel-hub/auth/realms/main/protocol/openid-connect/token";

        public override string ListingPathPrefix => ListingPath;

        public override string ListingOperation => "catalog search";

        public override IReadOnlyList<string> DataBlobNames => _blobs;

        public override async Task<IReadOnlyList<ImageryAsset>> ListAssetsAsync(CancellationToken cancellationToken)
        {
            var assets = new List<ImageryAsset>();
            await foreach (var asset in client.GetCatalogClient().SearchAssetsAsync(Search(), cancellationToken: cancellationToken))
            {
                assets.Add(asset);
            }

            _blobs = assets.Select(a => BlobNameOf(a.Href!)).ToArray();
            return assets;
        }

        private static string BlobNameOf(Uri href)
        {
            var path = href.AbsolutePath;
            foreach (var prefix in new[] { EmulatorBlobStore.SignedPathPrefix, EmulatorBlobStore.BlobsPathPrefix })
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return string.Join('/', path[prefix.Length..].Split('/').Select(Uri.UnescapeDataString));
                }
            }

            throw new InvalidOperationException("Not an emulator blob URL: " + href.AbsolutePath);
        }

        public override ImageryProvider CreateImageryProvider() => new SentinelHubImageryProvider(client);

        public override ImageryRequest CreateImageryRequest() => new SentinelHubCatalogImageryRequest(Search()) { MaxItems = 10 };

        public override string ExpectedSha256Of(ImageryAsset asset)
        {
            ArgumentNullException.ThrowIfNull(asset);
            return Emulator.Blobs.Get(BlobNameOf(asset.Href ?? throw new InvalidOperationException($"{asset.Identity} has no href."))).Sha256Hex;
        }

        public override void RevokeTokens() => sh.RevokeAllTokens();

        public override ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
