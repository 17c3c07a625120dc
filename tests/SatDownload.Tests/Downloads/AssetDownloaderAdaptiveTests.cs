using System.Collections.Concurrent;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>
/// Adaptive splitting (the default): one in-order connection first, more connections only when that one proves slow. Connections and
/// overlap are observed on the emulator side (Kestrel connection ids, requests in flight).
/// </summary>
public class AssetDownloaderAdaptiveTests
{
    [Fact]
    public async Task A_fast_connection_stays_alone_and_reads_the_file_in_order()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 6L * 1024 * 1024 + 123;
        h.Emulator.Blobs.PutGenerated("fast", length, seed: 61);
        var watch = ConnectionWatch.On(h.Emulator, "fast");

        // A threshold of 1 byte/s: no connection is ever "slow", so no second connection may open.
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 4, SegmentSizeBytes = 1024 * 1024, AddConnectionsBelowBytesPerSecond = 1 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("fast"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(61, length), length);
        Assert.Equal(1, watch.MaxInFlight);
        Assert.Single(watch.Connections);

        // In file order on the one connection: segment by segment until a probe window has measured it (a quarter of a
        // second; a loaded machine may get there before this small file is done), then up to four segments per request.
        var spans = InOrderSpans(h, "fast", length);
        Assert.InRange(spans.Count, 3, 7);
    }

    [Fact]
    public async Task A_connection_measured_fast_takes_several_segments_per_request()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 10L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("steady", length, seed: 65);
        h.Emulator.Faults.OnBlob("steady").PaceBody(16_000_000); // about 0.65 s: the first probe window passes mid-way
        var watch = ConnectionWatch.On(h.Emulator, "steady");

        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 4, SegmentSizeBytes = 1024 * 1024, AddConnectionsBelowBytesPerSecond = 1 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("steady"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(65, length), length);
        Assert.Equal(1, watch.MaxInFlight);

        // Contiguous, in file order, one segment per request until the window measured the connection, then up to four.
        var spans = InOrderSpans(h, "steady", length);
        Assert.Contains(spans, s => s[1] - s[0] + 1 > 1024 * 1024);
        Assert.True(spans.Count < 10, $"{spans.Count} requests");
    }

    /// <summary>The blob's requested ranges in order; asserts they start with the first 1 MiB segment and tile the file with spans of at most 4 MiB.</summary>
    private static List<long[]> InOrderSpans(DownloadHarness h, string blob, long length)
    {
        var spans = h.Emulator.Requests.ForBlob(blob).OrderBy(r => r.Sequence)
            .Select(r => AssetDownloaderTests.Header(r, "Range")!["bytes=".Length..].Split('-').Select(long.Parse).ToArray())
            .ToList();
        Assert.Equal(0, spans[0][0]);
        Assert.Equal(1024 * 1024 - 1, spans[0][1]);
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.Equal(spans[i - 1][1] + 1, spans[i][0]);
            Assert.InRange(spans[i][1] - spans[i][0] + 1, 1, 4L * 1024 * 1024);
        }

        Assert.Equal(length - 1, spans[^1][1]);
        return spans;
    }

    [Fact]
    public async Task A_throttled_connection_gets_help_from_more_connections()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 6L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("paced", length, seed: 62);
        h.Emulator.Faults.OnBlob("paced").PaceBody(3_000_000);
        var watch = ConnectionWatch.On(h.Emulator, "paced");

        // 64 MiB/s, far above the 3 MB/s the server allows each connection.
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 4, SegmentSizeBytes = 1024 * 1024, AddConnectionsBelowBytesPerSecond = 64L * 1024 * 1024 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("paced"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(62, length), length);
        Assert.InRange(watch.MaxInFlight, 2, 4);
        Assert.InRange(watch.Connections.Count, 2, 4);

        // The first request ran alone while it was measured: 3 MB/s is under a quarter of the threshold, so 50 ms decide
        // (a connection merely under the threshold is watched for a whole quarter second).
        var requests = h.Emulator.Requests.ForBlob("paced").OrderBy(r => r.Sequence).ToList();
        Assert.Equal("bytes=0-1048575", AssetDownloaderTests.Header(requests[0], "Range"));
        Assert.True(watch.SecondStartedAfter >= TimeSpan.FromMilliseconds(40), $"second request after {watch.SecondStartedAfter}");
    }

    [Fact]
    public async Task By_default_a_slow_connection_gets_help_after_the_probe()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 6L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("slow", length, seed: 64);
        h.Emulator.Faults.OnBlob("slow").PaceBody(3_000_000); // the first 1 MiB segment outlasts the probe window
        var watch = ConnectionWatch.On(h.Emulator, "slow");

        // Default threshold (256 MiB/s): 3 MB/s is slow, so the other connections open once the first 50 ms are measured.
        var options = DownloadOptions.Default with { MaxConnectionsPerFile = 3, SegmentSizeBytes = 1024 * 1024, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("slow"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(64, length), length);
        Assert.Equal(3, watch.MaxInFlight);
        Assert.True(watch.SecondStartedAfter >= TimeSpan.FromMilliseconds(40), $"second request after {watch.SecondStartedAfter}");
    }

    [Fact]
    public async Task A_lone_connection_that_breaks_gets_help_at_once()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 12L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("drop", length, seed: 66);
        h.Emulator.Faults.OnBlob("drop").AbortAfterBytes(256 * 1024); // the first request breaks early, once
        var watch = ConnectionWatch.On(h.Emulator, "drop");

        // A threshold of 1 byte/s: only the fault can open the other connections.
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 3, SegmentSizeBytes = 1024 * 1024, AddConnectionsBelowBytesPerSecond = 1 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("drop"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(66, length), length);
        Assert.InRange(watch.Connections.Count, 2, 8);
        Assert.InRange(watch.MaxInFlight, 2, 3);
        Assert.True(result.BytesRetransmitted <= 1024 * 1024, $"{result.BytesRetransmitted} bytes were sent twice");
    }

    [Fact]
    public async Task Without_a_threshold_all_connections_open_at_once()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 6L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("eager", length, seed: 63);
        h.Emulator.Faults.OnBlob("eager").PaceBody(8_000_000);
        var watch = ConnectionWatch.On(h.Emulator, "eager");

        var options = DownloadOptions.Default with { MaxConnectionsPerFile = 3, SegmentSizeBytes = 1024 * 1024, AddConnectionsBelowBytesPerSecond = null, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("eager"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(63, length), length);
        Assert.Equal(3, watch.MaxInFlight);
        Assert.True(watch.SecondStartedAfter < TimeSpan.FromMilliseconds(200), $"second request after {watch.SecondStartedAfter}");
    }

    /// <summary>Counts the requests for one blob in flight at once and the connections they came on.</summary>
    private sealed class ConnectionWatch
    {
        private int _inFlight;
        private int _maxInFlight;
        private readonly System.Diagnostics.Stopwatch _clock = new();
        private int _started;
        private long _secondStartedTicks;

        public ConcurrentDictionary<string, bool> Connections { get; } = new();

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        /// <summary>Real time between the first and the second request's arrival.</summary>
        public TimeSpan SecondStartedAfter => TimeSpan.FromTicks(Volatile.Read(ref _secondStartedTicks));

        public static ConnectionWatch On(ProviderEmulator emulator, string blob)
        {
            var watch = new ConnectionWatch();
            emulator.Faults.OnBlob(blob).OnRequest(ctx =>
            {
                watch.Connections.TryAdd(ctx.Connection.Id, true);
                var now = Interlocked.Increment(ref watch._inFlight);
                switch (Interlocked.Increment(ref watch._started))
                {
                    case 1:
                        watch._clock.Start();
                        break;
                    case 2:
                        Volatile.Write(ref watch._secondStartedTicks, watch._clock.Elapsed.Ticks);
                        break;
                }

                int seen;
                while (now > (seen = Volatile.Read(ref watch._maxInFlight)) && Interlocked.CompareExchange(ref watch._maxInFlight, now, seen) != seen)
                {
                }

                ctx.Response.OnCompleted(() =>
                {
                    Interlocked.Decrement(ref watch._inFlight);
                    return Task.CompletedTask;
                });
                return Task.FromResult(false);
            });
            return watch;
        }
    }
}
