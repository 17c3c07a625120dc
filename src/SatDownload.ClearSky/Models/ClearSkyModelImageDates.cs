using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>The available dates of one model and constellation set.</summary>
public sealed class ClearSkyModelImageDates
{
    /// <summary>The model.</summary>
    [JsonPropertyName("Model")]
    public string Model { get; init; } = string.Empty;

    /// <summary>The constellations.</summary>
    [JsonPropertyName("SatelliteConstellations")]
    public IReadOnlyList<string> SatelliteConstellations { get; init; } = [];

    /// <summary>The dates per part of the AOI.</summary>
    [JsonPropertyName("DatesByGeog")]
    public IReadOnlyList<ClearSkyDatesByGeography> DatesByGeog { get; init; } = [];

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
