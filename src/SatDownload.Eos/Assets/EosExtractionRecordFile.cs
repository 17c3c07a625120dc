using System.Text.Json.Serialization;

namespace SatDownload.Eos.Assets;

/// <summary>One extracted file in an <see cref="EosExtractionRecord"/>.</summary>
internal sealed class EosExtractionRecordFile
{
    /// <summary>The path relative to the extraction folder, with <c>/</c> separators.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    [JsonPropertyName("entry")]
    public string Entry { get; set; } = string.Empty;

    [JsonPropertyName("length")]
    public long Length { get; set; }
}
