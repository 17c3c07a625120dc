using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SatDownload.Capella;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Eos;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;
using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;
using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.Capella;
using SatDownload.Testing.ClearSky;
using SatDownload.Testing.Eos;
using SatDownload.Testing.Iceye;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Benchmarks.Soak;

/// <summary>
/// Issue 10's soak run, through the five providers' real flows: one <see cref="SatDownloadClient"/> holding the five
/// adapters' <see cref="ImageryProvider"/>s runs requests against the provider emulators (one in-process host, one
/// auto-advancing virtual clock) until every provider has produced at least 200 assets: ICEYE tasks (OAuth2, task
/// creation, polling, product listing, signed URLs), Capella change maps of many monitored AOIs (API key, product
/// listing, href → signed URL), EOS load-by-extent tasks (API key, 10 requests a minute, task polling, result URLs),
/// ClearSKY composites over many dates (API key, POST composite, prerendered GeoTIFF) and Sentinel Hub catalog searches
/// (OAuth2, paged STAC search, thumbnail assets). Every request goes to its own destination (journal on), and a request
/// that fails is run again in the same destination: the journal resumes its task instead of ordering again, as a user's
/// re-run would. Seeded random faults hit ~10% of all requests, API and data: 429 with the provider's Retry-After form,
/// 500/502/503/504, and on data routes also a connection dropped mid-body, a truncated body and an expired URL (403).
/// Every file's SHA-256 is checked against the emulator's stored blobs; lost assets, corrupt files, peak working set in
/// the first and last 10% of the run and throughput are reported. <c>soak --blobs</c> runs the older blob-only soak.
/// </summary>
internal static partial class SoakBenchmark
{
    private const int AssetsPerProvider = 200;
    private const double FaultRate = 0.10;
    private const int MaxRunsPerRequest = 4;

    private static readonly Aoi SmallAoi = Aoi.FromGeoJson("""
        {"type":"Polygon","coordinates":[[[1.2900,43.5300],[1.3150,43.5300],[1.3150,43.5480],[1.2900,43.5480],[1.2900,43.5300]]]}
        """);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--blobs"))
        {
            return await BlobSoakBenchmark.RunAsync(args.Where(a => a != "--blobs").ToArray());
        }

