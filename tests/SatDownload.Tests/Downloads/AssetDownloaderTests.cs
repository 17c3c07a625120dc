using System.Collections.Concurrent;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>Whole-file behaviour over real loopback HTTP against the emulator blob store.</summary>
public class AssetDownloaderTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1024L * 1024)]
    [InlineData(64L * 1024 * 1024)]
    public async Task Downloads_files_of_any_size_byte_identical(long length)
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("f", length, seed: 3);
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("f"), h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(3, length), length);
        Assert.Equal(Path.Combine(h.Directory, "test", "p1", "f.bin"), result.FilePath);
        Assert.False(result.Resumed);
        Assert.Equal(0, result.BytesRetransmitted);
        Assert.True(result.Attempts >= 1);
        if (length > 16L * 1024 * 1024)
        {
            // 64 MiB with 16 MiB segments and 4 connections: the first segment, then the other three (the last ones of
            // the file) each cut into four 4 MiB tail pieces; all ranged and pinned to one ETag.
            var requests = h.Emulator.Requests.ForBlob("f");
            Assert.Equal(13, requests.Count);
            Assert.All(requests, r => Assert.Equal(206, r.StatusCode));
            Assert.Equal(12, requests.Count(r => Header(r, "If-Match") is not null));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Releasing_written_pages_while_segments_finish_out_of_order_keeps_the_file_byte_identical(bool release)
    {
        // Checkpoints every MiB release the flushed, hashed prefix from the page cache while later segments still wait
        // to be hashed back from the file: the release must never reach bytes the hash has not read yet.
        await using var h = await DownloadHarness.StartAsync();
        const long length = 24L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("pages", length, seed: 33);
        var downloader = h.CreateDownloader(new AssetDownloaderOptions { CheckpointBytes = 1024 * 1024, ReleaseWrittenPages = release });
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 4, SegmentSizeBytes = 2L * 1024 * 1024, BufferSize = 256 * 1024 };

        var result = await downloader.DownloadAsync(h.Blob("pages"), h.Directory, options);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(33, length), length);
        Assert.Equal(12, h.Emulator.Requests.ForBlob("pages").Count);
    }

    [Fact]
    public async Task Released_pages_leave_the_page_cache_and_kept_ones_stay()
    {
        await using var h = await DownloadHarness.StartAsync();
        if (!PageCacheDropsHere(h.Directory))
        {
            return; // e.g. tmpfs, or not Linux: nothing to observe; integrity is covered by the test above
        }

        const long length = 16L * 1024 * 1024;
        const long prefix = 8L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("released", length, seed: 34);
        h.Emulator.Blobs.PutGenerated("kept", length, seed: 35);
        h.Emulator.Faults.OnBlob("released").PaceBody(32_000_000); // half a second: checkpoints every MiB run along the way
        h.Emulator.Faults.OnBlob("kept").PaceBody(32_000_000);
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 1 };

        var released = await h.CreateDownloader(new AssetDownloaderOptions { CheckpointBytes = 1024 * 1024 }).DownloadAsync(h.Blob("released"), h.Directory, options);
        var kept = await h.CreateDownloader(new AssetDownloaderOptions { CheckpointBytes = 1024 * 1024, ReleaseWrittenPages = false }).DownloadAsync(h.Blob("kept"), h.Directory, options);

        // Measured before the byte checks below, which read the files (and so bring their pages back).
        var releasedShare = PageResidency.ResidentShare(released.FilePath!, prefix);
        var keptShare = PageResidency.ResidentShare(kept.FilePath!, prefix);
        DownloadHarness.AssertDownloaded(released, GeneratedContent.ComputeSha256Hex(34, length), length);
        DownloadHarness.AssertDownloaded(kept, GeneratedContent.ComputeSha256Hex(35, length), length);
        Assert.InRange(releasedShare!.Value, 0, 0.5);
        Assert.InRange(keptShare!.Value, 0.9, 1);
    }

    /// <summary>Whether this file system drops clean pages when told to (tmpfs keeps them: they are the file).</summary>
    private static bool PageCacheDropsHere(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var path = Path.Combine(directory, "probe.bin");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1))
        {
            file.Write(new byte[1024 * 1024]);
            file.Flush(flushToDisk: true);
            PageResidency.Drop(file.SafeFileHandle, file.Length);
        }

        var share = PageResidency.ResidentShare(path, 1024 * 1024);
        File.Delete(path);
        return share is < 0.5;
    }

    [Fact]
    public async Task Plain_url_asset_from_FromUrl_downloads_without_resolver()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.Put("dir/scene.tif", "hello world"u8.ToArray(), "image/tiff");
        var asset = ImageryAsset.FromUrl(h.Emulator.Blobs.GetUrl("dir/scene.tif"));
        var result = await h.CreateDownloader().DownloadAsync(asset, h.Directory);
        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, 11);
        Assert.EndsWith("scene.tif", result.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_names_land_inside_the_destination()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.PutGenerated("evil", 1000, seed: 5);
        var assets = new[]
        {
            h.Blob("evil") with { AssetKey = "../../etc/passwd", SuggestedFileName = null },
            h.Blob("evil") with { Provider = "..", ProductId = "../..", AssetKey = "x", SuggestedFileName = "../../x.sh" },
            h.Blob("evil") with { ProductId = "a\u0000b", AssetKey = "CON", SuggestedFileName = "C:\\Windows\\evil.exe" },
        };
        var results = await h.CreateDownloader().DownloadAsync(assets, h.Directory, DownloadHarness.Fast);
        var root = Path.GetFullPath(h.Directory) + Path.DirectorySeparatorChar;
        Assert.Equal(3, results.Count);
        foreach (var r in results)
        {
            DownloadHarness.AssertDownloaded(r, blob.Sha256Hex, 1000);
            Assert.StartsWith(root, Path.GetFullPath(r.FilePath!), StringComparison.Ordinal);
        }

        Assert.Equal(Path.Combine(root, "test", "p1", ".._.._etc_passwd"), results[0].FilePath);
        Assert.Equal(Path.Combine(root, "_", ".._", "x.sh"), results[1].FilePath);
        Assert.Equal(Path.Combine(root, "test", "a_b", "_CON.exe"), results[2].FilePath);
    }

    [Fact]
    public async Task Hundred_small_assets_respect_the_concurrency_limit()
    {
        await using var h = await DownloadHarness.StartAsync();
        var assets = new List<ImageryAsset>();
        for (var i = 0; i < 100; i++)
        {
            h.Emulator.Blobs.PutGenerated($"s{i}", 4096 + i, seed: i);
            assets.Add(h.Blob($"s{i}"));
        }

        var active = new ConcurrentDictionary<string, byte>();
        var maxActive = 0;
        DownloadProgress? lastAggregate = null;
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (p.IsAggregate)
            {
                lastAggregate = p;
                return;
            }

            if (p.State is DownloadState.Downloading or DownloadState.Resuming or DownloadState.Verifying)
            {
                active[p.Asset!.Identity] = 0;
            }
            else
            {
                active.TryRemove(p.Asset!.Identity, out _);
            }

            maxActive = Math.Max(maxActive, active.Count);
        });

        var results = await h.CreateDownloader().DownloadAsync(assets, h.Directory, DownloadHarness.Fast with { MaxConcurrentDownloads = 4 }, progress);
        Assert.Equal(100, results.Count);
        for (var i = 0; i < 100; i++)
        {
            Assert.Same(assets[i], results[i].Asset);
            DownloadHarness.AssertDownloaded(results[i], GeneratedContent.ComputeSha256Hex(i, 4096 + i), 4096 + i);
        }

        Assert.InRange(maxActive, 1, 4);
        Assert.NotNull(lastAggregate);
        Assert.Equal(100, lastAggregate.FilesCompleted);
        Assert.Equal(100, lastAggregate.FilesTotal);
        Assert.Equal(DownloadState.Done, lastAggregate.State);
    }

    [Fact]
    public async Task Invalid_assets_are_rejected_before_any_request()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("ok", 10, seed: 1);
        var downloader = h.CreateDownloader();
        var s3 = h.Blob("ok") with { Href = new Uri("s3://bucket/key.tif"), AssetKey = "s3" };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => downloader.DownloadAsync(new[] { h.Blob("ok"), s3 }, h.Directory));
        Assert.Contains("test/p1/s3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Resolver", ex.Message, StringComparison.Ordinal);

        var dup = await Assert.ThrowsAsync<ArgumentException>(() => downloader.DownloadAsync(new[] { h.Blob("ok"), h.Blob("ok") }, h.Directory));
        Assert.Contains("both be saved", dup.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => downloader.DownloadAsync(new[] { h.Blob("ok") }, h.Directory, new DownloadOptions { BufferSize = 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => downloader.DownloadAsync(new[] { h.Blob("ok") }, h.Directory, new DownloadOptions { FileNameTemplate = "{oops}" }));
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact]
    public async Task Existing_file_policies()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.PutGenerated("e", 5000, seed: 9);
        var downloader = h.CreateDownloader();
        var first = await downloader.DownloadAsync(h.Blob("e", size: 5000), h.Directory, DownloadHarness.Fast);
        DownloadHarness.AssertDownloaded(first, blob.Sha256Hex, 5000);
        var requests = h.Emulator.Requests.Count;

        var skipped = await downloader.DownloadAsync(h.Blob("e", size: 5000), h.Directory, DownloadHarness.Fast with { ExistingFilePolicy = ExistingFilePolicy.SkipIfComplete });
        Assert.True(skipped.Succeeded);
        Assert.True(skipped.Skipped);
        Assert.Equal(5000, skipped.BytesWritten);
        Assert.Equal(requests, h.Emulator.Requests.Count);

        var failed = await downloader.DownloadAsync(h.Blob("e"), h.Directory, DownloadHarness.Fast with { ExistingFilePolicy = ExistingFilePolicy.Fail });
        Assert.False(failed.Succeeded);
        Assert.IsType<IOException>(failed.Exception);
        Assert.Contains("ExistingFilePolicy is Fail", failed.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(requests, h.Emulator.Requests.Count);

        var changed = h.Emulator.Blobs.ChangeContent("e");
        var overwritten = await downloader.DownloadAsync(h.Blob("e"), h.Directory, DownloadHarness.Fast with { ExistingFilePolicy = ExistingFilePolicy.Overwrite });
        DownloadHarness.AssertDownloaded(overwritten, changed.Sha256Hex, 5000);
        Assert.NotEqual(blob.Sha256Hex, changed.Sha256Hex);
    }

    [Fact]
    public async Task Published_checksums_are_verified()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.PutGenerated("c", 300_000, seed: 21);
        var md5 = Convert.ToHexString(blob.Md5.Span).ToLowerInvariant();
        var downloader = h.CreateDownloader();
        var good = await downloader.DownloadAsync(
            h.Blob("c", key: "good") with { Checksums = new[] { AssetChecksum.Sha256(blob.Sha256Hex), AssetChecksum.Md5(md5) } },
            h.Directory,
            DownloadHarness.Fast);
        DownloadHarness.AssertDownloaded(good, blob.Sha256Hex, 300_000);

        var bad = await downloader.DownloadAsync(
            h.Blob("c", key: "bad") with { Checksums = new[] { AssetChecksum.Sha256(new string('a', 64)) } },
            h.Directory,
            DownloadHarness.Fast);
        Assert.False(bad.Succeeded);
        var ex = Assert.IsType<DownloadIntegrityException>(bad.Exception);
        Assert.Contains(blob.Sha256Hex, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(bad.FilePath));
        Assert.False(File.Exists(bad.FilePath + ".part"));
        Assert.False(File.Exists(bad.FilePath + ".part.json"));
    }

    [Fact]
    public async Task One_failure_does_not_hide_the_others_unless_asked()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.PutGenerated("ok", 2000, seed: 4);
        var missing = h.Blob("missing");
        var downloader = h.CreateDownloader();
        var results = await downloader.DownloadAsync(new[] { missing, h.Blob("ok") }, h.Directory, DownloadHarness.Fast);
        Assert.False(results[0].Succeeded);
        var error = Assert.IsType<ProviderRequestException>(results[0].Exception);
        Assert.Equal(404, error.Status);
        Assert.DoesNotContain("sig=", error.Message, StringComparison.Ordinal);
        DownloadHarness.AssertDownloaded(results[1], blob.Sha256Hex, 2000);

        await Assert.ThrowsAsync<ProviderRequestException>(() =>
            downloader.DownloadAsync(new[] { missing }, h.Directory, DownloadHarness.Fast with { StopOnFirstFailure = true }));
    }

    [Fact]
    public async Task Progress_is_throttled_and_ends_done()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Blobs.PutGenerated("slow", 2_000_000, seed: 8);
        h.Emulator.Faults.OnBlob("slow").PaceBody(4_000_000);
        var reports = new List<DownloadProgress>();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });
        var started = DateTime.UtcNow;
        var result = await h.CreateDownloader().DownloadAsync(h.Blob("slow"), h.Directory, DownloadHarness.Fast with { MaxConnectionsPerFile = 1 }, progress);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(8, 2_000_000), 2_000_000);

        var perAsset = reports.Where(r => !r.IsAggregate).ToList();
        var byteReports = perAsset.Count(r => r.State == DownloadState.Downloading);
        Assert.InRange(byteReports, 2, (int)Math.Ceiling(seconds * 10) + 3);
        Assert.Equal(DownloadState.Done, perAsset[^1].State);
        Assert.Equal(2_000_000, perAsset[^1].BytesDownloaded);
        Assert.Equal(1.0, perAsset[^1].Fraction);
        Assert.Contains(perAsset, r => r.State == DownloadState.Verifying);
        Assert.Contains(perAsset, r => r.BytesPerSecond > 0 && r.EstimatedRemaining is not null);
        Assert.Contains(reports, r => r.IsAggregate);
    }

    [Fact]
    public async Task Works_with_an_http_client_factory_and_reports_queued_first()
    {
        await using var h = await DownloadHarness.StartAsync();
        var blob = h.Emulator.Blobs.PutGenerated("fac", 70_000, seed: 31);
        var factory = new SingleClientFactory(h.Http);
        var states = new List<DownloadState>();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (!p.IsAggregate)
            {
                states.Add(p.State);
            }
        });
        var result = await new AssetDownloader(factory).DownloadAsync(h.Blob("fac"), h.Directory, DownloadHarness.Fast, progress);
        DownloadHarness.AssertDownloaded(result, blob.Sha256Hex, 70_000);
        Assert.Equal("SatDownload.Downloads", factory.LastName);
        Assert.Equal(DownloadState.Queued, states[0]);
        Assert.Equal(DownloadState.Done, states[^1]);
    }

    internal static string? Header(RequestLogEntry entry, string name) =>
        entry.Headers.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
