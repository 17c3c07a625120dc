using SatDownload.ClearSky.Http;

namespace SatDownload.ClearSky.Unified;

/// <summary>
/// ClearSKY Vision for <see cref="SatDownloadClient"/>: composites (<see cref="ClearSkyCompositeImageryRequest"/>), tiles
/// (<see cref="ClearSkyTileImageryRequest"/>) and minitiles (<see cref="ClearSkyMinitileImageryRequest"/>).
/// </summary>
/// <remarks>
/// <para>ClearSKY is synchronous and charges the download request itself, so the order of the unified flow maps as
/// follows: <see cref="EstimateCostAsync"/> checks the account limits and availability and asks
/// <c>/composite/estimate</c> (all free) so the client's budget check refuses before anything is charged;
/// <see cref="StartTaskAsync"/> sends nothing and returns a finished task listing the POST-produced GeoTIFF; the shared
/// downloader then sends the one paid request. The task id comes from the request's fingerprint, so
/// <see cref="GetTaskAsync"/> rebuilds the same task in a later run without any call, and a finished file is never
/// requested (and paid for) again.</para>
/// <para>Tiles and minitiles have no estimate endpoint: <see cref="EstimateCostAsync"/> returns null for them.</para>
/// <para>After the download, <see cref="ProcessDownloadedFileAsync"/> settles the attribution notice as
/// <see cref="ClearSkyClient"/> does (response header, GeoTIFF tag, derived) and writes it next to the file.</para>
/// </remarks>
public class ClearSkyImageryProvider : ImageryProvider
{
    private readonly Func<ClearSkyClient> _client = null!;

    /// <summary>Creates the provider over a client.</summary>
    /// <param name="client">The ClearSKY client (its key, endpoint and retry settings are used for every call).</param>
    /// <param name="options">How files are finished; defaults (attribution file written) when null.</param>
    public ClearSkyImageryProvider(ClearSkyClient client, ClearSkyImageryProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = () => client;
        Options = Copy(options);
    }

    /// <summary>Creates the provider over a client factory (DI: a fresh typed client per call, so handler rotation applies).</summary>
    /// <param name="client">Returns the client to use.</param>
    /// <param name="options">How files are finished; defaults (attribution file written) when null.</param>
    public ClearSkyImageryProvider(Func<ClearSkyClient> client, ClearSkyImageryProviderOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Options = Copy(options);
    }

    /// <summary>For mocking.</summary>
    protected ClearSkyImageryProvider()
    {
    }

    /// <inheritdoc />
    public override string Name => ProviderNames.ClearSky;

    /// <summary>A copy of the options the provider was created with (changing it has no effect).</summary>
    public ClearSkyImageryProviderOptions Options { get; } = new();

    /// <summary>The client the calls go through.</summary>
    protected virtual ClearSkyClient Client => _client();

    /// <inheritdoc />
    public override bool CanHandle(ImageryRequest request) =>
        base.CanHandle(request) && request is ClearSkyCompositeImageryRequest or ClearSkyTileImageryRequest or ClearSkyMinitileImageryRequest;

