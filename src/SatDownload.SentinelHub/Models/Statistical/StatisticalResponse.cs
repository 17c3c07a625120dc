using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Response of the Statistical API. Per-interval errors are data, not HTTP errors.</summary>
public sealed class StatisticalResponse
{
    /// <summary><c>OK</c>, <c>PARTIAL</c> or <c>FAILED</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Pixels in the geometry.</summary>
    [JsonPropertyName("geometryPixelCount")]
    public long? GeometryPixelCount { get; set; }

    /// <summary>Intervals with data.</summary>
    [JsonPropertyName("data")]
    public IList<StatisticalInterval> Data { get; set; } = new List<StatisticalInterval>();

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
