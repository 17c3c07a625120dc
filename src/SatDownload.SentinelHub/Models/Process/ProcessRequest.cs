using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>The body of <c>POST /api/v1/process</c> and <c>POST /api/v1/async/process</c>.</summary>
/// <remarks>Unknown fields are kept in <see cref="AdditionalProperties"/> so a parsed request is sent back unchanged.</remarks>
public sealed class ProcessRequest
{
    /// <summary>Bounds and data collections.</summary>
    [JsonPropertyName("input")]
    public ProcessInput Input { get; set; } = new();

    /// <summary>Output size and responses.</summary>
    [JsonPropertyName("output")]
    public ProcessOutput? Output { get; set; }

    /// <summary>The evalscript (JavaScript, <c>//VERSION=3</c>).</summary>
    [JsonPropertyName("evalscript")]
    public string? Evalscript { get; set; }

    /// <summary>Async only: an evalscript stored in object storage instead of <see cref="Evalscript"/>.</summary>
    [JsonPropertyName("evalscriptReference")]
    public ObjectStorageInfo? EvalscriptReference { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
