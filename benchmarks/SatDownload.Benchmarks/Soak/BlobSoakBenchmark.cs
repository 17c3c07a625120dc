using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using SatDownload.Testing;
using SatDownload.Testing.Capella;
using SatDownload.Testing.ClearSky;
using SatDownload.Testing.Eos;
using SatDownload.Testing.Iceye;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Benchmarks.Soak;

/// <summary>
/// The first soak (`soak --blobs`): 1,000 generated blobs tagged with the five providers (200 each), served by one emulator that hosts the
/// provider emulators, downloaded through the shared <see cref="AssetDownloader"/> behind signed URLs that a resolver
/// re-signs, with seeded random faults on 10% of data requests (429, 500/502/503, connection dropped mid-body, truncated
/// body, expired URL → 403). Verifies zero corrupt files (SHA-256 of every file against its blob) and zero lost assets,
/// and reports peak working set in the first and last 10% of the run and throughput.
/// </summary>
internal static class BlobSoakBenchmark
{
    private const int AssetsPerProvider = 200;
    private const int Batches = 10;
    private const double FaultRate = 0.10;

    private static readonly string[] Providers = [ProviderNames.SentinelHub, ProviderNames.Iceye, ProviderNames.Capella, ProviderNames.Eos, ProviderNames.ClearSky];

    public static async Task<int> RunAsync(string[] args)
    {
        var seed = args.Length > 1 && args[0] == "--seed" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var random = new Random(seed);
        var faults = new FaultPlan(seed + 1, FaultRate);
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions
        {
            Providers = { new SentinelHubEmulator(), new IceyeEmulator(), new CapellaEmulator(), new EosEmulator(), new ClearSkyEmulator() },
        });
        emulator.Faults.OnPrefix(EmulatorBlobStore.SignedPathPrefix).OnRequest(ctx => faults.MaybeInjectAsync(ctx, emulator), int.MaxValue);

        // 1,000 files of 8-200 KB, interleaved across providers so every batch mixes all five.
        var assets = new List<ImageryAsset>();
        for (var i = 0; i < AssetsPerProvider * Providers.Length; i++)
        {
            var provider = Providers[i % Providers.Length];
            var blob = $"{provider}/soak/scene-{i:D4}.tif";
            emulator.Blobs.PutGenerated(blob, random.Next(8 * 1024, 200 * 1024), seed: i + 1, contentType: "image/tiff");
            assets.Add(Asset(emulator, provider, blob, i));
        }

        // Materialise every blob (and its hash) before measuring, so working-set growth is the client's, not the emulator's.
        var expectedBytes = assets.Sum(a => emulator.Blobs.Get(BlobOf(a)).Sha256Hex.Length > 0 ? a.Size ?? 0 : 0);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var root = Path.Combine(Path.GetTempPath(), "satdownload-soak-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        using var http = new HttpClient();
        var downloader = new AssetDownloader(http, new AssetDownloaderOptions { MaxResolverRefreshes = 4 });
        var options = new DownloadOptions
        {
            MaxConcurrentDownloads = 8,
            MaxConnectionsPerFile = 1,
            MaxAttempts = 8,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        };

        Console.WriteLine($"soak: {assets.Count} assets ({Providers.Length} providers × {AssetsPerProvider}), {expectedBytes / 1e6:0.0} MB, faults on {FaultRate:P0} of data requests, seed {seed}");
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var peaks = new long[Batches];
        var live = new long[Batches];
        var results = new List<DownloadResult>();
        var watch = Stopwatch.StartNew();
        var batchSize = assets.Count / Batches;
        for (var b = 0; b < Batches; b++)
        {
            using var sampler = new PeakSampler();
            var batch = assets.Skip(b * batchSize).Take(batchSize).ToArray();
            results.AddRange(await downloader.DownloadAsync(batch, root, options));
            peaks[b] = sampler.Stop();
            live[b] = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"  batch {b + 1,2}/{Batches}: {results.Count,4} done, peak working set {peaks[b] / 1e6:0.0} MB, live managed heap after a full GC {live[b] / 1e6:0.0} MB, {watch.Elapsed.TotalSeconds:0.0} s");
        }

