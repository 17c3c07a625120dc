namespace SatDownload.Samples.Quickstart;

/// <summary>What a direct-client flow gets (providers whose <see cref="ImageryProvider"/> is not in this build yet).</summary>
internal sealed class FlowContext
{
    public required Aoi Aoi { get; init; }

    public required string OutputDirectory { get; init; }

    public required DownloadOptions DownloadOptions { get; init; }

    public required IProgress<DownloadProgress> Progress { get; init; }

    public required HttpClient HttpClient { get; init; }
}
