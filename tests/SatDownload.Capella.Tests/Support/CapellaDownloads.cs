using System.Security.Cryptography;

namespace SatDownload.Capella.Tests.Support;

/// <summary>The shared downloader as the tests drive it: on the emulator's clock, with retries that do not wait.</summary>
internal static class CapellaDownloads
{
    public static readonly DownloadOptions NoWait = new()
    {
        RetryBaseDelay = TimeSpan.Zero,
        RetryMaxDelay = TimeSpan.Zero,
        MaxConnectionsPerFile = 1,
    };

    private static readonly HttpClient Http = new(SatDownload.Http.ProviderHttpPipeline.CreateDefaultPrimaryHandler());

    public static AssetDownloader For(CapellaTestHost host) => new(Http, new AssetDownloaderOptions { TimeProvider = host.Emulator.Clock });

    public static string FileSha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
