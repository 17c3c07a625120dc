using System.Formats.Tar;
using System.Text;

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

    [Fact]
    public async Task Writes_one_file_per_identifier_and_never_outside_the_destination()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tar-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var tar = Tar(("default.tif", "tiff", TarEntryType.RegularFile), ("../../evil.json", "{}", TarEntryType.RegularFile), ("/abs/userdata.json", "{\"a\":1}", TarEntryType.RegularFile), ("link", string.Empty, TarEntryType.SymbolicLink));
            var files = await TarResponseExtractor.ExtractAsync(tar, dir, "r000_c000_");

            Assert.Equal("tiff", await File.ReadAllTextAsync(files["default"]));
            Assert.Equal("{\"a\":1}", await File.ReadAllTextAsync(files["userdata"]));
            Assert.Equal(Path.Combine(dir, "r000_c000_evil.json"), files["evil"]);
            Assert.False(files.ContainsKey("link"));
            Assert.Equal(3, Directory.GetFiles(dir).Length);
            Assert.False(File.Exists(Path.Combine(dir, "..", "..", "evil.json")));
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
