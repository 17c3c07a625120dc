namespace SatDownload;

/// <summary>What one run of the download flow did.</summary>
public sealed class SatDownloadResult
{
    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>The provider task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The request fingerprint the journal records the task under.</summary>
    public required string RequestFingerprint { get; init; }

    /// <summary>The cost estimate made before ordering (also when resumed: the estimate recorded then), when the provider gave one.</summary>
    public CostEstimate? CostEstimate { get; init; }

    /// <summary>The task's final status.</summary>
    public ProviderTaskStatus TaskStatus { get; init; }

    /// <summary>Whether the task was found in the journal and resumed by id instead of being created.</summary>
    public bool ResumedFromJournal { get; init; }

    /// <summary>One result per selected asset, in the order the task listed them.</summary>
    public IReadOnlyList<DownloadResult> Downloads { get; init; } = [];

    /// <summary>How many of the task's assets the request's <see cref="AssetFilter"/> left out.</summary>
    public int AssetsExcludedByFilter { get; init; }

    /// <summary>The STAC catalog path, when the manifest is on and something was downloaded.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The journal path, when the journal is on.</summary>
    public string? JournalPath { get; init; }

    /// <summary>Whether every selected asset is on disk.</summary>
    public bool Succeeded => Downloads.All(d => d.Succeeded);

    /// <summary>Bytes written by this run (skipped complete files count their size).</summary>
    public long BytesWritten => Downloads.Sum(d => d.BytesWritten);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Provider} task '{TaskId}' {TaskStatus}{(ResumedFromJournal ? " (resumed)" : string.Empty)}: {Downloads.Count(d => d.Succeeded)}/{Downloads.Count} files, {BytesWritten} bytes";
}