        var seed = args.Length > 1 && args[0] == "--seed" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10), AutoAdvance = true };
        var iceyeEmulator = new IceyeEmulator(new IceyeEmulatorOptions
        {
            ReceivedDuration = TimeSpan.FromMinutes(1),
            ActiveDuration = TimeSpan.FromMinutes(3),
            FulfilledDuration = TimeSpan.FromMinutes(2),
            DataFileSize = 128 * 1024,
        });
        var capellaEmulator = new CapellaEmulator { HrefAnswerMode = CapellaHrefAnswerMode.Redirect };
        var eosEmulator = new EosEmulator(new EosEmulatorOptions { RasterSize = 128 });
        var clearSkyEmulator = new ClearSkyEmulator(new ClearSkyEmulatorOptions { Balance = 1_000_000m, RasterSize = 128 });
        var shEmulator = new SentinelHubEmulator(new SentinelHubEmulatorOptions { CatalogThumbnailBytes = 96 * 1024 });
        var faults = new SoakFaultPlan(seed + 1, FaultRate, clock);
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions
        {
            Clock = clock,
            Providers = { shEmulator, iceyeEmulator, capellaEmulator, eosEmulator, clearSkyEmulator },
        });
        faults.Blobs = emulator.Blobs;
        emulator.Faults.OnRequest(faults.MaybeInjectAsync);

        // Capella: monitored AOIs, each with one change-map product of four files.
        var capellaAois = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            var aoiId = Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{i + 1:D12}")).ToString();
            capellaEmulator.AddAoi(aoiId, $"soak AOI {i}", null, CapellaEmulator.Square(-122.52 + (i * 0.2), 37.70, 0.1));
            capellaEmulator.AddProduct(aoiId, null, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i), fileSize: 96 * 1024);
            capellaAois.Add(aoiId);
        }

        const string shClientId = "soak-client";
        const string shClientSecret = "soak-secret-value";
        shEmulator.RegisterClient(SentinelHubEmulator.MainRealm, shClientId, shClientSecret);
        var eosClient = new EosClient(new EosClientOptions
        {
            Endpoint = emulator.GetProviderUri(eosEmulator),
            ApiKey = EosEmulatorOptions.DefaultApiKey,
            TimeProvider = clock,
            RateLimiterRegistry = new RateLimiterRegistry(clock),
        });
        var providers = new ImageryProvider[]
        {
            new IceyeImageryProvider(new IceyeClient(new IceyeClientOptions
            {
                BaseAddress = iceyeEmulator.GetApiBaseAddress(),
                TokenEndpoint = iceyeEmulator.GetTokenEndpoint(),
                ClientId = iceyeEmulator.Options.ClientId,
                ClientSecret = iceyeEmulator.Options.ClientSecret,
                TimeProvider = clock,
            })),
            new CapellaImageryProvider(new CapellaClient(new CapellaClientOptions
            {
                Endpoint = emulator.GetProviderUri(capellaEmulator),
                ApiKey = CapellaEmulator.DefaultApiKey,
                TimeProvider = clock,
            })),
            new EosImageryProvider(eosClient),
            new ClearSkyImageryProvider(new ClearSkyClient(new ClearSkyClientOptions { Endpoint = emulator.GetProviderUri(clearSkyEmulator), ApiKey = clearSkyEmulator.Options.ApiKey })),
            new SentinelHubImageryProvider(new SentinelHubClient(new SentinelHubClientOptions
            {
                Deployment = SentinelHubDeployment.Custom("emulator", shEmulator.DeploymentUri("eu"), shEmulator.TokenUri(SentinelHubEmulator.MainRealm)),
                ClientId = shClientId,
                ClientSecret = shClientSecret,
                AllowInsecureHttp = true,
                TimeProvider = clock,
            })),
        };

        var clientOptions = new SatDownloadClientOptions
        {
            TimeProvider = clock,
            WriteManifest = false,
            Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) },
            DownloaderOptions = new AssetDownloaderOptions { TimeProvider = clock, MaxResolverRefreshes = 4 },
            DownloadOptions = new DownloadOptions
            {
                MaxConcurrentDownloads = 4,
                MaxConnectionsPerFile = 1,
                MaxAttempts = 8,
                RetryBaseDelay = TimeSpan.FromMilliseconds(20),
                RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            },
        };
        foreach (var provider in providers)
        {
            clientOptions.Providers.Add(provider);
        }

        var client = new SatDownloadClient(clientOptions);

        // EOS load-by-extent needs a scene: one search, as the Quickstart does (faults may hit it: retried by the client).
        string? viewId = null;
        await foreach (var scene in eosClient.SearchScenesAsync(new EosSceneSearchRequest { Datasets = ["sentinel2"], Aoi = SmallAoi, From = new DateOnly(2023, 7, 1), To = new DateOnly(2023, 7, 31), MaxCloudCoverage = 30 }))
        {
            viewId ??= scene.ViewId;
        }

        var requests = new Dictionary<string, Func<int, ImageryRequest?>>
        {
            [ProviderNames.Iceye] = i => new IceyeTaskImageryRequest(new IceyeCreateTaskRequest
            {
                ContractId = IceyeEmulator.DefaultContractId,
                PointOfInterest = IceyePointOfInterest.FromAoi(SmallAoi),
                AcquisitionWindow = new IceyeAcquisitionWindow(clock.GetUtcNow().AddHours(3), clock.GetUtcNow().AddHours(51)),
                ImagingMode = IceyeImagingMode.Spotlight,
                Reference = "satdownload-soak-" + i.ToString(CultureInfo.InvariantCulture),
            }),
            [ProviderNames.Capella] = i => i < capellaAois.Count ? new CapellaChangeMapImageryRequest { AoiId = capellaAois[i] } : null,
            [ProviderNames.Eos] = i => new EosLoadByExtentImageryRequest(new EosLoadByExtentRequest
            {
                ViewId = viewId ?? throw new InvalidOperationException("The EOS emulator found no scene."),
                Bands = ["B02", "B03", "B04"],
                Merge = true,
                Aoi = Aoi.FromBoundingBox(1.29 + (i * 0.001), 43.53, 1.315 + (i * 0.001), 43.548),
            }),
            [ProviderNames.ClearSky] = i => new ClearSkyCompositeImageryRequest(new ClearSkyCompositeRequest
            {
                Aoi = SmallAoi,
                Date = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i),
                Resolution = 10,
                EpsgProjection = SmallAoi.UtmEpsgCode,
                Model = ClearSkyModels.Stratus2,
                SatelliteConstellations = [ClearSkyModels.Sentinel1, ClearSkyModels.Sentinel2, ClearSkyModels.Landsat89],
                Bandnames = "all",
            }),

            // Two catalog items a day: each 25-day window is 50 items (thumbnail assets), paged 10 at a time.
            [ProviderNames.SentinelHub] = i => new SentinelHubCatalogImageryRequest(new CatalogSearchRequest
            {
                Collections = ["sentinel-2-l2a"],
                Datetime = string.Create(CultureInfo.InvariantCulture, $"{new DateTime(2024, 1, 1).AddDays(25 * i):yyyy-MM-dd}T00:00:00Z/{new DateTime(2024, 1, 1).AddDays((25 * i) + 24):yyyy-MM-dd}T23:59:59Z"),
                Bbox = [13.8, 45.8, 14.6, 46.3],
                Limit = 10,
            }) { MaxItems = 100 },
        };

        var root = Path.Combine(Path.GetTempPath(), "satdownload-soak-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine($"soak: ≥{AssetsPerProvider} assets from each of {providers.Length} providers through SatDownloadClient against their emulators; faults on {FaultRate:P0} of all requests (API and data), seed {seed}");
        Console.WriteLine($"live managed heap after a full GC at the start: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:0.0} MB, working set {Environment.WorkingSet / 1e6:0.0} MB");
        Console.WriteLine($"load average at start: {LoadAverage()}");

        var stats = new ConcurrentDictionary<string, ProviderStats>();
        var samples = new ConcurrentQueue<(double Seconds, long WorkingSet)>();
        var watch = Stopwatch.StartNew();
        var blobSamples = new ConcurrentQueue<(double Seconds, long Bytes)>();
        using var sampler = new Timer(_ => samples.Enqueue((watch.Elapsed.TotalSeconds, Environment.WorkingSet)), null, 0, 50);
        using var blobSampler = new Timer(_ => blobSamples.Enqueue((watch.Elapsed.TotalSeconds, emulator.Blobs.Names.Sum(n => emulator.Blobs.TryGet(n, out var b) ? b.Length : 0))), null, 0, 250);
        var served = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await Task.WhenAll(providers.Select(p => Task.Run(() => RunProviderAsync(client, p.Name, requests[p.Name], root, stats.GetOrAdd(p.Name, _ => new ProviderStats()), watch, emulator.Blobs, served))));
        watch.Stop();
        sampler.Dispose();
        blobSampler.Dispose();

        // Verify: every file's SHA-256 (and length) against the blob the emulator served; the downloader's own hash too.
        var blobsByHash = new Dictionary<string, long>(served, StringComparer.Ordinal);
        foreach (var name in emulator.Blobs.Names)
        {
            var blob = emulator.Blobs.Get(name);
            blobsByHash[blob.Sha256Hex] = blob.Length;
        }

        var total = 0;
        var corrupt = 0;
        var lost = 0;
        long bytes = 0;
        Console.WriteLine("per provider:");
        foreach (var (name, s) in stats.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var providerCorrupt = 0;
            foreach (var result in s.Downloads.Where(d => d.Succeeded))
            {
                var actual = result.FilePath is not null && File.Exists(result.FilePath) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(result.FilePath))).ToLowerInvariant() : "missing";
                if (!blobsByHash.TryGetValue(actual, out var length) || length != new FileInfo(result.FilePath!).Length || result.Sha256 != actual)
                {
                    providerCorrupt++;
                    Console.WriteLine($"  CORRUPT {result.Asset.Identity} ({actual})");
                }
            }

            var providerLost = s.Downloads.Count(d => !d.Succeeded);
            foreach (var failed in s.Downloads.Where(d => !d.Succeeded).Take(5))
            {
                Console.WriteLine($"  LOST {failed.Asset.Identity}: {failed.Exception?.Message}");
            }

            foreach (var group in s.LastErrors.GroupBy(e => RerunReason().Replace(e, string.Empty)).OrderByDescending(g => g.Count()))
            {
                Console.WriteLine($"  re-run after ({group.Count()}×): {group.Key}");
            }

            foreach (var error in s.FailedRequests.Take(5))
            {
                Console.WriteLine($"  REQUEST FAILED FOR GOOD: {error}");
            }

            total += s.Downloads.Count;
            corrupt += providerCorrupt;
            lost += providerLost;
            bytes += s.Downloads.Where(d => d.Succeeded).Sum(d => d.BytesWritten);
            Console.WriteLine($"  {name,-12} {s.Requests,3} requests ({s.Reruns} re-run after a failure, {s.FailedRequests.Count} failed for good), {s.Downloads.Count,4} assets, {s.Downloads.Where(d => d.Succeeded).Sum(d => d.BytesWritten) / 1e6,6:0.0} MB, corrupt {providerCorrupt}, lost {providerLost}, {s.Downloads.Sum(d => Math.Max(0, d.Attempts - 1))} download retries, {s.Downloads.Count(d => d.Skipped)} found complete on a re-run");
        }

        // No task ordered twice: task-creating POSTs the emulators answered with success, against the requests made.
        foreach (var (name, path) in new[] { (ProviderNames.Iceye, "/iceye/api/tasking/v2/tasks"), (ProviderNames.Eos, "/eos/api/gdw/api") })
        {
            var created = emulator.Requests.Where(r => r.Method == "POST" && r.Path == path && r.StatusCode is >= 200 and < 300).Count;
            var refused = emulator.Requests.Where(r => r.Method == "POST" && r.Path == path && r.StatusCode >= 400).Count;
            Console.WriteLine($"  {name}: {created} tasks created for {stats[name].Requests} requests (POST {path} answered {refused} times with a fault)");
        }

        var failedRequests = stats.Values.Sum(s => s.FailedRequests.Count);
        var all = samples.ToArray();
        var seconds = watch.Elapsed.TotalSeconds;
        var firstPeak = all.Where(x => x.Seconds <= seconds * 0.1).Select(x => x.WorkingSet).DefaultIfEmpty().Max();
        var lastPeak = all.Where(x => x.Seconds >= seconds * 0.9).Select(x => x.WorkingSet).DefaultIfEmpty().Max();
        Console.WriteLine($"result: {total - lost}/{total} assets downloaded, corrupt {corrupt}, lost {lost}, requests failed for good {failedRequests}");
        Console.WriteLine($"faults injected: {faults.Summary()} over {emulator.Requests.Count} requests ({faults.ApiRequests} API, {faults.DataRequests} data)");
        Console.WriteLine($"throughput: {bytes / 1e6 / seconds:0.00} MB/s, {total / seconds:0.0} assets/s ({bytes / 1e6:0.0} MB in {seconds:0.0} s; virtual clock advanced {clock.GetUtcNow() - new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero):g})");
        Console.WriteLine($"peak working set: first 10% of the run {firstPeak / 1e6:0.0} MB, last 10% {lastPeak / 1e6:0.0} MB, whole run {all.Max(x => x.WorkingSet) / 1e6:0.0} MB (the emulators and their blobs live in the same process)");
        var blobs = blobSamples.ToArray();
        Console.WriteLine($"bytes the emulators hold in blobs (same process): first 10% up to {blobs.Where(x => x.Seconds <= seconds * 0.1).Select(x => x.Bytes).DefaultIfEmpty().Max() / 1e6:0.0} MB, last 10% up to {blobs.Where(x => x.Seconds >= seconds * 0.9).Select(x => x.Bytes).DefaultIfEmpty().Max() / 1e6:0.0} MB");
        Console.WriteLine("peak working set per tenth of the run (MB): " + string.Join(" ", Enumerable.Range(0, 10).Select(t => (all.Where(x => x.Seconds >= seconds * t / 10 && x.Seconds <= seconds * (t + 1) / 10).Select(x => x.WorkingSet).DefaultIfEmpty().Max() / 1e6).ToString("0", CultureInfo.InvariantCulture))));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine($"live managed heap after a full GC at the end: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:0.0} MB");

        // Most of the growth is the emulators keeping every file they produced: drop their blobs and measure again.
        foreach (var name in emulator.Blobs.Names)
        {
            emulator.Blobs.Remove(name);
        }

        emulator.Requests.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine($"live managed heap after removing the emulators' blobs and request log and a full GC: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:0.0} MB");
        Console.WriteLine($"load average at end: {LoadAverage()}");
        Directory.Delete(root, recursive: true);
        return corrupt == 0 && lost == 0 && failedRequests == 0 && total >= AssetsPerProvider * providers.Length ? 0 : 1;
    }

    private static async Task RunProviderAsync(SatDownloadClient client, string provider, Func<int, ImageryRequest?> requestFor, string root, ProviderStats stats, Stopwatch watch, EmulatorBlobStore blobs, ConcurrentDictionary<string, long> served)
    {
        for (var i = 0; stats.Downloads.Count < AssetsPerProvider; i++)
        {
            if (requestFor(i) is not { } request)
            {
                Console.WriteLine($"  {provider}: out of requests after {i}");
                return;
            }

            stats.Requests++;
            var destination = Path.Combine(root, provider, i.ToString("D4", CultureInfo.InvariantCulture));
            for (var run = 1; ; run++)
            {
                try
                {
                    var result = await client.DownloadAsync(request, destination);
                    if (!result.Succeeded && run < MaxRunsPerRequest)
                    {
                        var first = result.Downloads.First(d => !d.Succeeded);
                        stats.LastErrors.Add($"{provider} request {i} run {run}: {result.Downloads.Count(d => !d.Succeeded)} asset(s) failed, first {first.Asset.Identity}: {first.Exception?.GetType().Name}: {first.Exception?.Message}");
                    }

                    if (result.Succeeded || run == MaxRunsPerRequest)
                    {
                        stats.Downloads.AddRange(result.Downloads);
                        ReleaseServedBlobs(result, blobs, served);
                        break;
                    }
                }
                catch (SatDownloadException ex) when (run < MaxRunsPerRequest)
                {
                    stats.LastErrors.Add($"{provider} request {i} run {run}: {ex.GetType().Name}: {ex.Message}");
                }
                catch (SatDownloadException ex)
                {
                    stats.FailedRequests.Add($"{provider} request {i}: {ex.GetType().Name}: {ex.Message}");
                    break;
                }

                // Run it again in the same destination: the journal resumes the task, finished files are skipped.
                stats.Reruns++;
            }

            if (stats.Requests % 10 == 0)
            {
                Console.WriteLine($"  {provider}: {stats.Requests} requests, {stats.Downloads.Count} assets, {watch.Elapsed.TotalSeconds:0.0} s");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"request \d+ run \d+: |, first \S+: ")]
    private static partial System.Text.RegularExpressions.Regex RerunReason();

    /// <summary>
    /// Records the hash and length of every blob this request's files came from, then removes those blobs: the emulators
    /// run in this process, and keeping every file they ever served would make the working-set figure measure the
    /// emulators' storage instead of the client. The final check still compares every file with what was served.
    /// </summary>
    private static void ReleaseServedBlobs(SatDownloadResult result, EmulatorBlobStore blobs, ConcurrentDictionary<string, long> served)
    {
        var hashes = result.Downloads.Where(d => d.Succeeded && d.Sha256 is not null).Select(d => d.Sha256!).ToHashSet(StringComparer.Ordinal);
        if (hashes.Count == 0)
        {
            return;
        }

        foreach (var name in blobs.Names)
        {
            if (blobs.TryGet(name, out var blob) && hashes.Contains(blob.Sha256Hex))
            {
                served[blob.Sha256Hex] = blob.Length;
                blobs.Remove(name);
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class ProviderStats
    {
        public int Requests { get; set; }

        public int Reruns { get; set; }

        public List<DownloadResult> Downloads { get; } = [];

        public List<string> FailedRequests { get; } = [];

        public List<string> LastErrors { get; } = [];
    }
}
