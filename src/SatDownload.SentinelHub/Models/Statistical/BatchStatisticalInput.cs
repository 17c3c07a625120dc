using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Batch Statistical input.</summary>
public sealed class BatchStatisticalInput
{
    /// <summary>The GeoPackage with the polygons.</summary>
    [JsonPropertyName("features")]
    public ObjectStorageInfo? Features { get; set; }

    /// <summary>Data collections.</summary>
    [JsonPropertyName("data")]
    public IList<ProcessDataSource> Data { get; set; } = new List<ProcessDataSource>();
}
