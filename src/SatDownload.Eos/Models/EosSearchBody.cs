using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>The wire body of <c>POST /api/lms/search/v2[/{dataset}]</c>.</summary>
internal sealed class EosSearchBody
{
    [JsonPropertyName("fields")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Fields { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }

    [JsonPropertyName("page")]
    public int Page { get; init; }

    [JsonPropertyName("search")]
    public EosSearchFilter? Search { get; init; }

    [JsonPropertyName("sort")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Sort { get; init; }

    [JsonPropertyName("intersection_validation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IntersectionValidation { get; init; }
}
