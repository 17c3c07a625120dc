using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A response format: <c>image/png</c> (default), <c>image/jpeg</c>, <c>image/tiff</c>, <c>application/json</c>, <c>zarr/array</c>.</summary>
public sealed class OutputFormat
{
    /// <summary>The media type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = SentinelHubFormats.Png;

    /// <summary>JPEG quality 0–100.</summary>
    [JsonPropertyName("quality")]
    public int? Quality { get; set; }
}
