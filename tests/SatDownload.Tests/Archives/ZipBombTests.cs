using System.Diagnostics;
using System.IO.Compression;
using SatDownload.Archives;

namespace SatDownload.Tests.Archives;

/// <summary>
/// Real zip bombs, built in the test, are refused with the default limits in bounded time and memory and leave nothing
/// on disk.
/// </summary>
/// <remarks>Runs alone: the memory bound is read from the process-wide allocation counter.</remarks>
[Collection(nameof(ZipBombTests))]
public sealed class ZipBombTests : IDisposable
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(20);
    private const long MemoryBound = 96L * 1024 * 1024;
    // Built once: deflating a gibibyte takes seconds, and two tests use it.
    private static readonly Lazy<byte[]> GibibyteBomb = new(() => ZipBuilder.ZerosBomb("zeros.tif", 1L << 30, CompressionLevel.Optimal).ToArray());
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "satdownload-zipbomb", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private async Task<UnsafeArchiveException> RefusedWithinBounds(Stream zip, ArchiveExtractionLimits? limits = null)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeBound);
        var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor(limits).ExtractAsync(zip, _dir, timeout.Token));
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(clock.Elapsed < TimeBound, $"took {clock.Elapsed}");
        Assert.True(allocated < MemoryBound, $"allocated {allocated} bytes");
        Assert.Empty(Directory.Exists(_dir) ? Directory.GetFileSystemEntries(_dir, "*", SearchOption.AllDirectories) : []);
        return ex;
    }

    [Fact]
    public async Task A_gigabyte_of_zeros_in_a_megabyte_is_stopped_by_the_ratio_after_about_one_mebibyte()
    {
        using var bomb = new MemoryStream(GibibyteBomb.Value);
        Assert.True(bomb.Length < 4 * 1024 * 1024, $"bomb is {bomb.Length} bytes");
        var ex = await RefusedWithinBounds(bomb);
        Assert.Equal(ArchiveRefusalReason.CompressionRatio, ex.Reason);
        Assert.Equal("zeros.tif", ex.EntryName);
        Assert.Contains("zip bombs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bomb_with_a_generous_ratio_still_stops_at_the_entry_size_limit()
    {
        using var bomb = ZipBuilder.ZerosBomb("zeros.tif", 256L * 1024 * 1024);
        var limits = new ArchiveExtractionLimits { MaxCompressionRatio = 1_000_000, MaxEntryBytes = 16L * 1024 * 1024 };
        var ex = await RefusedWithinBounds(bomb, limits);
        Assert.Equal(ArchiveRefusalReason.EntryTooLarge, ex.Reason);
    }

    [Fact]
    public async Task A_nested_bomb_whose_inner_zip_is_stored_is_refused_at_the_outer_level()
    {
        // The inner zip stores 64 MiB of zeros uncompressed; the outer zip deflates that to almost nothing.
        using var inner = ZipBuilder.ZerosBomb("zeros.bin", 64L * 1024 * 1024, CompressionLevel.NoCompression);
        using var outer = ZipBuilder.Zip(("layer1.zip", inner.ToArray()));
        var ex = await RefusedWithinBounds(outer);
        Assert.Equal(ArchiveRefusalReason.CompressionRatio, ex.Reason);
        Assert.Equal("layer1.zip", ex.EntryName);
    }

    [Fact]
    public async Task Nested_zips_are_written_as_files_and_never_opened()
    {
        // 16 copies of a 1 GiB bomb: 16 GiB if an extractor recursed, a few MiB of zip files here.
        var innerBytes = GibibyteBomb.Value;
        using var outer = ZipBuilder.Zip(CompressionLevel.NoCompression, Enumerable.Range(0, 16).Select(i => ($"inner{i}.zip", innerBytes)).ToArray());
        var files = await new SafeZipExtractor().ExtractAsync(outer, _dir);
        Assert.Equal(16, files.Count);
        Assert.All(files, f => Assert.Equal(innerBytes.Length, new FileInfo(f.Path).Length));
        Assert.Equal(16L * innerBytes.Length, Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
    }

    [Fact]
    public async Task A_header_that_understates_the_size_is_refused_not_silently_truncated()
    {
        using var honest = ZipBuilder.Zip(("data.bin", Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31 % 251)).ToArray()));
        using var lying = ZipBuilder.WithDeclaredSize(honest, 1000);
        var ex = await RefusedWithinBounds(lying);
        Assert.Equal("data.bin", ex.EntryName);
        Assert.Equal(ArchiveRefusalReason.ChecksumMismatch, ex.Reason);
        Assert.Contains("lies about the size", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_that_overstates_the_size_is_refused()
    {
        using var honest = ZipBuilder.Zip(("data.bin", Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray()));
        using var lying = ZipBuilder.WithDeclaredSize(honest, 5000);
        var ex = await RefusedWithinBounds(lying);
        Assert.Equal(ArchiveRefusalReason.SizeMismatch, ex.Reason);
        Assert.Contains("declares 5000 bytes but inflated to 1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_declaring_more_than_the_limits_is_refused_before_inflating()
    {
        using var honest = ZipBuilder.Zip(("data.bin", [1, 2, 3]));
        using var lying = ZipBuilder.WithDeclaredSize(honest, uint.MaxValue - 1);
        var ex = await RefusedWithinBounds(lying, new ArchiveExtractionLimits { MaxEntryBytes = 1L << 30 });
        Assert.Equal(ArchiveRefusalReason.EntryTooLarge, ex.Reason);
        Assert.Contains("declares", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_thousand_tiny_entries_are_refused_before_anything_is_written()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 100_000; i++)
            {
                zip.CreateEntry("f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), CompressionLevel.NoCompression);
            }
        }

        ms.Position = 0;
        var ex = await RefusedWithinBounds(ms);
        Assert.Equal(ArchiveRefusalReason.TooManyEntries, ex.Reason);
        Assert.Contains("100000 entries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxEntries (10000)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_entries_each_under_the_ratio_threshold_are_stopped_by_the_archive_wide_ratio()
    {
        var entries = Enumerable.Range(0, 200).Select(i => ($"tile{i}.bin", new byte[60 * 1024])).ToArray();
        using var bomb = ZipBuilder.Zip(CompressionLevel.SmallestSize, entries);
        var limits = new ArchiveExtractionLimits { RatioCheckThresholdBytes = 64 * 1024 };
        var ex = await RefusedWithinBounds(bomb, limits);
        Assert.Equal(ArchiveRefusalReason.CompressionRatio, ex.Reason);
        Assert.Contains("The archive expands", ex.Message, StringComparison.Ordinal);
    }
}
