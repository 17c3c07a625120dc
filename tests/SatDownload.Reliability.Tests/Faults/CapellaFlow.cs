using SatDownload.Capella;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// Capella: the change maps of a monitored AOI, two products listed one per page, the deprecated token flow (so the token
/// rows run through the shared <see cref="OAuth2TokenProvider"/>), and asset hrefs that are exchanged for a signed URL
/// right before each download attempt. <see cref="ExtraRows"/> fault that exchange (the signed-URL href endpoint).
/// </summary>
public sealed class CapellaFlow : ProviderFlow
{
    private const string AoiId = CapellaEmulator.ArticleAoiId;
    private const string SecondProduct = "5a7c1f4e-2b8d-4c61-9e0f-3d2a1b4c5d6e";
    private const string HrefPrefix = "/capella/analytics/assets/";

    public override string Provider => ProviderNames.Capella;

    public override IEnumerable<FaultRow> ExtraRows =>
    [
        new("href endpoint 503 once (signed-URL exchange retried)", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnPrefix(HrefPrefix).RespondWithStatus(503, 1)),
        new("href endpoint 429 Retry-After seconds", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnPrefix(HrefPrefix).RespondWithStatus(429, 1, retryAfter: "1")),
        new("href endpoint 429 with Capella's gateway body and no Retry-After", FaultOutcome.Succeeds, BeforeDownload: r =>
            r.Emulator.Faults.OnPrefix(HrefPrefix).RespondWithStatus(429, 2, body: """{"message":"Too Many Requests"}""", contentType: "application/json")),
        new("href endpoint dropped mid-body once", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnPrefix(HrefPrefix).AbortAfterBytes(5, 1)),
        new("href endpoint hangs (headers) once", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnPrefix(HrefPrefix).Hang(1)),
        new("href endpoint 500 for good", FaultOutcome.DownloadFails, BeforeDownload: r => r.Emulator.Faults.On(((Run)r).HrefPaths[0]).RespondWithStatus(500, int.MaxValue), CauseText: "500"),
        new("href endpoint 404 (product withdrawn)", FaultOutcome.DownloadFails, BeforeDownload: r => r.Emulator.Faults.On(((Run)r).HrefPaths[0]).RespondWithStatus(404, int.MaxValue, body: """{"error":{"message":"Asset not found","code":"NOT_FOUND"}}""", contentType: "application/json"), CauseText: "404"),
        new("href redirects (302) to the signed URL", FaultOutcome.Succeeds, BeforeDownload: r => ((Run)r).Capella.HrefAnswerMode = CapellaHrefAnswerMode.Redirect),
        new("href answers the signed URL as plain text", FaultOutcome.Succeeds, BeforeDownload: r => ((Run)r).Capella.HrefAnswerMode = CapellaHrefAnswerMode.PlainText),
        new("href signed URLs expire and token revoked mid-download", FaultOutcome.Succeeds, BeforeDownload: r =>
        {
            r.Emulator.Faults.OnBlob(r.DataBlobNames[1]).AbortAfterBytes(50_000, 1);
            r.Emulator.Faults.OnBlob(r.DataBlobNames[1]).AfterRequests(1).OnRequest(_ =>
            {
                r.Clock.Advance(TimeSpan.FromHours(2));
                r.RevokeTokens();
                return Task.FromResult(false);
            }, times: 1);
        }),
        new("token revoked before the download (href call 401, renewed once)", FaultOutcome.Succeeds, BeforeDownload: r => r.RevokeTokens()) { RequiresTokenEndpoint = true },
        new("token endpoint 429 Retry-After seconds", FaultOutcome.Succeeds, r =>
        {
            r.RevokeTokens();
            r.Emulator.Faults.On(r.TokenPath!).RespondWithStatus(429, 1, retryAfter: "1");
        }) { RequiresTokenEndpoint = true },
        new("password changed and token revoked (token endpoint 401)", FaultOutcome.ListingFails, r =>
        {
            ((Run)r).Capella.Passwords[CapellaEmulator.DefaultUsername] = "changed-" + Guid.NewGuid().ToString("N");
            r.RevokeTokens();
        }, CauseText: "INVALID_CREDENTIALS") { RequiresTokenEndpoint = true },
    ];

