using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A Batch tiling grid.</summary>
public sealed class TilingGrid
{
    /// <summary>Grid id.</summary>
    [JsonPropertyName("id")]
    public int Id { get; set; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Tile size, resolutions and unit.</summary>
    [JsonPropertyName("properties")]
    public TilingGridProperties? Properties { get; set; }
}
