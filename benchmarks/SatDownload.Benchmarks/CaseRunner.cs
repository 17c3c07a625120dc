using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SatDownload.Benchmarks;

/// <summary>
/// Runs one measured case in its own process (so its peak working set is its own) and prints one JSON line:
/// seconds, bytes, peak working set, extra bytes served by the server, and whether the result was verified.
/// </summary>
internal static class CaseRunner
{
    public const long OneGiB = 1024L * 1024 * 1024;
    public const long SmallSize = 256 * 1024;
    public const int SmallCount = 500;

    /// <summary>The size of the untimed warm-up download of a large-file contender (segments, hashing hand-over, checkpoints all run).</summary>
    public const long WarmUpSize = 64L * 1024 * 1024;

    /// <summary>Small files downloaded, untimed, before the timed run of the many-small-files contender.</summary>
    public const int WarmUpSmallCount = 48;

    public static async Task<int> RunAsync(string contender, string baseUrl, string workDir)
    {
        Directory.CreateDirectory(workDir);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (Environment.GetEnvironmentVariable("SATDL_BENCH_WARMUP") == "1")
        {
            await WarmUpAsync(contender, http, baseUrl, workDir);
        }

        var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTimeBefore = System.Runtime.JitInfo.GetCompilationTime();
        var servedBefore = await ServedAsync(http, baseUrl);
        var sw = Stopwatch.StartNew();
        var (bytes, ok, toolPeak) = await RunContenderAsync(contender, http, baseUrl, workDir, warmUp: false);
        if (bytes < 0)
        {
            Console.Error.WriteLine("unknown contender " + contender);
            return 2;
        }

        var seconds = sw.Elapsed.TotalSeconds;
        if (Environment.GetEnvironmentVariable("SATDL_DEBUG") is not null)
        {
            Console.Error.WriteLine($"gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)} allocated={GC.GetTotalAllocatedBytes() / 1048576} MiB");
            Console.Error.WriteLine($"compiled during the timed run: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore} methods, {(System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore).TotalMilliseconds:0} ms");
        }

        var servedAfter = await ServedAsync(http, baseUrl);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peak = toolPeak > 0 ? toolPeak : self.PeakWorkingSet64;
        Console.WriteLine(JsonSerializer.Serialize(new CaseMeasurement(contender, seconds, bytes, peak, servedAfter - servedBefore, ok), CaseMeasurementJsonContext.Default.CaseMeasurement));
        return 0;
    }

