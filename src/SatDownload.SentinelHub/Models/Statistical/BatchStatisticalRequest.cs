using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Body of <c>POST /api/v1/statistics/batch</c>.</summary>
public sealed class BatchStatisticalRequest
{
    /// <summary>Features (a GeoPackage in S3) and data collections.</summary>
    [JsonPropertyName("input")]
    public BatchStatisticalInput Input { get; set; } = new();

    /// <summary>Aggregation (evalscript ≤ 32 KB inline, or a reference).</summary>
    [JsonPropertyName("aggregation")]
    public StatisticalAggregation Aggregation { get; set; } = new();

    /// <summary>Calculations.</summary>
    [JsonPropertyName("calculations")]
    public IDictionary<string, StatisticalCalculation>? Calculations { get; set; }

    /// <summary>Where the per-feature JSON files go (template <c>&lt;REQUEST_ID&gt;</c>, <c>&lt;ID&gt;</c>/<c>&lt;IDENTIFIER&gt;</c>).</summary>
    [JsonPropertyName("output")]
    public ObjectStorageInfo? Output { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
