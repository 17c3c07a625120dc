using Microsoft.AspNetCore.Http;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// ClearSKY: a series of two composites (account check, <c>/composite/available</c> and <c>/composite/estimate</c> per
/// date are the "listing" calls, through the ClearSKY client with its retries), each file produced by its own POST and
/// downloaded by the shared downloader. ClearSKY has no token endpoint, no signed URLs and no blob route, so those
/// generic rows are replaced by rows that fault the composite POST itself (<see cref="ExtraRows"/>).
/// </summary>
public sealed class ClearSkyFlow : ProviderFlow
{
    /// <summary>The route that produces (and charges) the composite, targeted by the POST rows.</summary>
    public const string CompositePath = "/clearsky/api/satelliteimages/process/composite";

    /// <summary>The first composite's date: the POST rows fault the request for it and leave the second date's alone.</summary>
    public static readonly DateTimeOffset FirstDate = new(2024, 5, 3, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The second composite's date.</summary>
    public static readonly DateTimeOffset SecondDate = new(2024, 5, 8, 0, 0, 0, TimeSpan.Zero);

    public override string Provider => ProviderNames.ClearSky;

    public override bool HasTokenEndpoint => false;

    public override string? NotApplicable(FaultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.RequiresTokenEndpoint)
        {
            return "ClearSKY authenticates every call with a static x-api-key header: there is no token endpoint to expire, revoke or take down (the 'API key revoked' row covers a refused key)";
        }

        if (row.Name.Contains("signed URL", StringComparison.OrdinalIgnoreCase))
        {
            return "ClearSKY has no signed URLs: every file request is a POST carrying the API key, so nothing expires between listing and download";
        }

        if (row.Name.StartsWith("blob ", StringComparison.Ordinal))
        {
            return "ClearSKY serves no file from a blob route: each file is produced by its own POST to /process/composite; the 'POST composite …' rows put the same fault on the first composite's POST";
        }

        return null;
    }

    public override IEnumerable<FaultRow> ExtraRows { get; } = BuildExtraRows();

