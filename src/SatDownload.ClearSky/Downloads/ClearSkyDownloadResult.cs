namespace SatDownload.ClearSky;

/// <summary>The outcome of a ClearSKY composite, tile or minitile download (or server-side upload).</summary>
public sealed class ClearSkyDownloadResult
{
    /// <summary>The availability flags checked before the download (composites only).</summary>
    public ClearSkyAvailability? Availability { get; init; }

    /// <summary>The estimate checked against the budget (composites only).</summary>
    public ClearSkyEstimate? Estimate { get; init; }

    /// <summary>The shared downloader's result; null in upload mode.</summary>
    public DownloadResult? Download { get; init; }

    /// <summary>The file on disk; null in upload mode.</summary>
    public string? FilePath { get; init; }

    /// <summary>The file's SHA-256 (lowercase hex); null in upload mode.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The bytes written.</summary>
    public long BytesWritten { get; init; }

    /// <summary>The file name ClearSKY gave in <c>Content-Disposition</c>, when it gave one.</summary>
    public string? ServerFileName { get; init; }

    /// <summary>
    /// The source-data attribution notice that must travel with the output when it is shared outside the organisation:
    /// ClearSKY's own when it sent one (<see cref="AttributionFromProvider"/>), otherwise derived from the constellations.
    /// </summary>
    public required string Attribution { get; init; }

    /// <summary>Whether <see cref="Attribution"/> came from ClearSKY rather than being derived.</summary>
    public bool AttributionFromProvider { get; init; }

    /// <summary>The <c>.attribution.txt</c> file written next to the output, if any.</summary>
    public string? AttributionFilePath { get; init; }

    /// <summary>Whether ClearSKY uploaded the file to the request's <c>UploadUrl</c> (answered 201) instead of returning it.</summary>
    public bool IsUploaded { get; init; }

    /// <summary>The upload target with its query string redacted (upload mode only).</summary>
    public string? UploadedTo { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        IsUploaded ? $"ClearSKY upload to {UploadedTo}" : $"ClearSKY download {FilePath} ({BytesWritten} bytes, sha256 {Sha256})";
}
