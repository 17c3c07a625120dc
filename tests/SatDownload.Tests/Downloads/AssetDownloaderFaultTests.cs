using Microsoft.AspNetCore.Http;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>Faults over real loopback HTTP: retries, resumes, changed files, servers that ignore ranges, hung bodies, expiring URLs.</summary>
public class AssetDownloaderFaultTests
{
    private const int Buffer = 128 * 1024;

    [Fact]
    public async Task Honours_429_with_Retry_After()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("r", 100_000, seed: 1);
        h.Emulator.Faults.OnBlob("r").RespondWithStatus(429, times: 1, retryAfter: "7");
        var clock = new VirtualClock { AutoAdvance = true };
        var before = clock.GetUtcNow();
        var downloader = h.CreateDownloader(new AssetDownloaderOptions { TimeProvider = clock });
        var result = await downloader.DownloadAsync(h.Blob("r"), h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(1, 100_000), 100_000);
        Assert.Equal(2, result.Attempts);
        Assert.True(clock.GetUtcNow() - before >= TimeSpan.FromSeconds(7), "The downloader must wait for Retry-After.");
        Assert.Equal(new[] { 429, 206 }, h.Emulator.Requests.ForBlob("r").OrderBy(r => r.Sequence).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Retry_After_beyond_the_maximum_fails_with_a_clear_message()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("r", 1000, seed: 1);
        h.Emulator.Faults.OnBlob("r").RespondWithStatus(503, times: 1, retryAfter: "3600");
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("r"), h.Directory, DownloadHarness.Fast with { MaxRetryAfter = TimeSpan.FromSeconds(10) });
        Assert.False(result.Succeeded);
        Assert.Contains("MaxRetryAfter", result.Exception!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_503_three_times_then_succeeds()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("s", 500_000, seed: 2);
        h.Emulator.Faults.OnBlob("s").RespondWithStatus(503, times: 3);
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("s"), h.Directory, DownloadHarness.Fast);
        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(2, 500_000), 500_000);
        Assert.Equal(4, result.Attempts);
    }

    [Fact]
    public async Task Gives_up_after_the_attempt_limit_without_progress()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("dead", 1000, seed: 2);
        h.Emulator.Faults.OnBlob("dead").RespondWithStatus(500, times: int.MaxValue);
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("dead"), h.Directory, DownloadHarness.Fast with { MaxAttempts = 3 });
        Assert.False(result.Succeeded);
        Assert.IsType<DownloadFailedException>(result.Exception);
        Assert.Contains("3 attempts without progress", result.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Attempts);
        Assert.False(File.Exists(result.FilePath));
        Assert.False(File.Exists(result.FilePath + ".part"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Connection_dropped_at_several_offsets_resumes_byte_identical(int connections)
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 12L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("drop", length, seed: 4);
        var target = h.Emulator.Faults.OnBlob("drop");
        // With parallel segments the n-th request may be a short resumed one: keep the cuts inside any request's body.
        var cuts = connections == 1 ? new long[] { 100_000, 1_234_567, 3_000_001 } : new long[] { 100_000, 200_001, 300_007 };
        target.AbortAfterBytes(cuts[0], times: 1);
        target.AfterRequests(1).AbortAfterBytes(cuts[1], times: 1);
        target.AfterRequests(2).AbortAfterBytes(cuts[2], times: 1);
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = connections, SegmentSizeBytes = 4L * 1024 * 1024, MaxAttempts = 2 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("drop"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(4, length), length);
        Assert.True(result.Resumed);
        Assert.InRange(result.BytesRetransmitted, 0, 3 * Buffer);
        // Aborted requests are logged when the server notices the reset, which may come after the client finished.
        // With parallel segments a scripted cut can land on a short resumed request that ends before the cut: at least two fire.
        var expectedAborts = connections == 1 ? 3 : 2;
        await h.Emulator.Requests.WaitForCountAsync(r => r.Path.EndsWith("/drop", StringComparison.Ordinal) && r.Aborted, expectedAborts);
        var requests = h.Emulator.Requests.ForBlob("drop");
        Assert.InRange(requests.Count(r => r.Aborted), expectedAborts, 3);

        // Every resumed request continues where bytes stopped and pins the version.
        Assert.All(requests.OrderBy(r => r.Sequence).Skip(1), r => Assert.True(AssetDownloaderTests.Header(r, "If-Range") is not null || AssetDownloaderTests.Header(r, "If-Match") is not null));
    }

    [Fact]
    public async Task Truncated_body_is_a_fault_never_a_success()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("t", 1_000_000, seed: 6);
        h.Emulator.Faults.OnBlob("t").TruncateBody(400_000, times: 1);
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("t"), h.Directory, DownloadHarness.Fast with { MaxConnectionsPerFile = 1 });
        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(6, 1_000_000), 1_000_000);
        Assert.True(result.Resumed);
        var ranges = h.Emulator.Requests.ForBlob("t").OrderBy(r => r.Sequence).Select(r => AssetDownloaderTests.Header(r, "Range")).ToList();
        Assert.Equal(new[] { "bytes=0-", "bytes=400000-" }, ranges);
        Assert.Equal(0, result.BytesRetransmitted);
    }

    [Fact]
    public async Task ETag_changed_mid_download_restarts_instead_of_mixing_versions()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 3_000_000;
        h.Emulator.Blobs.PutGenerated("v", length, seed: 10);
        var target = h.Emulator.Faults.OnBlob("v");
        target.AbortAfterBytes(1_000_000, times: 1);
        target.AfterRequests(1).ChangeBlobContent(times: 1);
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("v"), h.Directory, DownloadHarness.Fast with { MaxConnectionsPerFile = 1 });

        // The new version (seed 11), whole: the resumed request's If-Range did not match, so the server sent it all (200).
        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(11, length), length);
        var requests = h.Emulator.Requests.ForBlob("v").OrderBy(r => r.Sequence).ToList();
        Assert.Equal(200, requests[^1].StatusCode);
        Assert.NotNull(AssetDownloaderTests.Header(requests[^1], "If-Range"));
        Assert.True(result.BytesRetransmitted > 0);
    }

    [Fact]
    public async Task ETag_changed_during_parallel_segments_restarts_from_zero()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 16L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("pv", length, seed: 20);
        h.Emulator.Faults.OnBlob("pv").AfterRequests(2).ChangeBlobContent(times: 1);
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 4, SegmentSizeBytes = 1024 * 1024 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("pv"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(21, length), length);
        Assert.Contains(h.Emulator.Requests.ForBlob("pv"), r => r.StatusCode == 412);
    }

    [Fact]
    public async Task Server_ignoring_Range_is_streamed_whole()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 3 * 1024 * 1024 + 17;
        var blob = h.Emulator.Blobs.PutGenerated("nr", length, seed: 12);
        var calls = 0;
        h.Emulator.Faults.OnBlob("nr").OnRequest(async ctx =>
        {
            // Drops the connection half-way on the first request, and never honours Range.
            var first = Interlocked.Increment(ref calls) == 1;
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentLength = length;
            ctx.Response.Headers.ETag = blob.ETag;
            var bytes = blob.ToArray();
            await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, first ? length / 2 : length));
            await ctx.Response.Body.FlushAsync();
            if (first)
            {
                ctx.Abort();
            }

            return true;
        });
        var options = DownloadHarness.Fast with { SegmentSizeBytes = 1024 * 1024 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("nr"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, length);
        Assert.Equal(2, calls);
        Assert.InRange(result.BytesRetransmitted, 1, length / 2);
    }

    [Fact]
    public async Task Range_not_satisfiable_with_every_byte_on_disk_finishes()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 200_000;
        var blob = h.Emulator.Blobs.PutGenerated("full", length, seed: 13);
        var asset = h.Blob("full");
        var final = Path.Combine(h.Directory, "test", "p1", "full.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);

        // A crash after the last byte but before the rename: every byte on disk, the total never recorded.
        await File.WriteAllBytesAsync(final + ".part", blob.ToArray());
        SatDownload.Downloads.PartSidecarStore.Save(final + ".part.json", new SatDownload.Downloads.PartSidecar
        {
            Identity = asset.Identity,
            ETag = blob.ETag,
            Ranges = { new long[] { 0, length } },
        });
        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, length);
        Assert.True(result.Resumed);
        var request = Assert.Single(h.Emulator.Requests.ForBlob("full"));
        Assert.Equal(416, request.StatusCode);
    }

    [Fact]
    public async Task Hung_body_is_cut_by_the_idle_timeout_and_resumed()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 1_000_000;
        var blob = h.Emulator.Blobs.PutGenerated("hang", length, seed: 14);
        h.Emulator.Faults.OnBlob("hang").OnRequest(
            async ctx =>
            {
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentLength = length;
                ctx.Response.Headers.ETag = blob.ETag;
                await ctx.Response.Body.WriteAsync(blob.ToArray().AsMemory(0, 300_000));
                await ctx.Response.Body.FlushAsync();
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
                return true;
            },
            times: 1);
        var downloader = h.CreateDownloader(new AssetDownloaderOptions { ReadIdleTimeout = TimeSpan.FromMilliseconds(300) });
        var result = await downloader.DownloadAsync(h.Blob("hang"), h.Directory, DownloadHarness.Fast with { MaxConnectionsPerFile = 1 });

        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, length);
        Assert.True(result.Resumed);
        Assert.Equal(2, result.Attempts);
        var resumed = await h.Emulator.Requests.WaitForAsync(r => r.Path.EndsWith("/hang", StringComparison.Ordinal) && r.StatusCode == 206, TimeSpan.FromSeconds(10));
        Assert.Equal("bytes=300000-", AssetDownloaderTests.Header(resumed, "Range"));
    }

    [Fact]
    public async Task Signed_url_refused_mid_download_is_resolved_again_and_continues()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 2_000_000;
        var blob = h.Emulator.Blobs.PutGenerated("sig", length, seed: 15);
        var contexts = new List<SignedUrlResolveContext>();
        var resolver = new DelegateSignedUrlResolver((asset, ctx, ct) =>
        {
            lock (contexts)
            {
                contexts.Add(ctx);
            }

            return ValueTask.FromResult(new DownloadLocation(h.Emulator.Blobs.GetSignedUrl("sig", TimeSpan.FromMinutes(5))));
        });
        var target = h.Emulator.Faults.OnBlob("sig");
        target.AbortAfterBytes(700_000, times: 1);
        target.AfterRequests(1).OnRequest(
            ctx =>
            {
                h.Emulator.Clock.Advance(TimeSpan.FromMinutes(10)); // the URL has expired by the time the body is resumed
                return Task.FromResult(false);
            },
            times: 1);
        var asset = new ImageryAsset { Provider = "iceye", ProductId = "o1", AssetKey = "grd", Resolver = resolver, SuggestedFileName = "grd.tif" };
        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory, DownloadHarness.Fast with { MaxConnectionsPerFile = 1 });

        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, length);
        Assert.Equal(new[] { ResolveReason.Initial, ResolveReason.Refused }, contexts.Select(c => c.Reason));
        Assert.Equal(403, contexts[1].RefusedStatusCode);
        var sigRequests = h.Emulator.Requests.ForBlob("sig").OrderBy(r => r.Sequence).ToList();
        var statuses = sigRequests.Select(r => r.StatusCode).ToList();
        Assert.Equal(new[] { 206, 403, 206 }, statuses);
        Assert.StartsWith("bytes=", AssetDownloaderTests.Header(sigRequests[^1], "Range"), StringComparison.Ordinal);
        Assert.NotEqual("bytes=0-", AssetDownloaderTests.Header(sigRequests[^1], "Range"));
    }

    [Fact]
    public async Task Location_past_its_expiry_is_resolved_again_before_the_next_request()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 1_500_000;
        var blob = h.Emulator.Blobs.PutGenerated("exp", length, seed: 16);
        var reasons = new List<ResolveReason>();
        var resolver = new DelegateSignedUrlResolver((asset, ctx, ct) =>
        {
            reasons.Add(ctx.Reason);
            var expires = h.Emulator.Clock.GetUtcNow() + TimeSpan.FromMinutes(5);
            return ValueTask.FromResult(new DownloadLocation(h.Emulator.Blobs.GetSignedUrl("exp", expires)) { ExpiresAt = expires });
        });
        var target = h.Emulator.Faults.OnBlob("exp");
        target.AbortAfterBytes(500_000, times: 1);

        // Time passes while the downloader waits to retry: the location it holds is now past its stated expiry.
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (p.State == DownloadState.Retrying)
            {
                h.Emulator.Clock.Advance(TimeSpan.FromMinutes(10));
            }
        });
        var asset = new ImageryAsset { Provider = "capella", ProductId = "c1", AssetKey = "slc", Resolver = resolver };
        var downloader = h.CreateDownloader(new AssetDownloaderOptions { TimeProvider = h.Emulator.Clock });
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 1, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero };
        var result = await downloader.DownloadAsync(asset, h.Directory, options, progress);

        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, length);
        Assert.Equal(new[] { ResolveReason.Initial, ResolveReason.Expired }, reasons);
        Assert.DoesNotContain(h.Emulator.Requests.ForBlob("exp"), r => r.StatusCode == 403);
    }

    [Fact]
    public async Task Parallel_segments_with_one_failing_segment_resume_that_segment_only()
    {
        await using var h = await DownloadHarness.StartAsync();
        const long length = 32L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("seg", length, seed: 17);
        h.Emulator.Faults.OnBlob("seg").AfterRequests(3).AbortAfterBytes(1_000_000, times: 1);
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 4, SegmentSizeBytes = 4L * 1024 * 1024 };
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("seg"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(17, length), length);
        var requests = h.Emulator.Requests.ForBlob("seg");
        Assert.Equal(21, requests.Count); // 4 segments, the last 4 cut into 16 tail pieces of 1 MiB, + 1 resume
        Assert.Single(requests, r => r.Aborted);
        Assert.True(result.Resumed);
        Assert.InRange(result.BytesRetransmitted, 0, Buffer);
        var aborted = requests.Single(r => r.Aborted);
        var abortedStart = long.Parse(AssetDownloaderTests.Header(aborted, "Range")!.Split('=', '-')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(requests, r => r.Sequence > aborted.Sequence &&
            long.Parse(AssetDownloaderTests.Header(r, "Range")!.Split('=', '-')[1], System.Globalization.CultureInfo.InvariantCulture) > abortedStart &&
            long.Parse(AssetDownloaderTests.Header(r, "Range")!.Split('=', '-')[1], System.Globalization.CultureInfo.InvariantCulture) % (4L * 1024 * 1024) != 0);
        var firstSequence = requests.Min(r => r.Sequence);
        Assert.All(requests.Where(r => r.Sequence != firstSequence), r => Assert.NotNull(AssetDownloaderTests.Header(r, "If-Match")));
    }

    [Fact]
    public async Task Post_produced_asset_is_streamed_and_retried_whole()
    {
        await using var h = await DownloadHarness.StartAsync();
        const int length = 700_000;
        var content = GeneratedContent.Generate(30, length);
        var calls = 0;
        h.Emulator.Faults.On("/process").OnRequest(async ctx =>
        {
            var first = Interlocked.Increment(ref calls) == 1;
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "image/tiff";
            ctx.Response.ContentLength = length;
            await ctx.Response.Body.WriteAsync(content.AsMemory(0, first ? 250_000 : length));
            await ctx.Response.Body.FlushAsync();
            if (first)
            {
                ctx.Abort();
            }

            return true;
        });
        var body = "{\"input\":{\"bounds\":[1,2,3,4]}}"u8.ToArray();
        var resolver = new DelegateSignedUrlResolver((a, c, ct) => ValueTask.FromResult(
            DownloadLocation.ForPost(new Uri(h.Emulator.BaseUri, "process"), body, headers: new Dictionary<string, string> { ["Authorization"] = "Bearer secret-token-123" })));
        var asset = new ImageryAsset { Provider = "sentinel-hub", ProductId = "process", AssetKey = "default", MediaType = "image/tiff", Resolver = resolver };
        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(30, length), length);
        Assert.EndsWith("default.tif", result.FilePath, StringComparison.Ordinal);
        Assert.Equal(2, calls);
        var posts = h.Emulator.Requests.ForPath("/process");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal("POST", p.Method);
            Assert.Null(AssetDownloaderTests.Header(p, "Range"));
            Assert.Equal("{\"input\":{\"bounds\":[1,2,3,4]}}", p.RequestBody);
        });
        Assert.InRange(result.BytesRetransmitted, 1, 250_000);
    }

    [Fact]
    public async Task Resolver_transport_error_is_retried_and_endless_refusal_is_bounded()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.PutGenerated("rz", 50_000, seed: 60);
        var calls = 0;
        var flaky = new DelegateSignedUrlResolver((a, c, ct) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new HttpRequestException("provider API unreachable")
                : ValueTask.FromResult(new DownloadLocation(h.Emulator.Blobs.GetUrl("rz"))));
        var asset = new ImageryAsset { Provider = "eos", ProductId = "p", AssetKey = "flaky", Resolver = flaky };
        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory, DownloadHarness.Fast);
        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, 50_000);
        Assert.Equal(2, calls);

        var refusals = new List<SignedUrlResolveContext>();
        var revoked = new DelegateSignedUrlResolver((a, c, ct) =>
        {
            refusals.Add(c);
            return ValueTask.FromResult(new DownloadLocation(h.Emulator.Blobs.GetSignedUrl("rz", TimeSpan.FromMinutes(1))));
        });
        h.Emulator.Faults.OnBlob("rz").RespondWithStatus(403, times: int.MaxValue, body: "<Error><Code>AccessDenied</Code></Error>", contentType: "application/xml");
        var denied = await h.CreateDownloader(new AssetDownloaderOptions { MaxResolverRefreshes = 2 })
            .DownloadAsync(new ImageryAsset { Provider = "eos", ProductId = "p", AssetKey = "revoked", Resolver = revoked }, h.Directory, DownloadHarness.Fast);
        Assert.False(denied.Succeeded);
        var error = Assert.IsType<ProviderRequestException>(denied.Exception);
        Assert.Equal(403, error.Status);
        Assert.Contains("after 2 fresh locations", error.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch("sig=[^*]", error.Message + error.BodyExcerpt);
        Assert.Equal(new[] { ResolveReason.Initial, ResolveReason.Refused, ResolveReason.Refused }, refusals.Select(r => r.Reason));
        Assert.False(File.Exists(denied.FilePath));
    }
}
