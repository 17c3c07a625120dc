using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>A constellation a model accepts.</summary>
public sealed class ClearSkySupportedConstellation
{
    /// <summary>The constellation, for example <c>Sentinel2</c>.</summary>
    [JsonPropertyName("SatelliteConstellation")]
    public string SatelliteConstellation { get; init; } = string.Empty;

    /// <summary>Whether the constellation may be left out.</summary>
    [JsonPropertyName("Optional")]
    public bool Optional { get; init; }

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
