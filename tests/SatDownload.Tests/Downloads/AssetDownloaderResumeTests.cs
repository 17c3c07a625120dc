using SatDownload.Downloads;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>Resuming across calls and instances: cancellation, a crash that leaves <c>.part</c> and sidecar behind.</summary>
public class AssetDownloaderResumeTests
{
    [Fact]
    public async Task Cancellation_leaves_a_resumable_part_that_the_next_call_continues()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 12L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("big", length, seed: 40);
        var pace = h.Emulator.Faults.OnBlob("big").PaceBody(6_000_000);
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 3, SegmentSizeBytes = 2L * 1024 * 1024 };
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (!p.IsAggregate && p.BytesDownloaded >= 3L * 1024 * 1024)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateDownloader().DownloadAsync(h.Blob("big"), h.Directory, options, progress, cts.Token));
        var final = Path.Combine(h.Directory, "test", "p1", "big.bin");
        Assert.False(File.Exists(final));
        Assert.True(File.Exists(final + ".part"));
        var sidecar = PartSidecarStore.TryLoad(final + ".part.json", "test/p1/big");
        Assert.NotNull(sidecar);
        Assert.Equal(length, sidecar.TotalSize);
        var saved = sidecar.Ranges.Sum(r => r[1] - r[0]);
        Assert.InRange(saved, 3L * 1024 * 1024, length - 1);

        pace.Remove();
        // Same asset identity, so the same .part; a marker in the URL tells this run's requests from late log entries of the first.
        var second = h.Blob("big") with { Href = new Uri(h.Emulator.Blobs.GetUrl("big") + "?run=2") };
        var result = await h.CreateDownloader().DownloadAsync(second, h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(40, length), length);
        Assert.True(result.Resumed);
        var secondRun = h.Emulator.Requests.ForBlob("big").Where(r => r.QueryParameterNames.Contains("run")).ToList();
        Assert.InRange(secondRun.Sum(r => r.BytesSent), length - saved, length - saved);
        Assert.NotNull(AssetDownloaderTests.Header(secondRun.OrderBy(r => r.Sequence).First(), "If-Range"));
    }

    [Fact]
    public async Task Cancellation_while_a_buffer_is_partly_filled_keeps_the_bytes_that_arrived()
    {
        // Narrow unit test: a body that delivers 300,000 bytes, then stalls; the caller cancels while those bytes sit in
        // the connection's (1 MiB) buffer. They must reach the .part file and its sidecar, so the next run resumes there.
        const int length = 1_000_000;
        const int arrived = 300_000;
        var content = GeneratedContent.Generate(44, length);
        var body = new StallAfterBytesStream(content.AsMemory(0, arrived));
        using var http = new HttpClient(new RespondingHandler(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentLength = length;
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v1\"");
            response.Headers.AcceptRanges.Add("bytes");
            return response;
        }));
        var dir = Directory.CreateTempSubdirectory("satdl-test").FullName;
        try
        {
            var asset = ImageryAsset.FromUrl(new Uri("http://storage.test/stall.bin"), "stall.bin");
            using var cts = new CancellationTokenSource();
            var download = new AssetDownloader(http).DownloadAsync(asset, dir, DownloadHarness.Fast with { MaxConnectionsPerFile = 1, FileNameTemplate = "{fileName}" }, cancellationToken: cts.Token);
            await body.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);

            var final = Path.Combine(dir, "stall.bin");
            Assert.False(File.Exists(final));
            var sidecar = PartSidecarStore.TryLoad(final + ".part.json", asset.Identity);
            Assert.NotNull(sidecar);
            Assert.Equal(arrived, sidecar.Ranges.Sum(r => r[1] - r[0]));
            var part = await File.ReadAllBytesAsync(final + ".part");
            Assert.True(part.AsSpan(0, arrived).SequenceEqual(content.AsSpan(0, arrived)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Second_instance_resumes_after_a_crash_trusting_only_recorded_ranges()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 3_000_000;
        const int recorded = 1_000_000;
        var blob = h.Emulator.Blobs.PutGenerated("crash", length, seed: 41);
        var asset = h.Blob("crash");
        var final = Path.Combine(h.Directory, "test", "p1", "crash.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);

        // What a killed process leaves: the recorded prefix, plus bytes written after the last checkpoint that the
        // sidecar does not vouch for (here: garbage, as if they were never flushed).
        var part = new byte[1_500_000];
        GeneratedContent.Fill(41, 0, part.AsSpan(0, recorded));
        part.AsSpan(recorded).Fill(0xEE);
        await File.WriteAllBytesAsync(final + ".part", part);
        PartSidecarStore.Save(final + ".part.json", new PartSidecar
        {
            Identity = asset.Identity,
            TotalSize = length,
            ETag = blob.ETag,
            LastModified = blob.LastModified,
            Ranges = { new long[] { 0, recorded } },
        });

        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory, DownloadHarness.Fast with { MaxConnectionsPerFile = 1 });

        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, length);
        Assert.True(result.Resumed);
        var request = Assert.Single(h.Emulator.Requests.ForBlob("crash"));
        Assert.Equal("bytes=1000000-2999999", AssetDownloaderTests.Header(request, "Range"));
        Assert.Equal(blob.ETag, AssetDownloaderTests.Header(request, "If-Range"));
        Assert.Equal(length - recorded, request.BytesSent);
    }

    [Fact]
    public async Task Crash_resume_of_a_file_that_changed_meanwhile_starts_over()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 1_000_000;
        var old = h.Emulator.Blobs.PutGenerated("changed", length, seed: 42);
        var asset = h.Blob("changed");
        var final = Path.Combine(h.Directory, "test", "p1", "changed.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".part", GeneratedContent.Generate(42, 400_000));
        PartSidecarStore.Save(final + ".part.json", new PartSidecar
        {
            Identity = asset.Identity,
            TotalSize = length,
            ETag = old.ETag,
            Ranges = { new long[] { 0, 400_000 } },
        });
        var current = h.Emulator.Blobs.ChangeContent("changed");

        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, current.Sha256Hex, length);
        Assert.Equal(200, Assert.Single(h.Emulator.Requests.ForBlob("changed")).StatusCode);
    }

    [Fact]
    public async Task Partial_file_without_a_trustworthy_sidecar_is_not_trusted()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.PutGenerated("nosidecar", 500_000, seed: 43);
        var final = Path.Combine(h.Directory, "test", "p1", "nosidecar.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".part", new byte[300_000]); // zeros from someone else

        var result = await h.CreateDownloader().DownloadAsync(h.Blob("nosidecar"), h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, 500_000);
        Assert.False(result.Resumed);
        Assert.Equal("bytes=0-", AssetDownloaderTests.Header(Assert.Single(h.Emulator.Requests.ForBlob("nosidecar")), "Range")?[..8]);
    }
}
