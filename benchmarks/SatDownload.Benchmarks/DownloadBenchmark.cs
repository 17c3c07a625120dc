using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SatDownload.Benchmarks;

/// <summary>
/// Starts the server process, runs every contender of every scenario side by side (interleaved, one child process per
/// run), and prints medians, throughput, peak working sets and the target ratios as Markdown.
/// </summary>
internal static class DownloadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 5;
        var scenarios = new HashSet<int> { 1, 2, 3, 4 };
        var warmUp = true;
        var levelPageCache = true;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--runs")
            {
                runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--scenarios")
            {
                scenarios = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet();
            }
            else if (args[i] == "--warm-up")
            {
                warmUp = args[i + 1] != "off";
            }
            else if (args[i] == "--page-cache")
            {
                levelPageCache = args[i + 1] != "as-is";
            }
        }

        Environment.SetEnvironmentVariable("SATDL_BENCH_WARMUP", warmUp ? "1" : "0");

        var hasCurl = Which("curl") is not null;
        var hasAria = Which("aria2c") is not null;
        Console.WriteLine("# SatDownload download benchmark");
        Console.WriteLine();
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical cores, {TotalMemoryGiB():0.#} GiB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"- curl: {(hasCurl ? FirstLine("curl", "--version") : "not installed")}");
        Console.WriteLine($"- aria2c: {(hasAria ? FirstLine("aria2c", "--version") : "not installed")}");
        Console.WriteLine($"- runs per contender: {runs} (median reported; contenders interleaved run by run)");
        Console.WriteLine($"- warm-up: {(warmUp ? "on (each in-process contender first runs its own code with its own options on a 64 MiB file, or 48 small files, untimed, in a process with tiered compilation off: the timed run measures throughput, with no just-in-time compilation in it)" : "off (default runtime settings; the timed run includes compiling the contender's code, first call and tier-up)")}");
        Console.WriteLine($"- page cache: {(levelPageCache ? "levelled (before every run, 1.1 GiB is written to a scratch file and deleted, so every contender starts with the same recently freed memory)" : "as left by the previous run")}");
        Console.WriteLine();

        // Expected hashes are computed here, once, so that measured runs do not pay for (or hold memory for) them.
        Environment.SetEnvironmentVariable("SATDL_BENCH_SHA_1G", PatternContent.Sha256Hex(CaseRunner.OneGiB));
        Environment.SetEnvironmentVariable("SATDL_BENCH_SHA_SMALL", PatternContent.Sha256Hex(CaseRunner.SmallSize));
        var (server, baseUrl) = await StartServerAsync();
        try
        {
            var plan = new List<(int Number, string Title, string[] Contenders)>
            {
                (1, "1 GiB file, unthrottled loopback", new[] { "ad-1g", "ad-1g-1c", "ad-1g-eager", "ad-1g-nofsync", "ad-1g-noreserve", "ad-1g-nosha", "ideal-1g", "plain-1g" }.Concat(hasCurl ? new[] { "curl-1g" } : Array.Empty<string>()).ToArray()),
                (2, "1 GiB file, server paces each connection to 25 MB/s", new[] { "ad-25-8", "ad-25-1" }.Concat(hasAria ? new[] { "aria-25-8" } : Array.Empty<string>()).ToArray()),
                (3, "500 files of 256 KiB, 16 at a time", new[] { "ad-500" }.Concat(hasAria ? new[] { "aria-500" } : Array.Empty<string>()).ToArray()),
                (4, "1 GiB file, connection dropped every 100 MiB served", new[] { "ad-1g", "ad-drop" }),
            };

            var all = new Dictionary<string, List<CaseMeasurement>>();
            foreach (var (number, title, contenders) in plan.Where(p => scenarios.Contains(p.Number)))
            {
                var measured = contenders.ToDictionary(c => c, _ => new List<CaseMeasurement>());
                for (var run = 0; run < runs; run++)
                {
                    foreach (var contender in contenders)
                    {
                        if (levelPageCache)
                        {
                            await LevelPageCacheAsync();
                        }

                        var m = await RunCaseAsync(contender, baseUrl);
                        measured[contender].Add(m);
                        Console.Error.WriteLine($"  [{number}] run {run + 1}/{runs} {contender}: {m.Seconds:0.000} s, {m.PeakWorkingSet / 1048576.0:0} MB peak, ok={m.Ok}");
                    }
                }

                Console.WriteLine($"## {number}. {title}");
                Console.WriteLine();
                Console.WriteLine("| contender | median s | MB/s | peak working set (MB, max of runs) | bytes served / file bytes | verified |");
                Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
                foreach (var contender in contenders)
                {
                    var list = measured[contender];
                    var median = Median(list.Select(m => m.Seconds));
                    var bytes = list[0].Bytes;
                    var served = Median(list.Select(m => (double)m.ServedBytes));
                    Console.WriteLine($"| {Describe(contender)} | {median:0.000} | {bytes / 1e6 / median:0.0} | {list.Max(m => m.PeakWorkingSet) / 1048576.0:0} | {(bytes > 0 ? served / bytes : 0):0.0000} | {(list.All(m => m.Ok) ? "yes" : "NO")} |");
                    all[number + ":" + contender] = list;
                }

                Console.WriteLine();
                PrintTargets(number, measured);
                Console.WriteLine();
            }
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
            {
                server.Kill();
            }

            server.Dispose();
        }

        return 0;
    }

    private static void PrintTargets(int scenario, Dictionary<string, List<CaseMeasurement>> m)
    {
        double T(string c) => Median(m[c].Select(x => x.Seconds));
        switch (scenario)
        {
            case 1:
                Console.WriteLine($"- AssetDownloader throughput / plain copy: **{T("plain-1g") / T("ad-1g"):0.00}×** (target ≥ 0.90)");
                if (m.ContainsKey("curl-1g"))
                {
                    Console.WriteLine($"- AssetDownloader throughput / curl: **{T("curl-1g") / T("ad-1g"):0.00}×** (target > 1.00)");
                }

                Console.WriteLine($"- for reference, 1 connection / plain copy: {T("plain-1g") / T("ad-1g-1c"):0.00}×; all 4 connections at once / plain copy: {T("plain-1g") / T("ad-1g-eager"):0.00}×; SHA-256 off / plain copy: {T("plain-1g") / T("ad-1g-nosha"):0.00}×; ReserveDiskSpace off / plain copy: {T("plain-1g") / T("ad-1g-noreserve"):0.00}×; hand-written SHA-256 pipeline / plain copy: {T("plain-1g") / T("ideal-1g"):0.00}×");

                break;
            case 2:
                Console.WriteLine($"- 8 connections / 1 connection: **{T("ad-25-1") / T("ad-25-8"):0.00}×** (target ≥ 6)");
                if (m.ContainsKey("aria-25-8"))
                {
                    Console.WriteLine($"- AssetDownloader (8) time / aria2c -x8 time: **{T("ad-25-8") / T("aria-25-8"):0.00}** (target ≤ 1.00)");
                }

                break;
            case 3:
                if (m.ContainsKey("aria-500"))
                {
                    Console.WriteLine($"- AssetDownloader time / aria2c -j16 time: **{T("ad-500") / T("aria-500"):0.00}** (target ≤ 1.00)");
                }

                break;
            case 4:
                var extra = Median(m["ad-drop"].Select(x => (double)x.ServedBytes)) / m["ad-drop"][0].Bytes - 1;
                Console.WriteLine($"- time with drops / fault-free time: **{T("ad-drop") / T("ad-1g"):0.00}** (target < 1.20)");
                Console.WriteLine($"- extra bytes served because of drops: **{extra * 100:0.00} %** (target < 5 %)");
                break;
        }

        Console.WriteLine($"- largest peak working set: **{m.Values.SelectMany(v => v).Max(x => x.PeakWorkingSet) / 1048576.0:0} MB** (target < 150 MB)");
    }

    private static string Describe(string contender) => contender switch
    {
        "ad-1g" => "AssetDownloader (defaults: up to 4 connections, one while it delivers ≥ 256 MiB/s; 16 MiB segments; SHA-256 + progress + fsync on)",
        "ad-1g-eager" => "AssetDownloader (defaults but AddConnectionsBelowBytesPerSecond null: all 4 connections at once)",
        "ad-1g-nofsync" => "AssetDownloader (defaults, FlushToDisk off)",
        "ad-1g-noreserve" => "AssetDownloader (defaults, ReserveDiskSpace off)",
        "ad-1g-1c" => "AssetDownloader (defaults but 1 connection)",
        "ad-1g-nosha" => "AssetDownloader (defaults, ComputeSha256 off: not a target, shows what SHA-256 costs)",
        "plain-1g" => "HttpClient → FileStream, 1 MiB buffer",
        "ideal-1g" => "reference, not a product: hand-written 1-connection loop, O_DIRECT writes, SHA-256 on its own thread, no fsync, no fault handling",
        "curl-1g" => "curl -o",
        "ad-25-8" => "AssetDownloader, MaxConnectionsPerFile 8 (defaults otherwise: the probe opens them after a quarter second)",
        "ad-25-1" => "AssetDownloader, 1 connection",
        "aria-25-8" => "aria2c -x8 -s8",
        "ad-500" => "AssetDownloader, MaxConcurrentDownloads 16",
        "aria-500" => "aria2c -j16 -i",
        "ad-drop" => "AssetDownloader (defaults) with drops",
        _ => contender,
    };

    /// <summary>
    /// Gives every run the same starting point: on a virtual machine that hands free memory back to its host, the first
    /// touch of a page freed a few seconds earlier costs a host fault (1 GiB of fresh page cache then takes up to 2 s of
    /// kernel time instead of 0.2 s), so without this a contender that follows one which just deleted 1 GiB of cached file
    /// writes several times faster than one that follows a pause.
    /// </summary>
    private static async Task LevelPageCacheAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "satdl-bench-level.bin");
        var block = new byte[1024 * 1024];
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            for (var i = 0; i < 1100; i++)
            {
                await file.WriteAsync(block);
            }
        }

        File.Delete(path);
    }

    private static async Task<CaseMeasurement> RunCaseAsync(string contender, string baseUrl)
    {
        var work = Path.Combine(Path.GetTempPath(), "satdl-bench", contender);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        var psi = SelfStartInfo("case", contender, baseUrl, work);
        if (Environment.GetEnvironmentVariable("SATDL_BENCH_WARMUP") == "1")
        {
            // With tiering on, the warm-up's code is compiled again in the background during the timed run (see
            // CaseRunner.WarmUpAsync); off, the warm-up compiles it once, fully optimised. The server is not affected.
            psi.Environment["DOTNET_TieredCompilation"] = "0";
        }

        using var process = Process.Start(psi)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"case {contender} printed no result: {stdout} {stderr}");
        return JsonSerializer.Deserialize(line, CaseMeasurementJsonContext.Default.CaseMeasurement)!;
    }

    private static async Task<(Process Server, string BaseUrl)> StartServerAsync()
    {
        var psi = SelfStartInfo("serve");
        psi.RedirectStandardInput = true;
        var server = Process.Start(psi)!;
        while (await server.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("URL=", StringComparison.Ordinal))
            {
                var url = line["URL=".Length..].TrimEnd('/') + "/";
                return (server, url);
            }
        }

        throw new InvalidOperationException("The benchmark server did not start: " + await server.StandardError.ReadToEndAsync());
    }

    private static ProcessStartInfo SelfStartInfo(params string[] args)
    {
        var path = Environment.ProcessPath!;
        var psi = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.FileName = path;
            psi.ArgumentList.Add(typeof(DownloadBenchmark).Assembly.Location);
        }
        else
        {
            psi.FileName = path;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string FirstLine(string tool, string arg)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, arg) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var line = p.StandardOutput.ReadLine() ?? string.Empty;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return line.Trim();
    }

    private static double TotalMemoryGiB()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0;
    }
}
