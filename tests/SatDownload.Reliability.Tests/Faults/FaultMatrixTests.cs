using SatDownload.Reliability.Tests.Support;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// The fault matrix: every provider flow × every row. Each case ends with byte-identical files or a typed error that
/// names the provider, the call and the cause; never a hang (hard timeout) and never an incomplete file under its final name.
/// </summary>
public sealed class FaultMatrixTests
{
    /// <summary>Hard bound on one case (listing + download), far above the slowest row (~3 s with real-time hang timeouts).</summary>
    private static readonly TimeSpan HardTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The provider flows in the matrix: every concrete <see cref="ProviderFlow"/> in this assembly, so adding a flow
    /// file is all it takes to put a provider under every row.
    /// </summary>
    public static IReadOnlyList<ProviderFlow> Flows { get; } = typeof(ProviderFlow).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ProviderFlow)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (ProviderFlow)Activator.CreateInstance(t)!)
        .ToArray();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var flow in Flows)
        {
            foreach (var row in FaultRows.All.Concat(flow.ExtraRows).Where(r => flow.NotApplicable(r) is null))
            {
                data.Add(flow.Provider, row.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_fault_ends_in_identical_files_or_a_typed_error(string provider, string rowName)
    {
        var flow = Flows.Single(f => f.Provider == provider);
        var row = FaultRows.All.Concat(flow.ExtraRows).Single(r => r.Name == rowName);
        await RunAsync(flow, row).WaitAsync(HardTimeout);
    }

    private static async Task RunAsync(ProviderFlow flow, FaultRow row)
    {
        await using var run = await flow.StartAsync();
        using var destination = new TempDirectory();
        using var cts = new CancellationTokenSource(HardTimeout);
        row.BeforeListing?.Invoke(run);

        IReadOnlyList<ImageryAsset> assets;
        try
        {
            assets = await run.ListAssetsAsync(cts.Token);
        }
        catch (ProviderRequestException ex) when (row.Outcome is FaultOutcome.ListingFails or FaultOutcome.SucceedsOrListingFails)
        {
            Assert.Equal(flow.Provider, ex.Provider);
            Assert.False(string.IsNullOrEmpty(ex.Operation), "the error does not name the call: " + ex.Message);
            Assert.Contains(flow.Provider, ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(row.CauseText!, ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(Directory.GetFileSystemEntries(destination.Path));
            return;
        }

        Assert.True(row.Outcome != FaultOutcome.ListingFails, "the listing succeeded although it should have failed");
        Assert.True(assets.Count >= 2, $"{assets.Count} assets listed");
        Assert.Equal(assets.Count, run.DataBlobNames.Count);
        row.BeforeDownload?.Invoke(run);

        var downloader = new AssetDownloader(new HttpClient(), new AssetDownloaderOptions
        {
            TimeProvider = run.Clock,
            ReadIdleTimeout = ProviderFlowRun.HangTimeout,
            ResponseHeadersTimeout = ProviderFlowRun.HangTimeout,
            MaxResolverRefreshes = 2,
        });
        var options = new DownloadOptions
        {
            MaxConnectionsPerFile = 1,
            MaxAttempts = 5,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        var results = await downloader.DownloadAsync(assets, destination.Path, options, cancellationToken: cts.Token);

        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var expected = run.Emulator.Blobs.Get(run.DataBlobNames[i]).Sha256Hex;
            var targeted = i == 0;
            if (row.Outcome == FaultOutcome.DownloadFails && targeted)
            {
                Assert.False(result.Succeeded, "the download succeeded although it should have failed");
                var ex = Assert.IsAssignableFrom<SatDownloadException>(result.Exception);
                Assert.Contains(result.Asset.Identity, ex.Message, StringComparison.Ordinal);
                Assert.StartsWith(flow.Provider + "/", result.Asset.Identity, StringComparison.Ordinal);
                Assert.Contains(row.CauseText!, ex.ToString(), StringComparison.OrdinalIgnoreCase);

                // Never an incomplete file under the final name.
                Assert.False(File.Exists(result.FilePath), "a failed download left a file under its final name");
                continue;
            }

            Assert.True(result.Succeeded, $"{result.Asset.Identity}: {result.Exception}");
            Assert.Equal(expected, result.Sha256);
            Assert.Equal(expected, Hashing.Sha256OfFile(result.FilePath!));
        }

        // Only final files (and, for a failed asset, its resumable .part pair) remain.
        var leftovers = Directory.GetFiles(destination.Path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".part", StringComparison.Ordinal) || f.EndsWith(".part.json", StringComparison.Ordinal))
            .ToList();
        if (row.Outcome is FaultOutcome.Succeeds or FaultOutcome.SucceedsOrListingFails)
        {
            Assert.Empty(leftovers);
        }
    }
}
