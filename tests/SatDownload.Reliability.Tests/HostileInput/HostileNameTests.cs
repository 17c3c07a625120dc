using System.Text;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;

namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// Names from providers (product ids, asset keys, suggested file names) that try to escape the destination, use
/// reserved names or collide, through the real <see cref="AssetDownloader"/> against the emulator's blob store.
/// </summary>
public sealed class HostileNameTests
{
    /// <summary>Values a hostile or careless provider could send as an id, key or file name.</summary>
    public static readonly string[] HostileNames =
    [
        "../../etc/passwd", "..", ".", "...", "/etc/passwd", "\\..\\..\\Windows\\System32\\drivers\\etc\\hosts",
        "C:\\Windows\\win.ini", "C:", "c:relative", "\\\\server\\share\\file.tif", "//server/share/file.tif", "\\\\?\\C:\\x",
        "a\0b.tif", "line\nbreak\r.tif", "\u0007bell\u001b.tif", "tab\there", "\u007fdel",
        "CON", "con", "aux.txt", "NUL.tar.gz", "COM1", "LPT9.tif", "PRN.", "con .txt", "COM\u00B9.tif", "lpt\u00B3", "Con.tif.xml",
        "trailing.", "trailing ", "trailing. . .", " ", "  leading", "~", "$HOME", "%2e%2e%2fetc%2fpasswd", "file:///etc/passwd",
        "*?<>|\".tif", "\uFEFFbom.tif", "\u202Egnp.exe", "..\u2215..\u2215etc", "\u2024\u2024", "ｃｏｎ", "e\u0301t\u00e9.tif",
        new string('a', 1000), new string('a', 999) + "b", new string('é', 600) + ".tif", string.Concat(Enumerable.Repeat("../", 300)) + "x",
        "\uD800lone", "日本語の名前.tif", "emoji 🛰️.tif",
    ];

    private static readonly string[] Templates =
    [
        DownloadOptions.DefaultFileNameTemplate,
        "{provider}/{productId}/{assetKey}/{fileName}",
        "{fileName}",
    ];

