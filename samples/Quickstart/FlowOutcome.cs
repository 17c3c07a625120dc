namespace SatDownload.Samples.Quickstart;

/// <summary>What one flow produced, for the summary table.</summary>
internal sealed class FlowOutcome
{
    public required string Provider { get; init; }

    public required IReadOnlyList<FlowFile> Files { get; init; }

    public CostEstimate? Cost { get; init; }

    public string? Note { get; init; }

    public static IReadOnlyList<FlowFile> FromResults(IEnumerable<DownloadResult> results) => results.Select(FlowFile.From).ToArray();
}
