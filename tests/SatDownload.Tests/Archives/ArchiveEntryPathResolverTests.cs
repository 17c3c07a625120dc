using SatDownload.Archives;

namespace SatDownload.Tests.Archives;

public sealed class ArchiveEntryPathResolverTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "satdownload-resolver-root");

    private static string Relative(string? full) => Path.GetRelativePath(Root, full!).Replace(Path.DirectorySeparatorChar, '/');

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("a/../../evil.txt")]
    [InlineData("a/b/../../../evil.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("\\windows\\system32\\evil.dll")]
    [InlineData("C:/evil.txt")]
    [InlineData("C:evil.txt")]
    [InlineData("\\\\server\\share\\evil.txt")]
    [InlineData("//server/share/evil.txt")]
    [InlineData("..\\evil.txt")]
    [InlineData("ok/..")]
    [InlineData("nul\0byte.txt")]
    public void Names_that_leave_the_folder_are_refused(string name)
    {
        var ex = Assert.Throws<UnsafeArchiveException>(() => new ArchiveEntryPathResolver(Root).ResolveFile(name));
        Assert.Equal(ArchiveRefusalReason.PathEscape, ex.Reason);
        Assert.Equal(name, ex.EntryName);
        Assert.Contains("outside the target folder", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("dir/COM1.tif", "dir/_COM1.tif")]
    [InlineData("LPT9/a.tif", "_LPT9/a.tif")]
    [InlineData("AUX .xml", "_AUX .xml")]
    [InlineData("ab:c.tif", "ab_c.tif")]
    [InlineData("x/a:b.tif", "x/a_b.tif")]
    [InlineData("trailing.", "trailing")]
    [InlineData("ctl\u0001.txt", "ctl_.txt")]
    [InlineData("./a/./b.tif", "a/b.tif")]
    [InlineData("a\\b.tif", "a/b.tif")]
    public void Reserved_and_unportable_names_are_made_safe(string name, string expected)
    {
        Assert.Equal(expected, Relative(new ArchiveEntryPathResolver(Root).ResolveFile(name)));
    }

    [Fact]
    public void Case_only_collisions_are_made_unique_and_folders_merge_into_the_first_spelling()
    {
        var resolver = new ArchiveEntryPathResolver(Root);
        Assert.Equal("B04.tif", Relative(resolver.ResolveFile("B04.tif")));
        Assert.Equal("b04~2.TIF", Relative(resolver.ResolveFile("b04.TIF")));
        Assert.Equal("B04~3.TIF", Relative(resolver.ResolveFile("B04.TIF")));
        Assert.Equal("Meta/a.xml", Relative(resolver.ResolveFile("Meta/a.xml")));
        Assert.Equal("Meta/b.xml", Relative(resolver.ResolveFile("META/b.xml")));
        Assert.Equal("Meta/A~2.xml", Relative(resolver.ResolveFile("meta/A.xml")));
    }

    [Fact]
    public void Names_that_sanitise_to_the_same_name_stay_unique()
    {
        var resolver = new ArchiveEntryPathResolver(Root);
        Assert.Equal("ab_c.tif", Relative(resolver.ResolveFile("ab:c.tif")));
        Assert.Equal("ab_c~2.tif", Relative(resolver.ResolveFile("ab_c.tif")));
        Assert.Equal("ab_c~3.tif", Relative(resolver.ResolveFile("ab|c.tif")));
    }

    [Fact]
    public void Exact_duplicates_and_a_folder_over_a_file_are_refused()
    {
        var resolver = new ArchiveEntryPathResolver(Root);
        resolver.ResolveFile("a/b.tif");
        Assert.Equal(ArchiveRefusalReason.DuplicateEntry, Assert.Throws<UnsafeArchiveException>(() => resolver.ResolveFile("a/b.tif")).Reason);
        Assert.Equal(ArchiveRefusalReason.DuplicateEntry, Assert.Throws<UnsafeArchiveException>(() => resolver.ResolveFile("./a//b.tif")).Reason);
        resolver.ResolveFile("x");
        var folderOverFile = Assert.Throws<UnsafeArchiveException>(() => resolver.ResolveFile("X/y.tif"));
        Assert.Equal(ArchiveRefusalReason.DuplicateEntry, folderOverFile.Reason);
        Assert.Equal("X/y.tif", folderOverFile.EntryName);
    }

    [Fact]
    public void A_file_named_like_an_earlier_folder_is_renamed_and_folder_entries_resolve()
    {
        var resolver = new ArchiveEntryPathResolver(Root);
        Assert.Equal("data", Relative(resolver.ResolveDirectory("data/")));
        Assert.Equal("data/a.tif", Relative(resolver.ResolveFile("data/a.tif")));
        Assert.Equal("DATA~2", Relative(resolver.ResolveFile("DATA")));
        Assert.Null(resolver.ResolveDirectory("./"));
        Assert.Null(resolver.ResolveFile(string.Empty));
    }

    [Fact]
    public void Overlong_names_are_refused_and_long_segments_are_shortened()
    {
        var limits = new ArchiveExtractionLimits { MaxEntryNameLength = 300 };
        var ex = Assert.Throws<UnsafeArchiveException>(() => new ArchiveEntryPathResolver(Root, limits).ResolveFile(new string('a', 301)));
        Assert.Equal(ArchiveRefusalReason.EntryNameTooLong, ex.Reason);
        Assert.Contains("MaxEntryNameLength", ex.Message, StringComparison.Ordinal);

        var shortened = Path.GetFileName(new ArchiveEntryPathResolver(Root, limits).ResolveFile(new string('b', 290) + ".tif"))!;
        Assert.True(shortened.Length <= 200, shortened);
        Assert.EndsWith(".tif", shortened, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_resolved_path_stays_inside_the_folder_for_generated_hostile_names()
    {
        var random = new Random(1234);
        var alphabet = new[] { "a", "B", ".", "..", "/", "\\", ":", "CON", "nul", " ", "\u0000", "~", "\u202e", "\ud800", "é" };
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        var resolver = new ArchiveEntryPathResolver(Root);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < 2000; i++)
        {
            var name = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            string? path;
            try
            {
                path = resolver.ResolveFile(name);
            }
            catch (UnsafeArchiveException ex)
            {
                Assert.NotEqual(ArchiveRefusalReason.Unspecified, ex.Reason);
                continue;
            }

            if (path is null)
            {
                continue;
            }

            Assert.StartsWith(root, path, StringComparison.Ordinal);
            Assert.True(seen.Add(path), $"'{name}' collided at {path}");
        }
    }
}
