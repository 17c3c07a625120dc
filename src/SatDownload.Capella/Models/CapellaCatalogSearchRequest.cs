using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>The body of <c>POST /catalog/search</c>.</summary>
internal sealed class CapellaCatalogSearchRequest
{
    [JsonPropertyName("collections")]
    public IReadOnlyCollection<string>? Collections { get; init; }

    [JsonPropertyName("ids")]
    public IReadOnlyCollection<string>? Ids { get; init; }

    [JsonPropertyName("bbox")]
    public IReadOnlyList<double>? BoundingBox { get; init; }

    [JsonPropertyName("intersects")]
    public JsonElement? Intersects { get; init; }

    [JsonPropertyName("datetime")]
    public string? DateTime { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }

    [JsonPropertyName("page")]
    public int Page { get; init; }
}
