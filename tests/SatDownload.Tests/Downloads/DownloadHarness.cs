using System.Security.Cryptography;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>One emulator, one temporary destination and one downloader with test-speed retry settings.</summary>
internal sealed class DownloadHarness : IAsyncDisposable
{
    private DownloadHarness(ProviderEmulator emulator, string directory)
    {
        Emulator = emulator;
        Directory = directory;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
    }

    public ProviderEmulator Emulator { get; }

    public string Directory { get; }

    public HttpClient Http { get; }

    /// <summary>
    /// Options that keep retries fast: millisecond backoff. Parallel segments open at once (no adaptive probe, stated
    /// explicitly so that the segment tests keep several connections even if the default changes).
    /// </summary>
    public static DownloadOptions Fast { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        AddConnectionsBelowBytesPerSecond = null,
    };

    public static async Task<DownloadHarness> StartAsync()
    {
        var emulator = await ProviderEmulator.StartAsync();
        var dir = System.IO.Directory.CreateTempSubdirectory("satdl-test").FullName;
        return new DownloadHarness(emulator, dir);
    }

    public AssetDownloader CreateDownloader(AssetDownloaderOptions? options = null) => new(Http, options ?? new AssetDownloaderOptions());

    public ImageryAsset Blob(string name, long? size = null, string productId = "p1", string? key = null) => new()
    {
        Provider = "test",
        ProductId = productId,
        AssetKey = key ?? name.Replace('/', '_'),
        Href = Emulator.Blobs.GetUrl(name),
        Size = size,
        SuggestedFileName = name.Replace('/', '_') + ".bin",
    };

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary>Asserts a successful result whose file on disk has the expected SHA-256, with no partial files left.</summary>
    public static void AssertDownloaded(DownloadResult result, string expectedSha256, long expectedLength)
    {
        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.NotNull(result.FilePath);
        Assert.True(File.Exists(result.FilePath));
        Assert.Equal(expectedLength, new FileInfo(result.FilePath).Length);
        Assert.Equal(expectedLength, result.BytesWritten);
        Assert.Equal(expectedSha256, result.Sha256);
        Assert.Equal(expectedSha256, Sha256OfFile(result.FilePath));
        Assert.False(File.Exists(result.FilePath + ".part"));
        Assert.False(File.Exists(result.FilePath + ".part.json"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
