using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Body of <c>POST /api/v2/batch/process</c> (Batch Process API v2).</summary>
public sealed class BatchProcessRequest
{
    /// <summary>The Process request (no width/height; formats TIFF, JSON or <c>zarr/array</c>).</summary>
    [JsonPropertyName("processRequest")]
    public ProcessRequest ProcessRequest { get; set; } = new();

    /// <summary>Tiling-grid or GeoPackage input.</summary>
    [JsonPropertyName("input")]
    public BatchProcessInput Input { get; set; } = new();

    /// <summary>Raster or Zarr output.</summary>
    [JsonPropertyName("output")]
    public BatchProcessOutput Output { get; set; } = new();

    /// <summary>A description to keep track of the task.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary><c>normal</c> or <c>large</c> (CDSE; "internal use").</summary>
    [JsonPropertyName("instanceType")]
    public string? InstanceType { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
