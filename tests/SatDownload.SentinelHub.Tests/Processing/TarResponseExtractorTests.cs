using System.Formats.Tar;
using System.Text;
using SatDownload.Archives;

namespace SatDownload.SentinelHub.Tests.Processing;

public sealed class TarResponseExtractorTests
{
    private static MemoryStream Tar(params (string Name, string Content, TarEntryType Type)[] entries)
    {
        var ms = new MemoryStream();
        using (var w = new TarWriter(ms, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content, type) in entries)
            {
                var e = new UstarTarEntry(type, name);
                if (type == TarEntryType.SymbolicLink)
                {
                    e.LinkName = "/etc/passwd";
                }
                else
                {
                    e.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
                }

                w.WriteEntry(e);
            }
        }

        ms.Position = 0;
        return ms;
    }

    private static string NewDir() => Path.Combine(Path.GetTempPath(), "tar-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Writes_one_file_per_identifier_with_the_prefix()
    {
        var dir = NewDir();
        try
        {
            using var tar = Tar(("default.tif", "tiff", TarEntryType.RegularFile), ("userdata.json", "{\"a\":1}", TarEntryType.RegularFile));
            var files = await TarResponseExtractor.ExtractAsync(tar, dir, "r000_c000_");

            Assert.Equal("tiff", await File.ReadAllTextAsync(files["default"]));
            Assert.Equal(Path.Combine(dir, "r000_c000_default.tif"), files["default"]);
            Assert.Equal("{\"a\":1}", await File.ReadAllTextAsync(files["userdata"]));
            Assert.Equal(2, Directory.GetFiles(dir).Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("../../evil.json", ArchiveRefusalReason.PathEscape)]
    [InlineData("/abs/userdata.json", ArchiveRefusalReason.PathEscape)]
    [InlineData("C:/windows/evil.json", ArchiveRefusalReason.PathEscape)]
    [InlineData("link", ArchiveRefusalReason.LinkOrSpecialEntry)]
    [InlineData("default.tif", ArchiveRefusalReason.DuplicateEntry)]
    [InlineData("default.png", ArchiveRefusalReason.DuplicateEntry)]
    public async Task Hostile_members_refuse_the_whole_tar_and_leave_nothing(string hostile, ArchiveRefusalReason reason)
    {
        var dir = NewDir();
        try
        {
            var type = hostile == "link" ? TarEntryType.SymbolicLink : TarEntryType.RegularFile;
            using var tar = Tar(("default.tif", "tiff", TarEntryType.RegularFile), (hostile, "{}", type));

            var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => TarResponseExtractor.ExtractAsync(tar, dir));

            Assert.Equal(reason, ex.Reason);
            Assert.Empty(Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
            Assert.False(File.Exists(Path.Combine(dir, "..", "..", "evil.json")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Entry_count_entry_size_and_total_size_limits_are_enforced()
    {
        var dir = NewDir();
        try
        {
            var many = Enumerable.Range(0, 5).Select(i => ($"out{i}.json", "{}", TarEntryType.RegularFile)).ToArray();
            using (var tar = Tar(many))
            {
                var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => TarResponseExtractor.ExtractAsync(tar, dir, string.Empty, new ArchiveExtractionLimits { MaxEntries = 4 }));
                Assert.Equal(ArchiveRefusalReason.TooManyEntries, ex.Reason);
            }

            using (var tar = Tar(("default.tif", new string('x', 2000), TarEntryType.RegularFile)))
            {
                var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => TarResponseExtractor.ExtractAsync(tar, dir, string.Empty, new ArchiveExtractionLimits { MaxEntryBytes = 1000 }));
                Assert.Equal(ArchiveRefusalReason.EntryTooLarge, ex.Reason);
            }

            using (var tar = Tar(("a.tif", new string('x', 800), TarEntryType.RegularFile), ("b.tif", new string('y', 800), TarEntryType.RegularFile)))
            {
                var ex = await Assert.ThrowsAsync<UnsafeArchiveException>(() => TarResponseExtractor.ExtractAsync(tar, dir, string.Empty, new ArchiveExtractionLimits { MaxTotalBytes = 1000 }));
                Assert.Equal(ArchiveRefusalReason.TotalTooLarge, ex.Reason);
            }

            Assert.Empty(Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
            Assert.Equal(64, TarResponseExtractor.DefaultLimits.MaxEntries);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Rejects_a_prefix_that_is_a_path()
    {
        using var tar = Tar(("default.tif", "x", TarEntryType.RegularFile));
        await Assert.ThrowsAsync<ArgumentException>(() => TarResponseExtractor.ExtractAsync(tar, Path.GetTempPath(), "../x"));
    }
}