    private static readonly DownloadOptions Fast = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        MaxConcurrentDownloads = 8,
        MaxConnectionsPerFile = 1,
    };

    /// <summary>
    /// What Windows refuses or silently changes, checked here so a Linux run still proves the names are portable:
    /// reserved device names (before the first dot, ignoring trailing spaces), forbidden characters, trailing dots and spaces.
    /// </summary>
    public static bool IsPortableName(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.EndsWith('.') || name.EndsWith(' '))
        {
            return false;
        }

        if (name.Any(c => c < 32 || c is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*'))
        {
            return false;
        }

        var stem = name.Split('.')[0].TrimEnd(' ');
        string[] reserved =
        [
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
        ];
        return !reserved.Contains(stem, StringComparer.OrdinalIgnoreCase) && Encoding.UTF8.GetByteCount(name) <= 255;
    }

    [Fact]
    public async Task Hostile_names_all_land_inside_the_destination_with_unique_portable_names_and_correct_bytes()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var http = new HttpClient();
        var downloader = new AssetDownloader(http);

        foreach (var template in Templates)
        {
            using var sandbox = new TempDirectory();
            var destination = sandbox.Combine("dest");

            // One asset per hostile value, the value used as product id, asset key and suggested name at once; the
            // index keeps them apart where the template includes no token that would (so collisions are not the subject here).
            var assets = new List<ImageryAsset>();
            var expected = new Dictionary<string, string>();
            for (var i = 0; i < HostileNames.Length; i++)
            {
                var blob = emulator.Blobs.PutGenerated($"names/{i}", 1000 + (i * 37), seed: i);
                var value = HostileNames[i];
                assets.Add(new ImageryAsset
                {
                    Provider = "hostile",
                    ProductId = template == "{fileName}" ? "p" : value,
                    AssetKey = template == "{fileName}" ? "k" + i : value + i,
                    Href = emulator.Blobs.GetUrl($"names/{i}"),
                    SuggestedFileName = template == "{fileName}" ? value + "-" + i : value,
                    MediaType = "image/tiff",
                });
                expected[assets[^1].Identity] = blob.Sha256Hex;
            }

            var results = await downloader.DownloadAsync(assets, destination, Fast with { FileNameTemplate = template });

            var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
            var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var result in results)
            {
                Assert.True(result.Succeeded, $"{template}: {result.Asset.Identity}: {result.Exception}");
                var full = Path.GetFullPath(result.FilePath!);
                Assert.StartsWith(root, full, StringComparison.Ordinal);
                Assert.True(paths.Add(full), $"{template}: two assets were written to {full} (case-insensitively)");
                Assert.Equal(expected[result.Asset.Identity], Hashing.Sha256OfFile(full));
                Assert.Equal(expected[result.Asset.Identity], result.Sha256);
                foreach (var segment in Path.GetRelativePath(destination, full).Split(Path.DirectorySeparatorChar))
                {
                    Assert.True(IsPortableName(segment), $"{template}: '{segment}' (from {result.Asset.Identity}) is not a portable name");
                }
            }

            // Nothing outside the destination: the sandbox holds only it, and the destination only the final files.
            Assert.Equal(new[] { Path.GetFullPath(destination) }, Directory.GetFileSystemEntries(sandbox.Path).Select(Path.GetFullPath));
            var files = Directory.GetFiles(destination, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).ToHashSet();
            Assert.True(files.SetEquals(paths), $"{template}: stray files: {string.Join(", ", files.Except(paths))}");
        }
    }

    public static TheoryData<string, string> CollidingPairs() => new()
    {
        { "a/b", "a_b" },
        { "a\\b", "a_b" },
        { "a?b", "a|b" },
        { "a\u0000b", "a\u0001b" },
        { "\u00e9", "e\u0301" }, // NFC and NFD of the same name
        { "a:b", "a*b" },
        { "..", "." },
    };

    [Theory]
    [MemberData(nameof(CollidingPairs))]
    public async Task Two_assets_that_sanitise_to_one_name_are_refused_before_any_request(string first, string second)
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Blobs.PutGenerated("one", 100, seed: 1);
        emulator.Blobs.PutGenerated("two", 100, seed: 2);
        using var sandbox = new TempDirectory();
        using var http = new HttpClient();

        ImageryAsset Asset(string key, string blob) => new() { Provider = "hostile", ProductId = "p", AssetKey = key, Href = emulator.Blobs.GetUrl(blob), MediaType = "image/tiff" };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            new AssetDownloader(http).DownloadAsync(new[] { Asset(first, "one"), Asset(second, "two") }, sandbox.Path, Fast));

        // The error names both assets and the fix; nothing was fetched and nothing was written.
        Assert.Contains("hostile/p/" + first, ex.Message, StringComparison.Ordinal);
        Assert.Contains("hostile/p/" + second, ex.Message, StringComparison.Ordinal);
        Assert.Contains("FileNameTemplate", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests.Snapshot());
        Assert.Empty(Directory.GetFileSystemEntries(sandbox.Path));
    }

    [Fact]
    public async Task Long_names_sharing_a_prefix_stay_distinct_after_shortening()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var sandbox = new TempDirectory();
        using var http = new HttpClient();
        var assets = Enumerable.Range(0, 20).Select(i =>
        {
            emulator.Blobs.PutGenerated($"long/{i}", 500, seed: 100 + i);
            return new ImageryAsset
            {
                Provider = "hostile",
                ProductId = "p",
                AssetKey = new string('k', 900) + i,
                Href = emulator.Blobs.GetUrl($"long/{i}"),
                MediaType = "image/tiff",
            };
        }).ToList();

        var results = await new AssetDownloader(http).DownloadAsync(assets, sandbox.Path, Fast);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.Equal(20, results.Select(r => r.FilePath).Distinct().Count());
        Assert.All(results, r => Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(r.FilePath!)) <= 255));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(emulator.Blobs.Get($"long/{i}").Sha256Hex, Hashing.Sha256OfFile(results[i].FilePath!));
        }
    }
}
