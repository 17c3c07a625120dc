using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>The wire <c>params</c> of an <c>lbe</c> task.</summary>
internal sealed class EosLoadByExtentParams
{
    [JsonPropertyName("view_id")]
    public string? ViewId { get; init; }

    [JsonPropertyName("bands")]
    public IReadOnlyList<string>? Bands { get; init; }

    [JsonPropertyName("geometry")]
    public EosGeometry? Geometry { get; init; }

    [JsonPropertyName("merge")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Merge { get; init; }

    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Metadata { get; init; }

    [JsonPropertyName("reference")]
    public string? Reference { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
