using System.Text.Json.Serialization;

namespace SatDownload.Downloads;

/// <summary>
/// The small record kept next to a <c>.part</c> file (<c>&lt;final&gt;.part.json</c>): which asset the bytes belong to,
/// the file's total size and validators, and which byte ranges are on disk. A later run trusts only those ranges, and
/// only after the server confirms (through <c>If-Range</c>) that the file is the same version.
/// </summary>
internal sealed class PartSidecar
{
    /// <summary>The format version; a sidecar with another version is ignored.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; set; } = CurrentVersion;

    [JsonPropertyName("identity")]
    public string Identity { get; set; } = string.Empty;

    [JsonPropertyName("totalSize")]
    public long? TotalSize { get; set; }

    [JsonPropertyName("etag")]
    public string? ETag { get; set; }

    [JsonPropertyName("lastModified")]
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>Completed ranges as [start, end) pairs.</summary>
    [JsonPropertyName("ranges")]
    public List<long[]> Ranges { get; set; } = new();
}
