using SatDownload.Testing;

namespace SatDownload.Samples.Quickstart;

/// <summary>What every flow gets: the AOI, where to write, the download options, progress, and the emulator when offline.</summary>
internal sealed class FlowContext
{
    public required Aoi Aoi { get; init; }

    public required string OutputDirectory { get; init; }

    public required DownloadOptions DownloadOptions { get; init; }

    public required IProgress<DownloadProgress> Progress { get; init; }

    public required AssetDownloader Downloader { get; init; }

    public required HttpClient HttpClient { get; init; }

    /// <summary>The in-process emulator, or null when running against the real services.</summary>
    public ProviderEmulator? Emulator { get; init; }
}