        watch.Stop();
        var bytes = results.Where(r => r.Succeeded).Sum(r => r.BytesWritten);
        var lost = results.Count(r => !r.Succeeded || r.FilePath is null || !File.Exists(r.FilePath)) + (assets.Count - results.Count);
        var corrupt = 0;
        foreach (var result in results.Where(r => r.Succeeded && r.FilePath is not null && File.Exists(r.FilePath)))
        {
            var expected = emulator.Blobs.Get(BlobOf(result.Asset)).Sha256Hex;
            var actual = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(result.FilePath!))).ToLowerInvariant();
            if (actual != expected || result.Sha256 != expected)
            {
                corrupt++;
                Console.WriteLine($"  CORRUPT {result.Asset.Identity}");
            }
        }

        foreach (var failed in results.Where(r => !r.Succeeded).Take(10))
        {
            Console.WriteLine($"  LOST {failed.Asset.Identity}: {failed.Exception?.Message}");
        }

        var dataRequests = emulator.Requests.ForPath(EmulatorBlobStore.SignedPathPrefix).Count;
        Console.WriteLine($"result: {results.Count(r => r.Succeeded)}/{assets.Count} succeeded, corrupt {corrupt}, lost {lost}");
        Console.WriteLine($"faults injected: {faults.Summary()} over {dataRequests} data requests; retransmitted {results.Sum(r => r.BytesRetransmitted) / 1e6:0.00} MB");
        Console.WriteLine($"throughput: {bytes / 1e6 / watch.Elapsed.TotalSeconds:0.0} MB/s, {assets.Count / watch.Elapsed.TotalSeconds:0.0} assets/s ({watch.Elapsed.TotalSeconds:0.0} s)");
        Console.WriteLine($"peak working set: first 10% {peaks[0] / 1e6:0.0} MB, last 10% {peaks[^1] / 1e6:0.0} MB (the emulator runs in the same process); live heap after GC: first {live[0] / 1e6:0.0} MB, last {live[^1] / 1e6:0.0} MB");
        Console.WriteLine($"load average at end: {LoadAverage()}");
        Directory.Delete(root, recursive: true);
        return corrupt == 0 && lost == 0 ? 0 : 1;
    }

    private static ImageryAsset Asset(ProviderEmulator emulator, string provider, string blob, int index)
    {
        var ttl = TimeSpan.FromMinutes(10);
        return new ImageryAsset
        {
            Provider = provider,
            ProductId = "soak-" + (index / 4).ToString("D4", CultureInfo.InvariantCulture),
            AssetKey = "asset-" + index.ToString("D4", CultureInfo.InvariantCulture),
            MediaType = "image/tiff",
            Href = emulator.Blobs.GetSignedUrl(blob, ttl),
            Size = emulator.Blobs.Get(blob).Length,
            Properties = new Dictionary<string, string> { ["blob"] = blob },

            // As the adapters' resolvers do: sign again when the URL expired or was refused.
            Resolver = new DelegateSignedUrlResolver((a, _, _) => ValueTask.FromResult(new DownloadLocation(emulator.Blobs.GetSignedUrl(blob, ttl)))),
        };
    }

    private static string BlobOf(ImageryAsset asset) => asset.Properties!["blob"];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Samples the process working set every 20 ms and keeps the peak.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakSampler()
        {
            _peak = Environment.WorkingSet;
            _timer = new Timer(_ => Sample(), null, 0, 20);
        }

        public long Stop()
        {
            _timer.Dispose();
            Sample();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = Environment.WorkingSet;
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }

    /// <summary>Seeded decisions: which data requests get which fault.</summary>
    private sealed class FaultPlan(int seed, double rate)
    {
        private readonly Random _random = new(seed);
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private readonly object _gate = new();

        public string Summary()
        {
            lock (_gate)
            {
                return string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")) + $" (total {_counts.Values.Sum()})";
            }
        }

        public async Task<bool> MaybeInjectAsync(HttpContext context, ProviderEmulator emulator)
        {
            int kind;
            double fraction;
            lock (_gate)
            {
                if (_random.NextDouble() >= rate)
                {
                    return false;
                }

                kind = _random.Next(7);
                fraction = _random.NextDouble();
                var name = kind switch { 0 => "429", 1 => "500", 2 => "502", 3 => "503", 4 => "drop", 5 => "truncate", _ => "expired-403" };
                _counts[name] = _counts.GetValueOrDefault(name) + 1;
            }

            var response = context.Response;
            switch (kind)
            {
                case 0:
                    response.StatusCode = 429;
                    response.Headers.RetryAfter = "0";
                    return true;
                case 1 or 2 or 3:
                    response.StatusCode = kind == 1 ? 500 : kind == 2 ? 502 : 503;
                    return true;
                case 6:
                    response.StatusCode = 403;
                    response.ContentType = "text/plain";
                    await response.WriteAsync("Request has expired");
                    return true;
            }

            // Drop or truncate: a full 200 (ignoring any Range), part of the body, then a reset or an early end.
            var path = context.Request.Path.Value!;
            var blob = emulator.Blobs.Get(Uri.UnescapeDataString(path[EmulatorBlobStore.SignedPathPrefix.Length..]));
            var bytes = blob.ToArray();
            response.StatusCode = 200;
            response.ContentType = blob.ContentType;
            response.ContentLength = bytes.Length;
            response.Headers.ETag = blob.ETag;
            response.Headers.AcceptRanges = "bytes";
            await response.Body.WriteAsync(bytes.AsMemory(0, (int)(bytes.Length * fraction * 0.9)));
            await response.Body.FlushAsync();
            if (kind == 4)
            {
                context.Abort();
            }

            return true;
        }
    }
}
