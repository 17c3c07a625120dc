using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Properties of a tiling grid.</summary>
public sealed class TilingGridProperties
{
    /// <summary>Tile width in <see cref="Unit"/>.</summary>
    [JsonPropertyName("tileWidth")]
    public double TileWidth { get; set; }

    /// <summary>Tile height in <see cref="Unit"/>.</summary>
    [JsonPropertyName("tileHeight")]
    public double TileHeight { get; set; }

    /// <summary>Allowed resolutions.</summary>
    [JsonPropertyName("resolutions")]
    public IList<double> Resolutions { get; set; } = new List<double>();

    /// <summary><c>METRE</c> or <c>DEGREE</c>.</summary>
    [JsonPropertyName("unit")]
    public string? Unit { get; set; }
}
