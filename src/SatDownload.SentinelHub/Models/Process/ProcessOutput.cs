using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary><c>output</c>: size (width/height xor resx/resy), responses and (Async) delivery.</summary>
/// <remarks>The founding example sends <c>resx: 0, resy: 0</c> beside width/height; zero counts as "not set".</remarks>
public sealed class ProcessOutput
{
    /// <summary>Output width in pixels (1–2500 for Process, up to 10 000 for Async).</summary>
    [JsonPropertyName("width")]
    public int? Width { get; set; }

    /// <summary>Output height in pixels.</summary>
    [JsonPropertyName("height")]
    public int? Height { get; set; }

    /// <summary>Horizontal resolution in CRS units.</summary>
    [JsonPropertyName("resx")]
    public double? ResX { get; set; }

    /// <summary>Vertical resolution in CRS units.</summary>
    [JsonPropertyName("resy")]
    public double? ResY { get; set; }

    /// <summary>The responses (one per evalscript output).</summary>
    [JsonPropertyName("responses")]
    public IList<ProcessResponseSpec>? Responses { get; set; }

    /// <summary>Async only: where the results go.</summary>
    [JsonPropertyName("delivery")]
    public ObjectStorageInfo? Delivery { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
