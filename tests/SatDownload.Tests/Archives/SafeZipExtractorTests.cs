using System.IO.Compression;
using SatDownload.Archives;

namespace SatDownload.Tests.Archives;

public sealed class SafeZipExtractorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "satdownload-zip", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries) => ZipBuilder.Zip(entries);

    [Fact]
    public async Task Normal_archives_are_extracted_with_folders_and_listed()
    {
        var extracted = await new SafeZipExtractor().ExtractAsync(Zip(("B04.tif", [1, 2, 3]), ("metadata/MTD.xml", [4, 5])), _dir);
        Assert.Equal(["B04.tif", "metadata/MTD.xml"], extracted.Select(f => f.EntryName));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_dir, "B04.tif")));
        Assert.Equal(2, new FileInfo(Path.Combine(_dir, "metadata", "MTD.xml")).Length);
        Assert.Equal(3, extracted[0].Length);
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("a/../../evil.txt")]
    [InlineData("/etc/evil.txt")]
    [InlineData("C:/evil.txt")]
    [InlineData("..\\evil.txt")]
    public async Task Entries_escaping_the_folder_are_refused_before_anything_is_written(string name)
    {
        var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor().ExtractAsync(Zip(("good.txt", [1]), (name, [2])), _dir));
        Assert.Equal(name, ex.EntryName);
        Assert.False(File.Exists(Path.Combine(_dir, "good.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_dir)!, "evil.txt")));
    }

    [Fact]
    public async Task A_highly_compressed_entry_is_stopped_as_a_zip_bomb_and_cleaned_up()
    {
        var bomb = new byte[8 * 1024 * 1024];
        var limits = new ArchiveExtractionLimits { MaxCompressionRatio = 100, RatioCheckThresholdBytes = 1024 * 1024 };
        var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor(limits).ExtractAsync(Zip(("first.bin", [1, 2]), ("bomb.bin", bomb)), _dir));
        Assert.Contains("zip bombs", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public async Task Entry_total_and_count_limits_are_enforced_on_inflated_bytes()
    {
        var payload = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray();
        await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor(new ArchiveExtractionLimits { MaxEntryBytes = 4000 }).ExtractAsync(Zip(("a", payload)), _dir));
        await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor(new ArchiveExtractionLimits { MaxTotalBytes = 9000 }).ExtractAsync(Zip(("a", payload), ("b", payload)), _dir));
        var count = await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor(new ArchiveExtractionLimits { MaxEntries = 1 }).ExtractAsync(Zip(("a", [1]), ("b", [2])), _dir));
        Assert.Contains("MaxEntries", count.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_dir) ? Directory.GetFiles(_dir, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Symbolic_links_and_duplicate_entries_are_refused()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var link = zip.CreateEntry("link");
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using var s = link.Open();
            s.Write("/etc/passwd"u8);
        }

        ms.Position = 0;
        Assert.Equal(ArchiveRefusalReason.LinkOrSpecialEntry, (await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor().ExtractAsync(ms, _dir))).Reason);
        Assert.Equal(ArchiveRefusalReason.DuplicateEntry, (await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor().ExtractAsync(Zip(("a.txt", [1]), ("a.txt", [2])), _dir))).Reason);
        Assert.Empty(Directory.Exists(_dir) ? Directory.GetFileSystemEntries(_dir) : []);
    }

    [Fact]
    public void Bad_limits_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafeZipExtractor(new ArchiveExtractionLimits { MaxEntries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SafeZipExtractor(new ArchiveExtractionLimits { MaxCompressionRatio = 0.5 }));
    }

    [Fact]
    public async Task Reserved_names_and_case_collisions_are_extracted_contained_and_unique()
    {
        var extracted = await new SafeZipExtractor().ExtractAsync(Zip(("CON", [1]), ("B04.tif", [2]), ("b04.TIF", [3]), ("Meta/a.xml", [4]), ("META/b.xml", [5])), _dir);
        Assert.Equal(["CON", "B04.tif", "b04.TIF", "Meta/a.xml", "META/b.xml"], extracted.Select(f => f.EntryName));
        Assert.Equal(
            ["_CON", "B04.tif", "b04~2.TIF", "Meta/a.xml", "Meta/b.xml"],
            extracted.Select(f => Path.GetRelativePath(_dir, f.Path).Replace(Path.DirectorySeparatorChar, '/')));
        for (var i = 0; i < extracted.Count; i++)
        {
            Assert.Equal([(byte)(i + 1)], await File.ReadAllBytesAsync(extracted[i].Path));
        }
    }

    [Fact]
    public async Task A_refused_archive_leaves_files_already_in_the_folder_untouched_and_no_partial_files()
    {
        Directory.CreateDirectory(_dir);
        var existing = Path.Combine(_dir, "a.tif");
        await File.WriteAllBytesAsync(existing, [9, 9, 9]);
        var payload = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray();
        var limits = new ArchiveExtractionLimits { MaxTotalBytes = 7000 };
        var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => new SafeZipExtractor(limits).ExtractAsync(Zip(("a.tif", payload), ("sub/b.tif", payload)), _dir));
        Assert.Equal(ArchiveRefusalReason.TotalTooLarge, ex.Reason);
        Assert.Equal([9, 9, 9], await File.ReadAllBytesAsync(existing));
        Assert.Equal([existing], Directory.GetFileSystemEntries(_dir, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_successful_extraction_replaces_existing_files_of_the_same_name()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllBytesAsync(Path.Combine(_dir, "a.tif"), [9, 9, 9]);
        var files = await new SafeZipExtractor().ExtractAsync(Zip(("a.tif", [1])), _dir);
        Assert.Equal([1], await File.ReadAllBytesAsync(files[0].Path));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Cancellation_removes_everything_written()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SafeZipExtractor().ExtractAsync(Zip(("a/b.tif", [1])), _dir, cts.Token));
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_an_invalid_data_exception()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => new SafeZipExtractor().ExtractAsync(new MemoryStream("<html>not a zip</html>"u8.ToArray()), _dir));
    }
}
