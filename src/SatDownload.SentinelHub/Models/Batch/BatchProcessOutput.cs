using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Batch v2 <c>output</c>: raster (path template in <c>delivery.s3.url</c>) or Zarr.</summary>
public sealed class BatchProcessOutput
{
    /// <summary>Raster output.</summary>
    public const string RasterType = "raster";

    /// <summary>Zarr output.</summary>
    public const string ZarrType = "zarr";

    /// <summary><c>raster</c> or <c>zarr</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = RasterType;

    /// <summary>The bucket/path template.</summary>
    [JsonPropertyName("delivery")]
    public ObjectStorageInfo? Delivery { get; set; }

    /// <summary>Overwrite existing files.</summary>
    [JsonPropertyName("overwrite")]
    public bool? Overwrite { get; set; }

    /// <summary>Skip tiles whose files exist.</summary>
    [JsonPropertyName("skipExisting")]
    public bool? SkipExisting { get; set; }

    /// <summary>Write cloud-optimized GeoTIFFs.</summary>
    [JsonPropertyName("cogOutput")]
    public bool? CogOutput { get; set; }

    /// <summary>COG parameters.</summary>
    [JsonPropertyName("cogParameters")]
    public JsonElement? CogParameters { get; set; }

    /// <summary>Create a BYOC collection from the output.</summary>
    [JsonPropertyName("createCollection")]
    public bool? CreateCollection { get; set; }

    /// <summary>Add the output to this BYOC collection.</summary>
    [JsonPropertyName("collectionId")]
    public string? CollectionId { get; set; }

    /// <summary>Zarr group parameters.</summary>
    [JsonPropertyName("group")]
    public JsonElement? Group { get; set; }

    /// <summary>Zarr array parameters.</summary>
    [JsonPropertyName("arrayParameters")]
    public JsonElement? ArrayParameters { get; set; }

    /// <summary>Zarr per-array overrides.</summary>
    [JsonPropertyName("arrayOverrides")]
    public JsonElement? ArrayOverrides { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a raster output.</summary>
    /// <param name="delivery">The bucket and path template (<c>&lt;tileName&gt;</c> required, <c>&lt;outputId&gt;</c> when several outputs).</param>
    /// <param name="overwrite">Overwrite existing files.</param>
    /// <returns>The output.</returns>
    public static BatchProcessOutput Raster(ObjectStorageInfo delivery, bool? overwrite = null) =>
        new() { Type = RasterType, Delivery = delivery ?? throw new ArgumentNullException(nameof(delivery)), Overwrite = overwrite };

    /// <summary>Creates a Zarr output.</summary>
    /// <param name="delivery">The bucket and path.</param>
    /// <param name="group">Group parameters.</param>
    /// <param name="arrayParameters">Array parameters.</param>
    /// <returns>The output.</returns>
    public static BatchProcessOutput Zarr(ObjectStorageInfo delivery, JsonElement? group = null, JsonElement? arrayParameters = null) =>
        new() { Type = ZarrType, Delivery = delivery ?? throw new ArgumentNullException(nameof(delivery)), Group = group, ArrayParameters = arrayParameters };
}