    public override async Task<ProviderFlowRun> StartAsync()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
        var capella = new CapellaEmulator { ProductsPageSize = 1 };
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { capella }, Clock = clock });
        capella.SeedArticleExample(fileSize: 300_000);
        capella.AddProduct(AoiId, SecondProduct, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), fileSize: 300_000);
        var options = Options(emulator.GetProviderUri(capella), clock);
        var run = new Run(emulator, clock, capella, options);

        // Log in once, so token rows revoke a token the client really holds.
        await run.Client.GetUserAsync();
        emulator.Requests.Clear();
        return run;
    }

    /// <summary>Token flow, retries with short real-time delays and hang timeouts, tokens shared on the run's clock.</summary>
    internal static CapellaClientOptions Options(Uri endpoint, VirtualClock clock) => new()
    {
        Endpoint = endpoint,
        Username = CapellaEmulator.DefaultUsername,
        Password = CapellaEmulator.DefaultPassword,
        TimeProvider = clock,
        TokenProviders = new OAuth2TokenProviderRegistry(null, clock),
        Retry = new HttpRetryOptions
        {
            ProviderName = ProviderNames.Capella,
            MaxAttempts = 4,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(2),
            Jitter = false,
            PerAttemptTimeout = ProviderFlowRun.HangTimeout,
            ResponseIdleTimeout = ProviderFlowRun.HangTimeout,
        },
    };

    /// <summary>Both products, file <c>a</c> (VV) of each: two assets on two listing pages.</summary>
    internal static CapellaChangeMapImageryRequest Request() => new()
    {
        AoiId = AoiId,
        Query = new CapellaProductQuery(),
        Files = new CapellaAssetFilter { Keys = ["a"] },
    };

    internal sealed class Run : ProviderFlowRun
    {
        private readonly CapellaClientOptions _options;
        private IReadOnlyList<string> _blobs = [];

        public Run(ProviderEmulator emulator, VirtualClock clock, CapellaEmulator capella, CapellaClientOptions options)
            : base(emulator, clock)
        {
            Capella = capella;
            _options = options;
            Client = new CapellaClient(options);
        }

        public CapellaEmulator Capella { get; }

        public CapellaClient Client { get; }

        /// <summary>Paths of the asset hrefs (the signed-URL exchange), in listing order.</summary>
        public IReadOnlyList<string> HrefPaths { get; private set; } = [];

        public override string? TokenPath => "/capella/token";

        public override string ListingPathPrefix => "/capella/products/" + AoiId;

        public override string ListingOperation => "GET /products/{aoi_id}";

        public override IReadOnlyList<string> DataBlobNames => _blobs;

        public override async Task<IReadOnlyList<ImageryAsset>> ListAssetsAsync(CancellationToken cancellationToken)
        {
            var request = Request();
            var assets = new List<ImageryAsset>();
            await foreach (var asset in Client.GetAoiAssetsAsync(request.AoiId!, request.Query, request.Files, cancellationToken))
            {
                assets.Add(asset);
            }

            _blobs = assets.Select(BlobNameOf).ToArray();
            HrefPaths = assets.Select(a => a.Href!.AbsolutePath).ToArray();
            return assets;
        }

        public override ImageryProvider CreateImageryProvider() => new CapellaImageryProvider(new CapellaClient(_options));

        public override ImageryRequest CreateImageryRequest() => Request();

        public override string ExpectedSha256Of(ImageryAsset asset) => Emulator.Blobs.Get(BlobNameOf(asset)).Sha256Hex;

        public override void RevokeTokens() => Capella.RevokeTokens();

        public override ValueTask DisposeAsync() => Emulator.DisposeAsync();

        /// <summary>A change-map asset's file is the blob <c>capella/analytics/{product}/{file}</c>; the href only answers with its signed URL.</summary>
        private static string BlobNameOf(ImageryAsset asset) => CapellaEmulator.ChangeMapBlobName(asset.ProductId, asset.SuggestedFileName!);
    }
}
