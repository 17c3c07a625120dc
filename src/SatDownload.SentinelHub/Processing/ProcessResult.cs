namespace SatDownload.SentinelHub;

/// <summary>The outcome of <see cref="SentinelHubProcessClient.ProcessAsync"/>.</summary>
public sealed class ProcessResult
{
    /// <summary>Every file written (one per response, per tile).</summary>
    public required IReadOnlyList<ProcessOutputFile> Files { get; init; }

    /// <summary>The grid tiles when the output exceeded the per-request limit (empty otherwise); each carries its bounds in the request CRS for mosaicking.</summary>
    public required IReadOnlyList<GridTile> Tiles { get; init; }

    /// <summary>The request CRS (an OGC URL) the tile bounds are expressed in.</summary>
    public string? Crs { get; init; }

    /// <summary>The PU estimate checked against the budget before sending.</summary>
    public required double EstimatedProcessingUnits { get; init; }

    /// <summary>The PUs the service reported (<c>x-processingunits-spent</c>, summed over tiles); null when no response carried it.</summary>
    public double? ProcessingUnitsSpent { get; init; }

    /// <summary>The files of one response identifier.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The files.</returns>
    public IReadOnlyList<ProcessOutputFile> FilesFor(string identifier) => Files.Where(f => f.Identifier == identifier).ToArray();
}