    public override async Task<ProviderFlowRun> StartAsync()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
        var clearSky = new ClearSkyEmulator(new ClearSkyEmulatorOptions { RasterSize = 200 });
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { clearSky }, Clock = clock });
        var options = new ClearSkyClientOptions
        {
            Endpoint = emulator.GetProviderUri<ClearSkyEmulator>(),
            ApiKey = clearSky.Options.ApiKey,
            TimeProvider = clock,
            RateLimiterRegistry = new RateLimiterRegistry(clock),
            Retry = new HttpRetryOptions
            {
                ProviderName = ProviderNames.ClearSky,
                MaxAttempts = 4,
                BaseDelay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(2),
                Jitter = false,
                RetryNonIdempotentMethods = true,
                PerAttemptTimeout = ProviderFlowRun.HangTimeout,
                ResponseIdleTimeout = ProviderFlowRun.HangTimeout,
            },
        };
        return new Run(emulator, clock, clearSky, new ClearSkyClient(options));
    }

    /// <summary>
    /// The founding document's minimal composite (provider-docs/clearsky-composite-tile.txt, "Minimal composite request
    /// body") as a series of two dates: two composites (about 320 KB each at RasterSize 200) from one request.
    /// </summary>
    internal static ClearSkyCompositeImageryRequest CompositeRequest() => new(new ClearSkyCompositeRequest
    {
        Wkt = "POLYGON ((9.877893206725581 56.47856668238974, 10.196496722350581 56.47856668238974, 10.196496722350581 56.27782087776097, 9.877893206725581 56.27782087776097, 9.877893206725581 56.47856668238974))",
        Date = FirstDate,
        Resolution = 10,
        EpsgProjection = 32632,
        Model = "Stratus2",
        SatelliteConstellations = ["Sentinel1", "Sentinel2", "Landsat89"],
        Bandnames = "all",
    })
    {
        Dates = [FirstDate, SecondDate],
    };

    internal static ClearSkyTileRequest MiniTileRequest() => new()
    {
        MiniTileGuid = Guid.Parse("0b9e4a51-8a0c-4d4e-b1f2-7c2d4e5f6a02"),
        Date = FirstDate,
        Model = "Stratus2",
        SatelliteConstellations = ["Sentinel1", "Sentinel2"],
    };

    /// <summary>
    /// The emulator blob holding the file a POST-produced asset's request yields, rendered ahead (without charging) so
    /// the expected bytes are known even when a fault keeps the real request from ever completing.
    /// </summary>
    internal static string PrerenderBlobOf(ClearSkyEmulator clearSky, ImageryAsset asset)
    {
        var location = asset.Resolver!.ResolveAsync(asset, SignedUrlResolveContext.Initial, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var kind = location.Uri.AbsolutePath[(location.Uri.AbsolutePath.LastIndexOf('/') + 1)..];
        return clearSky.Prerender(kind, location.Body!.Value.Span).Name;
    }

    private static string HttpDate(ProviderFlowRun run, int seconds) =>
        run.Clock.GetUtcNow().AddSeconds(seconds).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<FaultRow> BuildExtraRows() =>
    [
        // The POST that produces the first composite is ClearSKY's "blob": the generic blob faults, on it (the second
        // composite goes to the same route, so the faults pick the first one by its body).
        new("POST composite 500 twice", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 2, (c, _) => StatusAsync(c, 500))),
        new("POST composite 502 and 504", FaultOutcome.Succeeds, BeforeDownload: r =>
        {
            var answered = 0;
            OnFirstComposite(r, 2, (c, _) => Interlocked.Increment(ref answered) == 1
                ? StatusAsync(c, 502, body: "<html><body>Bad Gateway</body></html>", contentType: "text/html")
                : StatusAsync(c, 504));
        }),
        new("POST composite 503 Retry-After seconds", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, _) => StatusAsync(c, 503, retryAfter: "1"))),
        new("POST composite 429 Retry-After HTTP date", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, _) => StatusAsync(c, 429, retryAfter: HttpDate(r, 2)))),
        new("POST composite 429 without Retry-After", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, _) => StatusAsync(c, 429))),
        new("POST composite dropped after 1 byte, retried whole", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, file) => DropAfterAsync(c, file, 1))),
        new("POST composite dropped after 64 KiB, retried whole", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, file) => DropAfterAsync(c, file, 64 * 1024))),
        new("POST composite dropped near the end three times, retried whole", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 3, (c, file) => DropAfterAsync(c, file, file.Length - 20_000))),
        new("POST composite truncated (Content-Length larger than body) twice", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 2, (c, file) => TruncateAsync(c, file, 100_000))),
        new("POST composite hangs (headers) once", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, _) => HangAsync(c))),
        new("POST composite hangs mid-body once", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, file) => HangMidBodyAsync(c, file))),
        new("POST composite 404 for good", FaultOutcome.DownloadFails, BeforeDownload: r => OnFirstComposite(r, int.MaxValue, (c, _) => StatusAsync(c, 404)), CauseText: "404"),
        new("POST composite 403 for good", FaultOutcome.DownloadFails, BeforeDownload: r => OnFirstComposite(r, int.MaxValue, (c, _) => StatusAsync(c, 403)), CauseText: "403"),
        new("POST composite 500 for good", FaultOutcome.DownloadFails, BeforeDownload: r => OnFirstComposite(r, int.MaxValue, (c, _) => StatusAsync(c, 500)), CauseText: "500"),

        // ClearSKY answers domain errors on the paid POST with 400 and a ServiceResult body: the typed error must carry
        // ClearSKY's code, and "busy" (1003) must be retried like a 429.
        new("POST composite refused with ClearSKY error 1002 (no imagery)", FaultOutcome.DownloadFails, BeforeDownload: r => OnFirstComposite(r, int.MaxValue, (c, _) =>
            StatusAsync(c, 400, body: "{\"Succeeded\":false,\"Error\":{\"Message\":\"No imagery available for the area and date.\",\"Code\":1002},\"Data\":null}")), CauseText: "1002"),
        new("POST composite answers ClearSKY busy (400, code 1003) once", FaultOutcome.Succeeds, BeforeDownload: r => OnFirstComposite(r, 1, (c, _) =>
            StatusAsync(c, 400, retryAfter: "1", body: "{\"Succeeded\":false,\"Error\":{\"Message\":\"Maximum concurrent requests reached.\",\"Code\":1003},\"Data\":null}"))),

        // ClearSKY's own error forms on the listing calls.
        new("listing answers ClearSKY busy (400, code 1003) once", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(
            400, 1, retryAfter: "1", body: "{\"Succeeded\":false,\"Error\":{\"Message\":\"Maximum concurrent requests reached.\",\"Code\":1003},\"Data\":null}")),
        new("API key revoked", FaultOutcome.ListingFails, r =>
        {
            var clearSky = r.Emulator.GetProvider<ClearSkyEmulator>();
            clearSky.Options.RevokedKeys.Add(clearSky.Options.ApiKey);
        }, CauseText: "403"),
    ];

    /// <summary>
    /// Answers the first <paramref name="times"/> POSTs of the first composite (the one whose body has <see cref="FirstDate"/>)
    /// with <paramref name="fault"/>; other requests go to the emulator untouched. The fault gets the file the request
    /// would produce (prerendered when the assets were listed).
    /// </summary>
    private static void OnFirstComposite(ProviderFlowRun run, int times, Func<HttpContext, byte[], Task> fault)
    {
        var file = run.Emulator.Blobs.Get(run.DataBlobNames[0]).ToArray();
        var applied = 0;
        run.Emulator.Faults.On(CompositePath).WithMethod("POST").OnRequest(async context =>
        {
            context.Request.EnableBuffering();
            string body;
            using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }

            context.Request.Body.Position = 0;
            if (!body.Contains("\"Date\":\"" + FirstDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) ||
                Interlocked.Increment(ref applied) > times)
            {
                return false;
            }

            await fault(context, file);
            return true;
        });
    }

    private static async Task StatusAsync(HttpContext context, int status, string? retryAfter = null, string? body = null, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (body is not null)
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Headers and the first <paramref name="bytes"/> of the real file, then a connection reset.</summary>
    private static async Task DropAfterAsync(HttpContext context, byte[] file, int bytes)
    {
        await StartFileAsync(context, file, bytes);
        context.Abort();
    }

    /// <summary>The full Content-Length but only <paramref name="bytes"/> of the body, then the response ends.</summary>
    private static Task TruncateAsync(HttpContext context, byte[] file, int bytes) => StartFileAsync(context, file, bytes);

    private static async Task StartFileAsync(HttpContext context, byte[] file, int bytes)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentLength = file.Length;
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(file.AsMemory(0, bytes), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up: that is the point.
        }
    }

    /// <summary>Sends 200 with the real file's length and its first 1,000 bytes, then goes silent until the client gives up.</summary>
    private static async Task HangMidBodyAsync(HttpContext context, byte[] file)
    {
        await StartFileAsync(context, file, 1000);
        await HangAsync(context);
    }

    private sealed class Run(ProviderEmulator emulator, VirtualClock clock, ClearSkyEmulator clearSky, ClearSkyClient client) : ProviderFlowRun(emulator, clock)
    {
        private IReadOnlyList<string> _blobs = [];

        public override string? TokenPath => null;

        /// <summary><c>/composite/available</c> and <c>/composite/estimate</c> (not the composite POST itself: no trailing slash there).</summary>
        public override string ListingPathPrefix => CompositePath + "/";

        public override string ListingOperation => "POST /api/satelliteimages/process/composite/available";

        public override IReadOnlyList<string> DataBlobNames => _blobs;

        public override async Task<IReadOnlyList<ImageryAsset>> ListAssetsAsync(CancellationToken cancellationToken)
        {
            // Through the ClearSKY client: account check, then availability and estimate for each date (four "listing" calls).
            var request = CompositeRequest();
            var estimates = await client.EstimateAsync(request, cancellationToken);
            var assets = request.EffectiveDates.Select((date, i) => client.CreateCompositeAsset(request.Request with { Date = date }, estimates[i].Cost)).ToArray();
            _blobs = assets.Select(a => PrerenderBlobOf(clearSky, a)).ToArray();
            return assets;
        }

        public override ImageryProvider CreateImageryProvider() => new ClearSkyImageryProvider(client);

        public override ImageryRequest CreateImageryRequest() => CompositeRequest();

        public override string ExpectedSha256Of(ImageryAsset asset) => Emulator.Blobs.Get(PrerenderBlobOf(clearSky, asset)).Sha256Hex;

        public override void RevokeTokens() => clearSky.Options.RevokedKeys.Add(clearSky.Options.ApiKey);

        public override ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
