using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Batch v2 <c>input</c>: <c>{type:"tiling-grid", id, resolution, bufferX?, bufferY?}</c> or <c>{type:"geopackage", features:{s3}, defaults?}</c>.</summary>
public sealed class BatchProcessInput
{
    /// <summary>Tiling-grid input type.</summary>
    public const string TilingGridType = "tiling-grid";

    /// <summary>GeoPackage input type.</summary>
    public const string GeoPackageType = "geopackage";

    /// <summary><c>tiling-grid</c> or <c>geopackage</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = TilingGridType;

    /// <summary>Tiling grid id (0, 1, 2, 3, 6, 7 ...).</summary>
    [JsonPropertyName("id")]
    public int? Id { get; set; }

    /// <summary>Resolution in the grid's unit; must be one the grid offers.</summary>
    [JsonPropertyName("resolution")]
    public double? Resolution { get; set; }

    /// <summary>Horizontal buffer in pixels.</summary>
    [JsonPropertyName("bufferX")]
    public int? BufferX { get; set; }

    /// <summary>Vertical buffer in pixels.</summary>
    [JsonPropertyName("bufferY")]
    public int? BufferY { get; set; }

    /// <summary>GeoPackage location.</summary>
    [JsonPropertyName("features")]
    public ObjectStorageInfo? Features { get; set; }

    /// <summary>GeoPackage defaults (<c>width/height</c> or <c>resolution</c>).</summary>
    [JsonPropertyName("defaults")]
    public JsonElement? Defaults { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a tiling-grid input.</summary>
    /// <param name="gridId">Grid id.</param>
    /// <param name="resolution">Resolution in the grid's unit.</param>
    /// <param name="bufferX">Horizontal buffer in pixels.</param>
    /// <param name="bufferY">Vertical buffer in pixels.</param>
    /// <returns>The input.</returns>
    public static BatchProcessInput TilingGrid(int gridId, double resolution, int? bufferX = null, int? bufferY = null) =>
        new() { Type = TilingGridType, Id = gridId, Resolution = resolution, BufferX = bufferX, BufferY = bufferY };

    /// <summary>Creates a GeoPackage input.</summary>
    /// <param name="features">Where the <c>.gpkg</c> lives.</param>
    /// <returns>The input.</returns>
    public static BatchProcessInput GeoPackage(ObjectStorageInfo features) =>
        new() { Type = GeoPackageType, Features = features ?? throw new ArgumentNullException(nameof(features)) };
}
