using SatDownload.Archives;

namespace SatDownload.Eos.Assets;

/// <summary>One downloaded EOS result file: the downloader's result, the type found in the file, and what was extracted from it.</summary>
public sealed class EosDownloadResult
{
    /// <summary>The shared downloader's result (path, bytes, SHA-256, attempts, exception).</summary>
    public required DownloadResult Download { get; init; }

    /// <summary>The type predicted from the request by the documented rule, when the request is known.</summary>
    public EosResultPrediction? Predicted { get; init; }

    /// <summary>The type read from the file's first bytes.</summary>
    public EosResultType ActualType { get; init; }

    /// <summary>Whether the prediction (when there was one) matched the file; a mismatch is corrected by renaming the file.</summary>
    public bool MatchesPrediction => Predicted is not { } p || p.Type == ActualType || ActualType == EosResultType.Unknown;

    /// <summary>The final path of the file (after any extension correction), or null when the download failed.</summary>
    public string? FilePath { get; init; }

    /// <summary>The files extracted from a zip result (empty when not extracted).</summary>
    public IReadOnlyList<ExtractedFile> ExtractedFiles { get; init; } = Array.Empty<ExtractedFile>();

    /// <summary>Whether the download (and extraction, when asked) succeeded.</summary>
    public bool Succeeded => Download.Succeeded && Exception is null;

    /// <summary>An extraction failure (for example <see cref="UnsafeArchiveException"/>), when there was one.</summary>
    public Exception? Exception { get; init; }
}