    /// <summary>
    /// For a composite (or a series): checks the account limits and availability of each date, then returns the sum of
    /// <c>/composite/estimate</c>'s costs in <see cref="ClearSkyEstimate.CostUnit"/>. Null for tiles and minitiles.
    /// </summary>
    /// <param name="request">A validated ClearSKY request.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The estimate, or null.</returns>
    /// <exception cref="ClearSkyNotAvailableException">ClearSKY says the composite is not available as requested (nothing was charged).</exception>
    /// <exception cref="ClearSkyAccountLimitException">The AOI or band list exceeds the account's limits (nothing was charged).</exception>
    /// <exception cref="ProviderRequestException">ClearSKY refused a call, or an estimate carried no cost field.</exception>
    public override async Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is not ClearSkyCompositeImageryRequest composite)
        {
            Ensure(request);
            return null;
        }

        var estimates = await Client.EstimateAsync(composite, cancellationToken).ConfigureAwait(false);
        return new CostEstimate(estimates.Sum(e => e.ProcessingUnitCost ?? 0m), ClearSkyEstimate.CostUnit);
    }

    /// <summary>Returns the finished task listing the request's GeoTIFFs; nothing is sent (the download is the paid request).</summary>
    /// <param name="request">A validated ClearSKY request.</param>
    /// <param name="cancellationToken">Not used: nothing is sent.</param>
    /// <returns>A <see cref="CompletedProviderTask"/> with id <see cref="ClearSkyClient.TaskIdOf"/>.</returns>
    public override Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        Ensure(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<ProviderTask>(Client.CreateTask(request));
    }

    /// <summary>Rebuilds the task of an earlier run from the request; nothing is sent.</summary>
    /// <param name="request">The request the task was created for.</param>
    /// <param name="taskId">The id <see cref="StartTaskAsync"/> returned.</param>
    /// <param name="cancellationToken">Not used: nothing is sent.</param>
    /// <returns>The same finished task.</returns>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is not this request's task id (the journal entry belongs to another request).</exception>
    public override Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default)
    {
        Ensure(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        cancellationToken.ThrowIfCancellationRequested();
        var expected = ClearSkyClient.TaskIdOf(request);
        if (!string.Equals(taskId, expected, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The ClearSKY task id '{taskId}' does not belong to this {request.Kind} request (its id is '{expected}'); ClearSKY tasks are derived from the request, so the journal entry is for another request.",
                nameof(taskId));
        }

        return Task.FromResult<ProviderTask>(Client.CreateTask(request));
    }

    /// <summary>
    /// Settles the file's attribution notice as <see cref="ClearSkyClient"/> does: the notice of the file response's
    /// header (when this run downloaded the file), else the GeoTIFF's <c>ImageDescription</c> tag, else the notice an
    /// earlier run wrote next to the file (for a file the journal found complete), else the one derived from the
    /// constellations; then, with <see cref="ClearSkyImageryProviderOptions.WriteAttributionFile"/>, writes it to
    /// <c>&lt;file&gt;.attribution.txt</c> (replacing an earlier one, so running again is harmless).
    /// </summary>
    /// <param name="result">A succeeded download of a ClearSKY file.</param>
    /// <param name="cancellationToken">Cancels the read and the write.</param>
    /// <returns>The result with <see cref="DownloadResult.Attribution"/> and <see cref="DownloadResult.AttributionFilePath"/> set.</returns>
    public override async Task<DownloadResult> ProcessDownloadedFileAsync(DownloadResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.FilePath is not { } path || !File.Exists(path))
        {
            return result;
        }

        var asset = result.Asset;
        var header = result.Skipped ? null : ClearSkyResponseCapture.Of(asset)?.Attribution;
        var earlier = result.Skipped ? await ClearSkyAttribution.ReadWrittenAsync(path, cancellationToken).ConfigureAwait(false) : null;
        var fallback = result.Attribution ?? asset.Attribution
            ?? ClearSkyAttribution.FromConstellations(null, (asset.AcquiredAt ?? DateTimeOffset.UnixEpoch).Year);
        var settled = await ClearSkyAttribution.SettleAsync(path, header, earlier, fallback, Options.WriteAttributionFile, cancellationToken).ConfigureAwait(false);
        return result with { Attribution = settled.Notice, AttributionFilePath = settled.FilePath };
    }

    private static ClearSkyImageryProviderOptions Copy(ClearSkyImageryProviderOptions? options) =>
        new() { WriteAttributionFile = options?.WriteAttributionFile ?? true };

    private void Ensure(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CanHandle(request))
        {
            throw new ArgumentException(
                $"ClearSkyImageryProvider runs ClearSkyCompositeImageryRequest, ClearSkyTileImageryRequest and ClearSkyMinitileImageryRequest, not {request.GetType().Name}.",
                nameof(request));
        }
    }
}
