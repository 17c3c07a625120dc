using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>A ClearSKY model (for example <c>Stratus2</c>) and the constellations it accepts.</summary>
public sealed class ClearSkyTaskingModel
{
    /// <summary>The model name.</summary>
    [JsonPropertyName("Model")]
    public string Model { get; init; } = string.Empty;

    /// <summary>The constellations the model accepts.</summary>
    [JsonPropertyName("SupportedSatelliteConstellations")]
    public IReadOnlyList<ClearSkySupportedConstellation> SupportedSatelliteConstellations { get; init; } = [];

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
