using System.Runtime.InteropServices;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>Disk space: a partial file's size is reserved before its body is read, so a full disk fails at once.</summary>
public class AssetDownloaderDiskSpaceTests
{
    [Fact]
    public async Task A_file_larger_than_the_free_space_fails_before_its_body_is_read()
    {
        await using var h = await DownloadHarness.StartAsync();
        if (LargerThanFreeSpace(h.Directory) is not { } size)
        {
            return; // not Linux, or a file system without fallocate: files are written without a reservation there
        }

        h.Emulator.Blobs.PutGenerated("huge", size, seed: 41);

        var result = await h.CreateDownloader().DownloadAsync(h.Blob("huge"), h.Directory, DownloadHarness.Fast);

        Assert.False(result.Succeeded);
        var ex = Assert.IsType<IOException>(result.Exception);
        Assert.Contains("no room on the disk", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{size} bytes are needed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("choose another destination directory", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.BytesWritten);

        var final = Path.Combine(h.Directory, "test", "p1", "huge.bin");
        Assert.False(File.Exists(final));
        Assert.False(File.Exists(final + ".part") && new FileInfo(final + ".part").Length > 0);

        // One request: its headers told the size and its body was abandoned unread (the server's entry is logged when
        // it notices; at most what loopback buffers held was sent).
        var entry = await h.Emulator.Requests.WaitForAsync(e => e.Path.EndsWith("/huge", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(entry.BytesSent < 64L * 1024 * 1024, $"{entry.BytesSent} bytes were sent");
        Assert.Single(h.Emulator.Requests.ForBlob("huge"));
    }

    [Fact]
    public async Task Without_the_reservation_the_same_file_starts_downloading()
    {
        await using var h = await DownloadHarness.StartAsync();
        if (LargerThanFreeSpace(h.Directory) is not { } size)
        {
            return;
        }

        h.Emulator.Blobs.PutGenerated("huge", size, seed: 42);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (p.BytesDownloaded > 0)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateDownloader(new AssetDownloaderOptions { ReserveDiskSpace = false })
            .DownloadAsync(h.Blob("huge"), h.Directory, DownloadHarness.Fast with { MaxConnectionsPerFile = 1 }, progress, cts.Token));

        Assert.True(new FileInfo(Path.Combine(h.Directory, "test", "p1", "huge.bin.part")).Length > 0);
    }

    [Fact]
    public async Task Reserving_space_leaves_the_partial_file_as_long_as_its_bytes_and_resumable()
    {
        // The reservation keeps the file's length: a cancelled download's .part is as long as what it holds, and a
        // second run resumes it to a byte-identical file.
        await using var h = await DownloadHarness.StartAsync();
        const long length = 8L * 1024 * 1024;
        h.Emulator.Blobs.PutGenerated("r", length, seed: 43);
        h.Emulator.Faults.OnBlob("r").PaceBody(16_000_000);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (p.BytesDownloaded >= 2L * 1024 * 1024)
            {
                cts.Cancel();
            }
        });
        var options = DownloadHarness.Fast with { MaxConnectionsPerFile = 1 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateDownloader().DownloadAsync(h.Blob("r"), h.Directory, options, progress, cts.Token));

        var part = Path.Combine(h.Directory, "test", "p1", "r.bin.part");
        Assert.InRange(new FileInfo(part).Length, 1, length - 1);

        h.Emulator.Faults.Clear();
        var second = await h.CreateDownloader().DownloadAsync(h.Blob("r"), h.Directory, options);
        DownloadHarness.AssertDownloaded(second, GeneratedContent.ComputeSha256Hex(43, length), length);
        Assert.True(second.Resumed);
    }

    /// <summary>
    /// A size the directory's disk cannot hold (four times its free space, at least 1 TiB, under ext4's 16 TiB file
    /// limit), or null when this file system cannot reserve space (the test's own fallocate probe).
    /// </summary>
    private static long? LargerThanFreeSpace(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var probe = Path.Combine(directory, "probe.bin");
        int result;
        using (var file = File.OpenHandle(probe, FileMode.Create, FileAccess.ReadWrite))
        {
            result = Fallocate(file, 1 /* FALLOC_FL_KEEP_SIZE */, 0, 1024 * 1024);
        }

        File.Delete(probe);
        var free = new DriveInfo(directory).AvailableFreeSpace;
        var size = Math.Max(1L << 40, free * 4);
        return result == 0 && size < 15L << 40 ? size : null;
    }

    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fallocate(Microsoft.Win32.SafeHandles.SafeFileHandle fd, int mode, long offset, long length);
}
