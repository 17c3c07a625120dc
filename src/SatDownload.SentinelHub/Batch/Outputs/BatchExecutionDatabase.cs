using System.Globalization;

namespace SatDownload.SentinelHub;

/// <summary>One feature (tile) of a Batch v2 execution database: its name and processing status.</summary>
/// <param name="Id">The feature id.</param>
/// <param name="Name">The tile name (what <c>&lt;tileName&gt;</c> becomes in the output path).</param>
/// <param name="Status"><c>PENDING</c>, <c>DONE</c> or <c>FATAL</c>.</param>
/// <param name="Error">Why it failed, for FATAL features.</param>
public sealed record BatchFeatureStatus(long Id, string Name, string Status, string? Error)
{
    /// <summary>Reads the <c>features</c> table of an execution database file.</summary>
    /// <param name="sqlite">The file's bytes.</param>
    /// <returns>The features.</returns>
    /// <exception cref="InvalidDataException">The file is not a readable execution database.</exception>
    public static IReadOnlyList<BatchFeatureStatus> ReadExecutionDatabase(byte[] sqlite)
    {
        var rows = SqliteTableReader.ReadTable(sqlite, "features");
        return rows.Select(r => new BatchFeatureStatus(
            r.TryGetValue("id", out var id) && id is long l ? l : 0,
            r.TryGetValue("name", out var n) && n is not null ? Convert.ToString(n, CultureInfo.InvariantCulture)! : throw new InvalidDataException("A feature row has no name."),
            r.TryGetValue("status", out var s) && s is string st ? st : "PENDING",
            r.TryGetValue("error", out var e) ? e as string : null)).ToList();
    }
}
