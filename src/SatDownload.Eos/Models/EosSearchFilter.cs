using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>The wire <c>search</c> object of a scene search.</summary>
internal sealed class EosSearchFilter
{
    [JsonPropertyName("satellites")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Satellites { get; init; }

    [JsonPropertyName("date")]
    public EosRange<string>? Date { get; init; }

    [JsonPropertyName("cloudCoverage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EosRange<double>? CloudCoverage { get; init; }

    [JsonPropertyName("shape")]
    public EosGeometry? Shape { get; init; }

    [JsonPropertyName("shapeRelation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ShapeRelation { get; init; }
}
