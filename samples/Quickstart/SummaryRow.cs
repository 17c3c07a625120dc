namespace SatDownload.Samples.Quickstart;

/// <summary>One provider's line in the summary table.</summary>
internal sealed record SummaryRow(string Provider, IReadOnlyList<FlowFile> Files, TimeSpan Elapsed, CostEstimate? Cost, string Note, string? Error = null)
{
    public static SummaryRow From(SatDownloadResult result, TimeSpan elapsed, string note) =>
        new(result.Provider, result.Downloads.Select(FlowFile.From).ToArray(), elapsed, result.CostEstimate, result.ResumedFromJournal ? note + " (task resumed from the journal)" : note);

    public static SummaryRow Failed(string provider, TimeSpan elapsed, string error) => new(provider, [], elapsed, null, "failed", error);
}
