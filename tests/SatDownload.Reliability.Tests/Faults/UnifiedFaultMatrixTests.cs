using SatDownload.Reliability.Tests.Support;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// The fault matrix through <see cref="SatDownloadClient"/> (journal and STAC manifest on): for every flow whose run
/// provides an <see cref="ImageryProvider"/> (<see cref="ProviderFlow.RunsThroughSatDownloadClient"/>), a representative
/// subset of the generic rows plus the flow's own extra rows. Each case ends with byte-identical files listed in the
/// catalog, or a typed error naming the provider, the call and the cause; never a hang, never an incomplete file under
/// its final name.
/// </summary>
/// <remarks>
/// Shape of a case: start the flow, list its assets once through the provider client (to learn the blobs the faults
/// target and the expected identities), clear the request log, arrange the row's listing and download faults, then run
/// the whole flow through the client with the flow's <see cref="ProviderFlowRun.CreateImageryRequest"/>.
/// </remarks>
public sealed class UnifiedFaultMatrixTests
{
    /// <summary>Hard bound on one case.</summary>
    private static readonly TimeSpan HardTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The generic rows that also run through the client, one or two per kind of fault: success, listing retries with
    /// and without Retry-After, a failing page, a mid-body drop, listing failing for good, token revoked and token endpoint
    /// down for good, data drops, truncation, re-signing mid-download, a mid-body hang, and the three ways a file fails
    /// for good. Left out (covered through the provider client by <see cref="FaultMatrixTests"/>): the other 429/5xx
    /// variants of the same retry path, and header hangs (real-time timeouts, ~2-8 s each).
    /// </summary>
    public static IReadOnlySet<string> RepresentativeRowNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "no fault",
        "listing 429 Retry-After seconds",
        "listing 429 without Retry-After",
        "listing 503 twice",
        "second page of the listing fails once",
        "listing dropped mid-body",
        "listing 500 for good",
        "token expired or revoked",
        "token endpoint down for good",
        "blob 503 Retry-After seconds",
        "blob dropped after 64 KiB",
        "blob truncated (Content-Length larger than body)",
        "blob hangs mid-body once",
        "signed URLs expired before the download",
        "signed URL expires mid-download (403)",
        "blob 404 for good",
        "blob 403 for good (re-signing does not help)",
        "blob 500 for good",
    };

    /// <summary>The flows that run through the client.</summary>
    public static IReadOnlyList<ProviderFlow> ClientFlows { get; } = FaultMatrixTests.Flows.Where(f => f.RunsThroughSatDownloadClient).ToArray();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var flow in ClientFlows)
        {
            foreach (var row in RowsOf(flow))
            {
                data.Add(flow.Provider, row.Name);
            }
        }

        return data;
    }

    [Fact]
    public void Every_representative_row_exists_and_Iceye_runs_through_the_client()
    {
        // A renamed generic row would silently drop out of the subset.
        var generic = FaultRows.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(RepresentativeRowNames, n => Assert.Contains(n, generic));
        Assert.Contains(ClientFlows, f => f.Provider == ProviderNames.Iceye);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_fault_through_SatDownloadClient_ends_in_identical_catalogued_files_or_a_typed_error(string provider, string rowName)
    {
        var flow = ClientFlows.Single(f => f.Provider == provider);
        var row = RowsOf(flow).Single(r => r.Name == rowName);
        await RunAsync(flow, row).WaitAsync(HardTimeout);
    }

    private static IEnumerable<FaultRow> RowsOf(ProviderFlow flow) =>
        FaultRows.All.Concat(flow.ExtraRows).Where(r => flow.NotApplicable(r) is null && flow.RunsRowThroughSatDownloadClient(r));

    private static async Task RunAsync(ProviderFlow flow, FaultRow row)
    {
        await using var run = await flow.StartAsync();
        using var destination = new TempDirectory();
        using var cts = new CancellationTokenSource(HardTimeout);
        var provider = run.CreateImageryProvider() ?? throw new InvalidOperationException($"{flow.GetType().Name}'s run returns no ImageryProvider.");
        var request = run.CreateImageryRequest() ?? throw new InvalidOperationException($"{flow.GetType().Name}'s run returns no ImageryRequest.");
        Assert.Equal(flow.Provider, provider.Name);
        Assert.True(provider.CanHandle(request), $"{provider} does not handle {request}");

        // Learn the blobs and identities, then start from a clean log with the row's faults in place.
        var expected = await run.ListAssetsAsync(cts.Token);
        Assert.True(expected.Count >= 2, $"{expected.Count} assets listed");
        Assert.Equal(expected.Count, run.DataBlobNames.Count);
        var targeted = expected[0].Identity;
        run.Emulator.Requests.Clear();
        row.BeforeListing?.Invoke(run);

        // Download faults land when the client reaches its download phase (after its own listing and any preflight
        // calls), reported inline just before the downloader starts: the same moment as in the generic matrix.
        var downloadFaultsApplied = 0;
        var progress = new InlineProgress<SatDownloadProgress>(p =>
        {
            if (p.Phase == SatDownloadPhase.Downloading && Interlocked.Exchange(ref downloadFaultsApplied, 1) == 0)
            {
                row.BeforeDownload?.Invoke(run);
            }
        });

        var downloader = new AssetDownloader(new HttpClient(), new AssetDownloaderOptions
        {
            TimeProvider = run.Clock,
            ReadIdleTimeout = ProviderFlowRun.HangTimeout,
            ResponseHeadersTimeout = ProviderFlowRun.HangTimeout,
            MaxResolverRefreshes = 2,
        });
        var clientOptions = new SatDownloadClientOptions
        {
            Providers = { provider },
            TimeProvider = run.Clock,
            Polling = run.ClientPolling,
            EnableJournal = true,
            WriteManifest = true,
        };
        var client = new SatDownloadClient(clientOptions, downloader);
        var options = new DownloadOptions
        {
            MaxConnectionsPerFile = 1,
            MaxAttempts = 5,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        };

        SatDownloadResult result;
        try
        {
            result = await client.DownloadAsync(request, destination.Path, options, progress, cts.Token);
        }
        catch (ProviderRequestException ex) when (row.Outcome is FaultOutcome.ListingFails or FaultOutcome.SucceedsOrListingFails)
        {
            Assert.Equal(flow.Provider, ex.Provider);
            Assert.False(string.IsNullOrEmpty(ex.Operation), "the error does not name the call: " + ex.Message);
            Assert.Contains(flow.Provider, ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(row.CauseText!, ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(DataFiles(destination.Path));
            return;
        }

        Assert.True(row.Outcome != FaultOutcome.ListingFails, "the flow succeeded although the listing should have failed: " + result);
        Assert.Equal(flow.Provider, result.Provider);

        // The client lists the flow's assets or a subset of them (a flow may list extra assets for the generic matrix's
        // two-file minimum), always including the first one, which the download rows target.
        var expectedIdentities = expected.Select(a => a.Identity).ToHashSet(StringComparer.Ordinal);
        Assert.All(result.Downloads, d => Assert.Contains(d.Asset.Identity, expectedIdentities));
        Assert.Equal(result.Downloads.Count, result.Downloads.Select(d => d.Asset.Identity).Distinct(StringComparer.Ordinal).Count());
        Assert.True(result.Downloads.Any(d => d.Asset.Identity == targeted), $"the client did not list {targeted}, the asset the download rows target");
        Assert.Equal(1, downloadFaultsApplied);
        Assert.True(result.JournalPath is { } journal && File.Exists(journal), "no journal was written");

        // The catalog exists as soon as one file landed (a flow whose only file failed has none).
        Assert.Equal(result.Downloads.Any(d => d.Succeeded), result.ManifestPath is not null);
        var catalogued = result.ManifestPath is { } catalog ? StacManifestFiles.Read(catalog) : new Dictionary<string, string?>();

        foreach (var download in result.Downloads)
        {
            if (row.Outcome == FaultOutcome.DownloadFails && download.Asset.Identity == targeted)
            {
                Assert.False(download.Succeeded, "the download succeeded although it should have failed");
                var ex = Assert.IsAssignableFrom<SatDownloadException>(download.Exception);
                Assert.Contains(download.Asset.Identity, ex.Message, StringComparison.Ordinal);
                Assert.StartsWith(flow.Provider + "/", download.Asset.Identity, StringComparison.Ordinal);
                Assert.Contains(row.CauseText!, ex.ToString(), StringComparison.OrdinalIgnoreCase);
                Assert.False(File.Exists(download.FilePath), "a failed download left a file under its final name");
                Assert.DoesNotContain(Path.GetFullPath(download.FilePath ?? destination.Combine("missing")), catalogued.Keys);
                continue;
            }

            Assert.True(download.Succeeded, $"{download.Asset.Identity}: {download.Exception}");
            var sha = run.ExpectedSha256Of(download.Asset);
            Assert.Equal(sha, download.Sha256);
            Assert.Equal(sha, Hashing.Sha256OfFile(download.FilePath!));
            Assert.True(catalogued.TryGetValue(Path.GetFullPath(download.FilePath!), out var listed), $"the catalog does not list {download.FilePath}");
            Assert.Equal(sha, listed);
        }

        Assert.Equal(row.Outcome != FaultOutcome.DownloadFails, result.Succeeded);
        if (row.Outcome is FaultOutcome.Succeeds or FaultOutcome.SucceedsOrListingFails)
        {
            Assert.Empty(Directory.GetFiles(destination.Path, "*.part*", SearchOption.AllDirectories));
        }
    }

    /// <summary>Reports inline (Progress&lt;T&gt; posts to the thread pool: the faults would land too late).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Files other than the journal's folder (<c>.satdownload/</c>).</summary>
    private static IEnumerable<string> DataFiles(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Replace('\\', '/').StartsWith(DownloadJournal.DirectoryName + "/", StringComparison.Ordinal));
}