    /// <summary>
    /// Runs one contender once. The timed run downloads the case's files; the warm-up run (<paramref name="warmUp"/>)
    /// runs the same code with the same options on a 64 MiB file (48 small files for the small-files case), unpaced, so
    /// that every code path of the timed run has been compiled. Returns bytes &lt; 0 for an unknown contender.
    /// </summary>
    private static async Task<(long Bytes, bool Ok, long ToolPeak)> RunContenderAsync(string contender, HttpClient http, string baseUrl, string workDir, bool warmUp)
    {
        var size = warmUp ? WarmUpSize : OneGiB;
        string Big(string query) => $"{baseUrl}data/{size}/big.bin{(warmUp && query.StartsWith("?rate", StringComparison.Ordinal) ? string.Empty : query)}";
        var dropEvery = warmUp ? WarmUpSize / 4 : 100L * 1024 * 1024;
        long bytes;
        long toolPeak = 0;
        var ok = true;
        switch (contender)
        {
            case "ad-1g":
                (bytes, ok) = await AssetDownloaderAsync(http, Big(string.Empty), workDir, new DownloadOptions());
                break;
            case "ad-1g-eager":
                (bytes, ok) = await AssetDownloaderAsync(http, Big(string.Empty), workDir, new DownloadOptions { AddConnectionsBelowBytesPerSecond = null });
                break;
            case "ad-1g-nofsync":
                (bytes, ok) = await AssetDownloaderAsync(http, Big(string.Empty), workDir, new DownloadOptions(), flushToDisk: false);
                break;
            case "ad-1g-1c":
                (bytes, ok) = await AssetDownloaderAsync(http, Big(string.Empty), workDir, new DownloadOptions { MaxConnectionsPerFile = 1 });
                break;
            case "ad-1g-noreserve":
                (bytes, ok) = await AssetDownloaderAsync(http, Big(string.Empty), workDir, new DownloadOptions(), reserveDiskSpace: false);
                break;
            case "ad-1g-nosha":
                (bytes, ok) = await AssetDownloaderAsync(http, Big(string.Empty), workDir, new DownloadOptions(), sha: false);
                break;
            case "ad-env":
                {
                    // Exploration: options from environment variables (SATDL_CONN, SATDL_BUF, SATDL_SEG, SATDL_SHA, SATDL_FSYNC, SATDL_CKPT).
                    static string? E(string name) => Environment.GetEnvironmentVariable(name);
                    var o = new DownloadOptions();
                    if (E("SATDL_CONN") is { } conn) o = o with { MaxConnectionsPerFile = int.Parse(conn, CultureInfo.InvariantCulture) };
                    if (E("SATDL_BUF") is { } buf) o = o with { BufferSize = int.Parse(buf, CultureInfo.InvariantCulture) };
                    if (E("SATDL_SEG") is { } seg) o = o with { SegmentSizeBytes = long.Parse(seg, CultureInfo.InvariantCulture) };
                    if (E("SATDL_ADAPT") is { } adapt) o = o with { AddConnectionsBelowBytesPerSecond = long.Parse(adapt, CultureInfo.InvariantCulture) };
                    (bytes, ok) = await AssetDownloaderAsync(http, Big(string.Empty), workDir, o, flushToDisk: E("SATDL_FSYNC") != "0", sha: E("SATDL_SHA") != "0", checkpointBytes: E("SATDL_CKPT") is { } ck ? long.Parse(ck, CultureInfo.InvariantCulture) : null);
                    break;
                }

            case "plain-1g":
                bytes = await PlainCopyAsync(http, Big(string.Empty), Path.Combine(workDir, "plain.bin"));
                break;
            case "ideal-1g":
                (bytes, ok) = await IdealPipelineAsync(http, Big(string.Empty), Path.Combine(workDir, "ideal.bin"));
                break;
            case "curl-1g":
                (bytes, toolPeak) = await ToolAsync("curl", $"-s -o {Path.Combine(workDir, "curl.bin")} {Big(string.Empty)}", Path.Combine(workDir, "curl.bin"));
                break;
            case "ad-25-8":
                (bytes, ok) = await AssetDownloaderAsync(http, Big("?rate=25000000"), workDir, new DownloadOptions { MaxConnectionsPerFile = 8 });
                break;
            case "ad-25-8-nofsync":
                (bytes, ok) = await AssetDownloaderAsync(http, Big("?rate=25000000"), workDir, new DownloadOptions { MaxConnectionsPerFile = 8 }, flushToDisk: false);
                break;
            case "ad-25-1":
                (bytes, ok) = await AssetDownloaderAsync(http, Big("?rate=25000000"), workDir, new DownloadOptions { MaxConnectionsPerFile = 1 });
                break;
            case "aria-25-8":
                (bytes, toolPeak) = await ToolAsync("aria2c", $"-q -x8 -s8 --file-allocation=none --allow-overwrite=true --auto-file-renaming=false -d {workDir} -o aria.bin {Big("?rate=25000000")}", Path.Combine(workDir, "aria.bin"));
                break;
            case "ad-500":
                (bytes, ok) = await SmallFilesAsync(http, baseUrl, workDir, warmUp ? WarmUpSmallCount : SmallCount);
                break;
            case "aria-500":
                {
                    var list = Path.Combine(workDir, "list.txt");
                    await File.WriteAllLinesAsync(list, Enumerable.Range(0, SmallCount).SelectMany(i => new[] { $"{baseUrl}data/{SmallSize}/f{i}.bin", $"  out=f{i}.bin" }));
                    (bytes, toolPeak) = await ToolAsync("aria2c", $"-q -j16 --file-allocation=none --allow-overwrite=true --auto-file-renaming=false -d {Path.Combine(workDir, "aria")} -i {list}", null);
                    bytes = Directory.EnumerateFiles(Path.Combine(workDir, "aria")).Sum(f => new FileInfo(f).Length);
                    break;
                }

            case "ad-drop":
                (bytes, ok) = await AssetDownloaderAsync(http, Big($"?drop={dropEvery}"), workDir, new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
                break;
            default:
                return (-1, false, 0);
        }

        return (bytes, ok, toolPeak);
    }

    private static async Task<long> ServedAsync(HttpClient http, string baseUrl) =>
        long.Parse(await http.GetStringAsync(new Uri(baseUrl + "stats")), CultureInfo.InvariantCulture);

    private static async Task<(long Bytes, bool Ok)> AssetDownloaderAsync(HttpClient http, string url, string workDir, DownloadOptions options, bool flushToDisk = true, bool sha = true, long? checkpointBytes = null, bool reserveDiskSpace = true)
    {
        long reports = 0;
        DownloadProgress? last = null;
        var progress = new CountingProgress(p =>
        {
            Interlocked.Increment(ref reports);
            last = p;
        });
        using var debug = Environment.GetEnvironmentVariable("SATDL_DEBUG") is null ? null : new Timer(_ => Console.Error.WriteLine(last), null, 1000, 1000);
        var downloader = new AssetDownloader(http, new AssetDownloaderOptions { FlushToDisk = flushToDisk, ReserveDiskSpace = reserveDiskSpace, CheckpointBytes = checkpointBytes ?? new AssetDownloaderOptions().CheckpointBytes });
        var asset = ImageryAsset.FromUrl(new Uri(url), "big.bin");
        var result = await downloader.DownloadAsync(asset, workDir, options with { ComputeSha256 = sha, FileNameTemplate = "{fileName}" }, progress);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(result.Exception);
            return (0, false);
        }

        var expected = result.BytesWritten == OneGiB ? Environment.GetEnvironmentVariable("SATDL_BENCH_SHA_1G") : result.Sha256;
        return (result.BytesWritten, (!sha || result.Sha256 == expected) && reports > 0);
    }

