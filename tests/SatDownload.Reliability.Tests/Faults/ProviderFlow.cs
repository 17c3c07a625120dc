using SatDownload.Testing;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// One provider's flow for the fault matrix: starts its emulator, gets to the point where assets can be listed, and
/// names the routes faults target. Next session each remaining adapter adds a subclass and is listed in
/// <see cref="FaultMatrixTests.Flows"/>; every generic row then runs against it.
/// </summary>
public abstract class ProviderFlow
{
    /// <summary>The provider name the typed errors must carry (see <see cref="ProviderNames"/>).</summary>
    public abstract string Provider { get; }

    /// <summary>
    /// Why a generic row does not apply to this provider (for example no token endpoint with API-key auth, or no
    /// paging on a listing that is one response), or null when it applies. Excluded rows are listed in docs/reliability.md.
    /// </summary>
    public virtual string? NotApplicable(FaultRow row) =>
        row.RequiresTokenEndpoint && !HasTokenEndpoint ? "the provider authenticates without a token endpoint" : null;

    /// <summary>Rows that only make sense for this provider (for example Sentinel Hub's millisecond Retry-After); they run after the generic rows.</summary>
    public virtual IEnumerable<FaultRow> ExtraRows => [];

    /// <summary>False when the provider authenticates with a static key (no token endpoint to revoke or take down).</summary>
    public virtual bool HasTokenEndpoint => true;

    /// <summary>
    /// Whether <see cref="UnifiedFaultMatrixTests"/> also runs this flow through <see cref="SatDownloadClient"/>. By
    /// default: when the flow's run type (a <see cref="ProviderFlowRun"/> nested in the flow class) overrides
    /// <see cref="ProviderFlowRun.CreateImageryProvider"/>. Override when the run type lives elsewhere.
    /// </summary>
    public virtual bool RunsThroughSatDownloadClient => GetType()
        .GetNestedTypes(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
        .Where(t => t.IsSubclassOf(typeof(ProviderFlowRun)))
        .Any(t => t.GetMethod(nameof(ProviderFlowRun.CreateImageryProvider))!.DeclaringType != typeof(ProviderFlowRun));

    /// <summary>
    /// Whether a row (generic or extra, already applicable) also runs through <see cref="SatDownloadClient"/>. By default
    /// the representative subset <see cref="UnifiedFaultMatrixTests.RepresentativeRowNames"/> plus every row of
    /// <see cref="ExtraRows"/> (the provider's own forms): the rest exercise the same provider client and downloader code
    /// the generic matrix already covers, and running all of them twice would double the suite's time.
    /// </summary>
    public virtual bool RunsRowThroughSatDownloadClient(FaultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return UnifiedFaultMatrixTests.RepresentativeRowNames.Contains(row.Name) || ExtraRows.Any(r => r.Name == row.Name);
    }

    /// <summary>Starts an emulator and a client for one matrix row.</summary>
    public abstract Task<ProviderFlowRun> StartAsync();

    public override string ToString() => Provider;
}

/// <summary>A started flow: the emulator, the routes faults target, and the calls a row drives.</summary>
public abstract class ProviderFlowRun : IAsyncDisposable
{
    protected ProviderFlowRun(ProviderEmulator emulator, VirtualClock clock)
    {
        Emulator = emulator;
        Clock = clock;
    }

    public ProviderEmulator Emulator { get; }

    public VirtualClock Clock { get; }

    /// <summary>Path of the token endpoint, or null when the provider authenticates without one.</summary>
    public abstract string? TokenPath { get; }

    /// <summary>Path prefix of the paged listing call that yields the assets.</summary>
    public abstract string ListingPathPrefix { get; }

    /// <summary>What the listing call is called in typed errors (for example <c>GET /api/tasking/v2/tasks/{id}/products</c>).</summary>
    public abstract string ListingOperation { get; }

    /// <summary>Names of the blobs that hold the data files, once <see cref="ListAssetsAsync"/> has run.</summary>
    public abstract IReadOnlyList<string> DataBlobNames { get; }

    /// <summary>Lists the assets to download (through the provider client: auth, retries, paging).</summary>
    public abstract Task<IReadOnlyList<ImageryAsset>> ListAssetsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The provider's <see cref="ImageryProvider"/> over the same emulator and settings (clock, short timeouts, retry
    /// options), for the matrix run through <see cref="SatDownloadClient"/>; null when the flow is not run that way.
    /// </summary>
    public virtual ImageryProvider? CreateImageryProvider() => null;

    /// <summary>
    /// The request that, through <see cref="SatDownloadClient"/>, yields the assets of <see cref="ListAssetsAsync"/> (same
    /// identities and blobs: for a flow whose task already exists, a request naming that task rather than ordering a new
    /// one), or a subset of them that includes the first (the asset the download rows target).
    /// </summary>
    public virtual ImageryRequest? CreateImageryRequest() => null;

    /// <summary>
    /// Polling for the run through <see cref="SatDownloadClient"/>: short enough to move along the flow's auto-advancing
    /// virtual clock (each delay at most its <see cref="VirtualClock.AutoAdvanceMaxDelay"/>).
    /// </summary>
    public virtual TaskPollingOptions ClientPolling { get; } = new() { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(2) };

    /// <summary>The lower-case SHA-256 the downloaded file of <paramref name="asset"/> must have (from the emulator's blob or generator).</summary>
    public virtual string ExpectedSha256Of(ImageryAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        throw new NotSupportedException($"{GetType().Name} does not map assets to expected content; override ExpectedSha256Of.");
    }

    /// <summary>Makes every issued token invalid on the emulator (expired or revoked).</summary>
    public abstract void RevokeTokens();

    /// <summary>Per-attempt and idle timeouts short enough for hang rows (real time).</summary>
    public static TimeSpan HangTimeout => TimeSpan.FromSeconds(2);

    public abstract ValueTask DisposeAsync();
}
