using System.Text;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// The fault matrix as docs/reliability.md shows it, derived from the code: every row (generic and per-flow extra) ×
/// every discovered <see cref="ProviderFlow"/>, each cell saying whether the row runs through the provider client
/// (<c>client</c>), also through <see cref="SatDownloadClient"/> (<c>+ unified</c>), or why it does not apply. Regenerate with
/// <c>dotnet test tests/SatDownload.Reliability.Tests --filter FaultMatrixTableTests</c> (written to
/// <c>bin/.../fault-matrix.md</c>); the test's pass/fail status per case is the result.
/// </summary>
public static class FaultMatrixTable
{
    public static string Build()
    {
        var flows = FaultMatrixTests.Flows;
        var rows = FaultRows.All.Concat(flows.SelectMany(f => f.ExtraRows)).DistinctBy(r => r.Name).ToList();
        var sb = new StringBuilder();
        sb.Append("| Row | Must end | ").AppendJoin(" | ", flows.Select(f => f.Provider)).AppendLine(" |");
        sb.Append("|---|---|").AppendJoin(string.Empty, flows.Select(_ => "---|")).AppendLine();
        foreach (var row in rows)
        {
            sb.Append("| ").Append(row.Name.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ").Append(Describe(row.Outcome)).Append(" |");
            foreach (var flow in flows)
            {
                sb.Append(' ').Append(Cell(flow, row)).Append(" |");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Cell(ProviderFlow flow, FaultRow row)
    {
        var own = FaultRows.All.Contains(row) || flow.ExtraRows.Any(r => r.Name == row.Name);
        if (!own)
        {
            return "—";
        }

        if (flow.NotApplicable(row) is { } reason)
        {
            return "n/a (" + reason + ")";
        }

        return flow.RunsThroughSatDownloadClient && flow.RunsRowThroughSatDownloadClient(row) ? "client + unified" : "client";
    }

    private static string Describe(FaultOutcome outcome) => outcome switch
    {
        FaultOutcome.Succeeds => "identical files",
        FaultOutcome.ListingFails => "typed listing error",
        FaultOutcome.DownloadFails => "typed download error (1 file)",
        _ => "identical files or typed listing error",
    };
}
