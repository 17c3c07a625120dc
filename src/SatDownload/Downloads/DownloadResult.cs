using SatDownload.Archives;

namespace SatDownload;

/// <summary>The outcome of downloading one asset: where it went, how many bytes, its SHA-256, how it got there, or why it failed.</summary>
/// <remarks>
/// A record so that a provider's post-download step (<see cref="ImageryProvider.ProcessDownloadedFileAsync"/>) can return
/// a copy with its findings (<c>result with { Attribution = ..., ExtractedFiles = ... }</c>).
/// </remarks>
public sealed record DownloadResult
{
    /// <summary>The asset.</summary>
    public required ImageryAsset Asset { get; init; }

    /// <summary>Whether the file is complete and verified at <see cref="FilePath"/> (true for skipped complete files too).</summary>
    public bool Succeeded { get; init; }

    /// <summary>The final path of the file (where it is, or would have been).</summary>
    public string? FilePath { get; init; }

    /// <summary>The file's size in bytes when it succeeded; otherwise the bytes on disk in the partial file.</summary>
    public long BytesWritten { get; init; }

    /// <summary>The file's SHA-256 as lower-case hexadecimal, when computed.</summary>
    public string? Sha256 { get; init; }

    /// <summary>How long the asset took, queueing excluded.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>How many requests for the asset's bytes were sent (all segments and retries).</summary>
    public int Attempts { get; init; }

    /// <summary>Bytes received from the network more than once, or thrown away, because of faults (a changed file, a server ignoring ranges).</summary>
    public long BytesRetransmitted { get; init; }

    /// <summary>Whether the download continued from bytes already on disk (from a previous run or after a fault in this one).</summary>
    public bool Resumed { get; init; }

    /// <summary>Whether a complete file already existed and was kept.</summary>
    public bool Skipped { get; init; }

    /// <summary>The provider's attribution notice that must travel with the file, if any.</summary>
    public string? Attribution { get; init; }

    /// <summary>
    /// The files a provider's post-download step extracted from this file (for example an EOS zip result); empty when
    /// nothing was extracted. The archive itself stays at <see cref="FilePath"/>.
    /// </summary>
    public IReadOnlyList<ExtractedFile> ExtractedFiles { get; init; } = [];

    /// <summary>
    /// The text file a provider's post-download step wrote next to the file with <see cref="Attribution"/> (for example
    /// ClearSKY's <c>&lt;file&gt;.attribution.txt</c>); null when none was written.
    /// </summary>
    public string? AttributionFilePath { get; init; }

    /// <summary>Why the asset failed; null when it succeeded.</summary>
    public Exception? Exception { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        Succeeded
            ? $"{Asset.Identity}: {(Skipped ? "skipped" : "done")}, {BytesWritten} bytes, sha256 {Sha256 ?? "n/a"}, {Attempts} attempt(s)"
            : $"{Asset.Identity}: failed after {Attempts} attempt(s): {Exception?.GetType().Name}: {Redactor.Redact(Exception?.Message)}";
}
