using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary><c>processing</c> options of a data collection.</summary>
public sealed class DataProcessing
{
    /// <summary><c>NEAREST</c>, <c>BILINEAR</c> or <c>BICUBIC</c>.</summary>
    [JsonPropertyName("upsampling")]
    public string? Upsampling { get; set; }

    /// <summary><c>NEAREST</c>, <c>BILINEAR</c> or <c>BICUBIC</c>.</summary>
    [JsonPropertyName("downsampling")]
    public string? Downsampling { get; set; }

    /// <summary>Sentinel-2: harmonize values across processing baselines.</summary>
    [JsonPropertyName("harmonizeValues")]
    public bool? HarmonizeValues { get; set; }

    /// <summary>Sentinel-1 backscatter coefficient (<c>BETA0</c>, <c>SIGMA0_ELLIPSOID</c>, <c>GAMMA0_ELLIPSOID</c>, <c>GAMMA0_TERRAIN</c>).</summary>
    [JsonPropertyName("backCoeff")]
    public string? BackCoeff { get; set; }

    /// <summary>Sentinel-1 orthorectification (doubles the PU cost).</summary>
    [JsonPropertyName("orthorectify")]
    public bool? Orthorectify { get; set; }

    /// <summary>Sentinel-1 DEM used for orthorectification.</summary>
    [JsonPropertyName("demInstance")]
    public string? DemInstance { get; set; }

    /// <summary>Sentinel-1 speckle filter settings (doubles the PU cost).</summary>
    [JsonPropertyName("speckleFilter")]
    public JsonElement? SpeckleFilter { get; set; }

    /// <summary>Sentinel-1 radiometric terrain oversampling factor.</summary>
    [JsonPropertyName("radiometricTerrainOversampling")]
    public double? RadiometricTerrainOversampling { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
