namespace SatDownload.Samples.Quickstart;

/// <summary>What one flow produced, for the summary table.</summary>
internal sealed class FlowOutcome
{
    public required string Provider { get; init; }

    public required IReadOnlyList<DownloadResult> Results { get; init; }

    public CostEstimate? Cost { get; init; }

    public string? Note { get; init; }
}
