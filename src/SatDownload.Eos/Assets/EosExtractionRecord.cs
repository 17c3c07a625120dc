using System.Text.Json.Serialization;

namespace SatDownload.Eos.Assets;

/// <summary>
/// What <see cref="EosResultFinisher"/> extracted from a zip result, kept next to it (<c>&lt;zip&gt;.extracted.json</c>)
/// so that finishing the same file again (a re-run that finds it complete) reports the files instead of extracting twice.
/// </summary>
internal sealed class EosExtractionRecord
{
    /// <summary>The format version; records of another version are ignored.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; set; }

    [JsonPropertyName("archive_length")]
    public long ArchiveLength { get; set; }

    [JsonPropertyName("archive_last_write_utc")]
    public DateTime ArchiveLastWriteUtc { get; set; }

    [JsonPropertyName("archive_sha256")]
    public string? ArchiveSha256 { get; set; }

    [JsonPropertyName("files")]
    public List<EosExtractionRecordFile> Files { get; set; } = [];
}
