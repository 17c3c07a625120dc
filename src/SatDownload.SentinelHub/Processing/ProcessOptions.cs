namespace SatDownload.SentinelHub;

/// <summary>Per-call settings of <see cref="SentinelHubProcessClient.ProcessAsync"/>.</summary>
public sealed record ProcessOptions
{
    /// <summary>PU budget for this call; the client's <see cref="SentinelHubClientOptions.Budget"/> when null.</summary>
    public DownloadBudget? Budget { get; init; }

    /// <summary>Split outputs over 2500 px into a grid of requests (default). When false such requests are refused.</summary>
    public bool SplitLargeAreas { get; init; } = true;

    /// <summary>Largest tile side in pixels (≤ 2500).</summary>
    public int MaxTilePixels { get; init; } = SentinelHubClientOptions.ProcessMaxPixels;

    /// <summary>Samples per pixel for the PU estimate (ORBIT/TILE mosaicking); estimated when null.</summary>
    public int? Samples { get; init; }

    /// <summary>Prefix of every file name (e.g. a scene name).</summary>
    public string FileNamePrefix { get; init; } = string.Empty;

    /// <summary>Download progress.</summary>
    public IProgress<DownloadProgress>? Progress { get; init; }
}
