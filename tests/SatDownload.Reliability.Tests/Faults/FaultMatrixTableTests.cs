using SatDownload.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>Keeps docs/reliability.md's matrix in step with the rows in code.</summary>
public sealed class FaultMatrixTableTests(ITestOutputHelper output)
{
    [Fact]
    public void The_matrix_table_is_generated_and_the_docs_name_every_row()
    {
        var table = FaultMatrixTable.Build();
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fault-matrix.md"), table);
        output.WriteLine(table);

        Assert.Contains("| no fault |", table, StringComparison.Ordinal);
        Assert.Contains(ProviderNames.Iceye, table, StringComparison.Ordinal);
        var docs = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "docs", "reliability.md"));
        Assert.All(FaultRows.All, row => Assert.True(docs.Contains("| " + row.Name + " |", StringComparison.Ordinal), $"docs/reliability.md does not list the row '{row.Name}'"));
    }
}
