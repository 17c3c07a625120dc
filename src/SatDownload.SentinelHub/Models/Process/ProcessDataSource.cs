using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>One entry of <c>input.data</c>: a data collection with its filter and processing options.</summary>
public sealed class ProcessDataSource
{
    /// <summary>Collection type, e.g. <c>sentinel-2-l2a</c>, <c>sentinel-1-grd</c>, <c>byoc-&lt;uuid&gt;</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>Alias the evalscript uses for data fusion.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Time range, mosaicking, cloud cover and collection-specific filters.</summary>
    [JsonPropertyName("dataFilter")]
    public DataFilter? DataFilter { get; set; }

    /// <summary>Resampling and collection-specific processing options.</summary>
    [JsonPropertyName("processing")]
    public DataProcessing? Processing { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
