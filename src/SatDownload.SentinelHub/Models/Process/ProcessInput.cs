using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>The <c>input</c> of a Process, Async or Statistical request.</summary>
public sealed class ProcessInput
{
    /// <summary>Bounding box and/or geometry.</summary>
    [JsonPropertyName("bounds")]
    public ProcessBounds? Bounds { get; set; }

    /// <summary>Data collections (at least one).</summary>
    [JsonPropertyName("data")]
    public IList<ProcessDataSource> Data { get; set; } = new List<ProcessDataSource>();

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
