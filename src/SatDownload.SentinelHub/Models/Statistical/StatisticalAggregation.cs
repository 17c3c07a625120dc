using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary><c>aggregation</c> of a Statistical or Batch Statistical request.</summary>
public sealed class StatisticalAggregation
{
    /// <summary>The overall time range (required).</summary>
    [JsonPropertyName("timeRange")]
    public TimeRange? TimeRange { get; set; }

    /// <summary>The interval length and the last-interval behaviour.</summary>
    [JsonPropertyName("aggregationInterval")]
    public AggregationInterval? AggregationInterval { get; set; }

    /// <summary>Width in pixels (≤ 2500).</summary>
    [JsonPropertyName("width")]
    public int? Width { get; set; }

    /// <summary>Height in pixels (≤ 2500).</summary>
    [JsonPropertyName("height")]
    public int? Height { get; set; }

    /// <summary>Resolution in CRS units.</summary>
    [JsonPropertyName("resx")]
    public double? ResX { get; set; }

    /// <summary>Resolution in CRS units.</summary>
    [JsonPropertyName("resy")]
    public double? ResY { get; set; }

    /// <summary>The evalscript (must also output <c>dataMask</c>).</summary>
    [JsonPropertyName("evalscript")]
    public string? Evalscript { get; set; }

    /// <summary>Batch Statistical: evalscript in object storage.</summary>
    [JsonPropertyName("evalscriptReference")]
    public ObjectStorageInfo? EvalscriptReference { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
