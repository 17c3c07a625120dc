using SatDownload.Eos;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// EOS: two load-by-extent tasks (a two-part MultiPolygon split into one task per polygon), finished on the emulator;
/// the "listing" is the status call of each task (<c>GET /api/gdw/api/{task_id}</c>), which names the result file,
/// and each result is a signed blob URL (or, in the extra rows, the file itself on the status call, or a redirect).
/// </summary>
public sealed class EosFlow : ProviderFlow
{
    private const string TwoSquares = "MULTIPOLYGON(((-104.88 27.16,-104.87 27.16,-104.87 27.17,-104.88 27.17,-104.88 27.16)),((-104.86 27.16,-104.85 27.16,-104.85 27.17,-104.86 27.17,-104.86 27.16)))";

    public override string Provider => ProviderNames.Eos;

    public override bool HasTokenEndpoint => false;

    public override string? NotApplicable(FaultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RequiresTokenEndpoint
            ? "EOS authenticates every call with a static API key (x-api-key header or api_key query): there is no token to expire or revoke and no token endpoint to take down; a refused key is a 401/403 typed error (HostileInput/EosHostileResponseTests)"
            : null;
    }

    public override IEnumerable<FaultRow> ExtraRows =>
    [
        // EOS's documented limit is 10 requests a minute per endpoint; its own 429 carries Retry-After in seconds, sometimes none.
        new("eos status 429 Retry-After 6 s (10 per minute), three times", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(429, 3, retryAfter: "6")),
        new("eos status 429 with a JSON body and no Retry-After", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(429, 2, body: "{\"message\":\"Too Many Requests\"}", contentType: "application/json")),
        new("eos inline result (file on the status call) dropped mid-body", FaultOutcome.Succeeds, r => Mode(r, EosCompletionMode.InlineBinary), r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).AbortAfterBytes(100_000, 2)),
        new("eos inline result 503 then 500", FaultOutcome.Succeeds, r => Mode(r, EosCompletionMode.InlineBinary), r =>
        {
            r.Emulator.Faults.On(FirstStatusPath(r)).RespondWithStatus(503, 1, retryAfter: "1");
            r.Emulator.Faults.On(FirstStatusPath(r)).AfterRequests(1).RespondWithStatus(500, 1);
        }),
        new("eos inline result 404 for good", FaultOutcome.DownloadFails, r => Mode(r, EosCompletionMode.InlineBinary), r => r.Emulator.Faults.On(FirstStatusPath(r)).RespondWithStatus(404, int.MaxValue), CauseText: "404"),
        new("eos status 404 for good (EOS forgot the task)", FaultOutcome.ListingFails, r => r.Emulator.Faults.On(FirstStatusPath(r)).RespondWithStatus(404, int.MaxValue, body: "{\"message\":\"Task not found\"}", contentType: "application/json"), CauseText: "404"),
        new("eos redirect result: blob dropped, then URL expired", FaultOutcome.Succeeds, r => Mode(r, EosCompletionMode.Redirect), r =>
        {
            r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).AbortAfterBytes(50_000);
            r.Clock.Advance(TimeSpan.FromHours(2));
        }),
        new("eos result_url form with expired URL", FaultOutcome.Succeeds, r => Mode(r, EosCompletionMode.JsonResultUrl), r => r.Clock.Advance(TimeSpan.FromHours(2))),
    ];

    /// <summary>
    /// Every applicable row runs through SatDownloadClient too, except "eos inline result 404 for good": there the file
    /// is served by the status route itself, and through the client that route is first polled, so the fault turns into
    /// the listing-fails case ("eos status 404 for good", which runs both ways) instead of a failed download.
    /// </summary>
    public override bool RunsRowThroughSatDownloadClient(FaultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Name != "eos inline result 404 for good" && base.RunsRowThroughSatDownloadClient(row);
    }

    internal static void Mode(ProviderFlowRun run, EosCompletionMode mode) => ((Run)run).Eos.Options.CompletionMode = mode;

    /// <summary>The status route of the first task only (the one whose result rows target).</summary>
    private static string FirstStatusPath(ProviderFlowRun run) => run.ListingPathPrefix + ((Run)run).Tasks[0].Id;

    public override async Task<ProviderFlowRun> StartAsync()
    {
        // Jumps up to two minutes: with 10 requests a minute per endpoint, queued status permits (listing, then inline
        // downloads that hit the same endpoint) wait 6 s each, several of them back to back.
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromMinutes(2), AutoAdvance = true };
        var options = new EosEmulatorOptions { RasterSize = 400, ResultUrlLifetime = TimeSpan.FromMinutes(30), CompletionMode = EosCompletionMode.JsonResultArray };
        var eos = new EosEmulator(options);
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { eos }, Clock = clock });
        EosClient Client(TimeSpan requestTimeout) => new(new EosClientOptions
        {
            Endpoint = emulator.GetProviderUri(eos),
            ApiKey = EosEmulatorOptions.DefaultApiKey,
            TimeProvider = clock,
            RateLimiterRegistry = new RateLimiterRegistry(clock),
            MaxAttempts = 4,
            RequestTimeout = requestTimeout,
        });

        // The tasks are created with a patient client (a first request to a fresh server on a loaded machine can take
        // seconds, and creation is not retried on a timeout), then followed by the short-timeout client the rows test.
        var created = await Client(TimeSpan.FromSeconds(60)).CreateLoadByExtentTasksAsync(Request().LoadByExtent!);
        var client = Client(ProviderFlowRun.HangTimeout);
        var tasks = created.Select(t => client.GetLoadByExtentTask(t.Id, t.Info)).ToArray();
        clock.Advance(options.FinishedAfter + TimeSpan.FromSeconds(1));
        emulator.Requests.Clear();
        return new Run(emulator, clock, eos, client, tasks);
    }

    private static EosLoadByExtentImageryRequest Request() =>
        new(new EosLoadByExtentRequest
        {
            ViewId = "S2/13/R/EL/2023/7/19/0",
            Bands = ["B04", "B08"],
            Merge = true,
            Aoi = Aoi.FromWkt(TwoSquares),
            MultiPolygonHandling = EosMultiPolygonHandling.SplitIntoTasks,
        });

    private sealed class Run(ProviderEmulator emulator, VirtualClock clock, EosEmulator eos, EosClient client, IReadOnlyList<EosLoadByExtentTask> tasks) : ProviderFlowRun(emulator, clock)
    {
        private IReadOnlyList<string> _blobs = [];

        public EosEmulator Eos => eos;

        public IReadOnlyList<EosLoadByExtentTask> Tasks => tasks;

        public override string? TokenPath => null;

        public override string ListingPathPrefix => "/eos/api/gdw/api/";

        public override string ListingOperation => "GET /api/gdw/api/{task_id}";

        public override IReadOnlyList<string> DataBlobNames => _blobs;

        public override async Task<IReadOnlyList<ImageryAsset>> ListAssetsAsync(CancellationToken cancellationToken)
        {
            var assets = new List<ImageryAsset>();
            var blobs = new List<string>();
            foreach (var task in tasks)
            {
                await foreach (var asset in task.GetAssetsAsync(cancellationToken))
                {
                    assets.Add(asset);
                    blobs.Add(eos.ResultBlobName(task.Id));
                }
            }

            _blobs = blobs;
            return assets;
        }

        public override ImageryProvider? CreateImageryProvider() => new EosImageryProvider(client);

        /// <summary>The same two tasks, named by id (nothing is created again).</summary>
        public override ImageryRequest? CreateImageryRequest() => EosLoadByExtentImageryRequest.ForExistingTasks(tasks.Select(t => t.Id).ToArray());

        public override string ExpectedSha256Of(ImageryAsset asset)
        {
            ArgumentNullException.ThrowIfNull(asset);

            // Asset identities are eos/{task id}/..., and the emulator keeps each task's result as a blob.
            var taskId = asset.ProductId;
            return Emulator.Blobs.Get(eos.ResultBlobName(taskId)).Sha256Hex;
        }

        public override void RevokeTokens() => throw new NotSupportedException("EOS uses a static API key; token rows are not applicable.");

        public override ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
