using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SatDownload.Reliability.Tests.Support;
using SatDownload.TestSupport;
using SatDownload.Testing;
using Xunit.Abstractions;

namespace SatDownload.Reliability.Tests.Crash;

/// <summary>
/// Issue 10's crash test: a child process (tests/SatDownload.CrashHost) downloads a multi-asset set through
/// <see cref="SatDownloadClient"/> and is killed (SIGKILL, no cleanup) at seeded random points 20 times in a row, each
/// kill driven by the child's progress lines; every restart resumes. At the end every file is byte-identical, no asset
/// was fetched from zero again once a checkpointed partial of it existed (from the emulator's request log: requests
/// without a Range header), and no provider task was created twice.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int Seed = 20261121;

    /// <summary>Six files, 3.6 MB in all: enough for 20 kills at 20-200 KB apart, small enough for CI.</summary>
    private static readonly (string Key, int Size)[] Assets =
    [
        ("visual", 700_000), ("analytic", 900_000), ("udm", 250_000), ("thumbnail", 90_000), ("dem", 1_100_000), ("metadata", 600_000),
    ];

    [Fact]
    public async Task Killed_twenty_times_at_seeded_points_then_every_file_is_identical_and_nothing_restarts_or_is_ordered_twice()
    {
        var started = Stopwatch.GetTimestamp();
        var fakesat = new CrashSatEmulator(Assets);
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { fakesat } });

        // Paced bodies (1 MB/s per file, 4 files at a time) so the kill points land mid-file; the pace is real time.
        foreach (var (key, _) in Assets)
        {
            emulator.Faults.OnBlob(CrashSatEmulator.BlobOf(key)).PaceBody(1_000_000);
        }

        using var destination = new TempDirectory();
        var random = new Random(Seed);

        // For each blob: the request-log sequence from which a trusted partial (a sidecar range or the final file) existed.
        var partialSince = new Dictionary<string, long>(StringComparer.Ordinal);
        var kills = 0;
        var runs = 0;
        var finished = false;
        while (!finished)
        {
            runs++;
            Assert.True(runs <= Kills + 5, "the download never finished");
            var killAfter = kills < Kills ? (random.Next(4) == 0 ? 0 : random.Next(20_000, 200_000)) : long.MaxValue;
            using var child = CrashHostProcess.Start(emulator.GetProviderUri(fakesat), destination.Path);
            try
            {
                finished = await RunUntilAsync(child, killAfter);
                if (!finished)
                {
                    child.Kill(entireProcessTree: true);
                    kills++;
                }

                await child.WaitForExitAsync();
            }
            finally
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }
            }

            if (finished)
            {
                Assert.True(child.ExitCode == 0, "the last run failed: " + await child.StandardError.ReadToEndAsync());
            }

            // What survived the kill on disk, as the next run will see it. The killed run's broken requests are logged only
            // when the server notices them, but they arrived before this marker request: requests numbered after the marker
            // belong to later runs.
            using (var marker = new HttpClient())
            {
                (await marker.GetAsync(new Uri(emulator.GetProviderUri(fakesat), "marker"))).Dispose();
            }

            var sequence = emulator.Requests.Where(e => e.Path == "/fakesat/marker").Max(e => e.Sequence);
            foreach (var (key, _) in Assets)
            {
                if (!partialSince.ContainsKey(key) && HasTrustedBytes(destination.Path, key))
                {
                    partialSince[key] = sequence;
                }
            }
        }

        Assert.Equal(Kills, kills);
        output.WriteLine($"{runs} runs, {kills} kills, {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

        // Every file byte-identical, nothing left over.
        foreach (var (key, _) in Assets)
        {
            var path = Path.Combine(destination.Path, "fakesat", "scene-S1", key + ".tif");
            Assert.True(File.Exists(path), "missing " + path);
            Assert.Equal(emulator.Blobs.Get(CrashSatEmulator.BlobOf(key)).Sha256Hex, Hashing.Sha256OfFile(path));
        }

        Assert.Empty(Directory.GetFiles(destination.Path, "*.part*", SearchOption.AllDirectories));

        // No provider task created twice: 21 runs, one order.
        Assert.Equal(1, fakesat.CreatedTasks);

        // No asset fetched from zero again once a trusted partial existed: every later request for it carries a Range.
        foreach (var (key, _) in Assets)
        {
            var requests = emulator.Requests.ForBlob(CrashSatEmulator.BlobOf(key));
            var fromZero = requests.Where(r => !IsResume(r)).ToArray();
            output.WriteLine($"{key}: {requests.Count} requests, {fromZero.Length} from zero, partial since #{(partialSince.TryGetValue(key, out var s) ? s : 0)}");
            if (partialSince.TryGetValue(key, out var since))
            {
                Assert.DoesNotContain(fromZero, r => r.Sequence > since);
            }
        }
    }

    /// <summary>Reads the child's progress until it has downloaded <paramref name="killAfter"/> more bytes than at its first line (true when it finished first).</summary>
    private static async Task<bool> RunUntilAsync(Process child, long killAfter)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        long? first = null;
        while (true)
        {
            var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new Xunit.Sdk.XunitException($"The child exited (code {(child.HasExited ? child.ExitCode : -1)}) without finishing: " + await child.StandardError.ReadToEndAsync());
            }

            if (line == "done")
            {
                return true;
            }

            if (line.StartsWith("bytes ", StringComparison.Ordinal))
            {
                var bytes = long.Parse(line.AsSpan(6), CultureInfo.InvariantCulture);
                first ??= bytes;
                if (bytes - first >= killAfter)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>A range request (resume) rather than a download from byte zero.</summary>
    private static bool IsResume(RequestLogEntry entry) =>
        entry.Headers.TryGetValue("Range", out var range) && !range.StartsWith("bytes=0-", StringComparison.Ordinal);

    /// <summary>True when the next run may trust bytes of this asset: the final file, or a sidecar listing a non-empty range.</summary>
    private static bool HasTrustedBytes(string root, string key)
    {
        var final = Path.Combine(root, "fakesat", "scene-S1", key + ".tif");
        if (File.Exists(final))
        {
            return true;
        }

        var sidecar = final + ".part.json";
        if (!File.Exists(sidecar))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(sidecar));
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.NameEquals("ranges") || property.NameEquals("Ranges"))
                {
                    return property.Value.EnumerateArray().Any(r => r.GetArrayLength() == 2 && r[1].GetInt64() > r[0].GetInt64());
                }
            }
        }
        catch (JsonException)
        {
            // A sidecar torn by the kill is not trusted by the downloader either.
        }

        return false;
    }
}