    private static async Task<(long Bytes, bool Ok)> SmallFilesAsync(HttpClient http, string baseUrl, string workDir, int count)
    {
        var assets = Enumerable.Range(0, count).Select(i => ImageryAsset.FromUrl(new Uri($"{baseUrl}data/{SmallSize}/f{i}.bin"))).ToList();
        var results = await new AssetDownloader(http).DownloadAsync(
            assets,
            Path.Combine(workDir, "ad"),
            new DownloadOptions { MaxConcurrentDownloads = 16, FileNameTemplate = "{fileName}" },
            new CountingProgress(_ => { }));
        var expected = Environment.GetEnvironmentVariable("SATDL_BENCH_SHA_SMALL");
        return (results.Sum(r => r.BytesWritten), results.All(r => r.Succeeded && r.Sha256 == expected));
    }

    private static async Task<long> PlainCopyAsync(HttpClient http, string url, string path)
    {
        using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        await body.CopyToAsync(file, 1024 * 1024);
        return file.Length;
    }

    /// <summary>
    /// The timed run should measure throughput, not the runtime compiling the contender's code. With warm-up on, every
    /// in-process contender first runs its own code with its own options on a 64 MiB file (48 small files for the
    /// small-files case), untimed; the parent starts these processes with tiered compilation off, so that this warm-up
    /// leaves fully optimised code and nothing is compiled during the timed run (with tiering on, hot methods are
    /// compiled again, twice, in the background while the timed run goes: 100 to 300 ms of CPU on this 2-core machine).
    /// curl and aria2c are native programs and need none.
    /// </summary>
    private static async Task WarmUpAsync(string contender, HttpClient http, string baseUrl, string workDir)
    {
        if (contender.StartsWith("curl", StringComparison.Ordinal) || contender.StartsWith("aria", StringComparison.Ordinal))
        {
            return;
        }

        var dir = Path.Combine(workDir, "warm-up");
        Directory.CreateDirectory(dir);
        var (bytes, ok, _) = await RunContenderAsync(contender, http, baseUrl, dir, warmUp: true);
        if (bytes <= 0 || !ok)
        {
            throw new InvalidOperationException($"warm-up of {contender} failed");
        }

        Directory.Delete(dir, recursive: true);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(IntPtr fd, int cmd, int arg);

    /// <summary>
    /// Not a product: a hand-written, single-connection hash-while-copy loop with everything this machine allows (1 MiB
    /// buffers filled from the socket, O_DIRECT writes that skip the page cache, SHA-256 on a dedicated thread, no
    /// checkpoints, no fsync, no fault handling). It shows how fast a download that hashes every byte can be here.
    /// </summary>
    private static async Task<(long Bytes, bool Ok)> IdealPipelineAsync(HttpClient http, string url, string path)
    {
        const int Size = 1024 * 1024;
        const int Buffers = 16;
        using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite);
        var fd = file.DangerousGetHandle();
        var direct = OperatingSystem.IsLinux() && Fcntl(fd, 4 /* F_SETFL */, Fcntl(fd, 3 /* F_GETFL */, 0) | 0x4000 /* O_DIRECT */) == 0;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var slab = GC.AllocateUninitializedArray<byte>((Size * Buffers) + 4096, pinned: true);
        var address = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(slab, 0).ToInt64();
        var aligned = (int)((4096 - (address % 4096)) % 4096);
        Memory<byte> Buf(int i) => slab.AsMemory(aligned + (i * Size), Size);
        using var full = new System.Collections.Concurrent.BlockingCollection<(int Index, int Count)>(Buffers);
        using var free = new System.Collections.Concurrent.BlockingCollection<int>();
        var holders = new int[Buffers];
        for (var i = 0; i < Buffers; i++)
        {
            free.Add(i);
        }

        var hasher = new Thread(() =>
        {
            foreach (var (i, n) in full.GetConsumingEnumerable())
            {
                hash.AppendData(Buf(i).Span[..n]);
                if (Interlocked.Decrement(ref holders[i]) == 0)
                {
                    free.Add(i);
                }
            }
        });
        hasher.Start();
        long position = 0;
        var writes = new List<Task>();
        while (true)
        {
            var index = free.Take();
            var buffer = Buf(index);
            var filled = 0;
            int read;
            while (filled < Size && (read = await body.ReadAsync(buffer[filled..])) > 0)
            {
                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            holders[index] = 2;
            full.Add((index, filled));
            var at = position;
            var length = direct ? (filled + 4095) / 4096 * 4096 : filled;
            writes.Add(Task.Run(() =>
            {
                RandomAccess.Write(file, buffer.Span[..length], at);
                if (Interlocked.Decrement(ref holders[index]) == 0)
                {
                    free.Add(index);
                }
            }));
            position += filled;
            if (filled < Size)
            {
                break;
            }
        }

        full.CompleteAdding();
        await Task.WhenAll(writes);
        hasher.Join();
        RandomAccess.SetLength(file, position);
        var sha = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        return (position, position != CaseRunner.OneGiB || sha == Environment.GetEnvironmentVariable("SATDL_BENCH_SHA_1G"));
    }

    private static async Task<(long Bytes, long PeakRss)> ToolAsync(string tool, string arguments, string? output)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        long peak = 0;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        while (!process.HasExited)
        {
            // VmHWM is the process's peak resident set; sampled until it exits.
            try
            {
                var hwm = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (hwm is not null)
                {
                    peak = Math.Max(peak, long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
                }
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(20));
        }

        await process.WaitForExitAsync();
        await stdout;
        var err = await stderr;
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"{tool} exited with {process.ExitCode}: {err}");
        }

        return (output is null ? 0 : new FileInfo(output).Length, peak);
    }
}
