using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>The body of <c>POST /aois/</c> and <c>PATCH /aois/{id}</c>: a GeoJSON Feature (geometry omitted in a patch).</summary>
internal sealed class CapellaAoiFeatureRequest
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("geometry")]
    public JsonElement? Geometry { get; init; }

    [JsonPropertyName("properties")]
    public CapellaAoiProperties? Properties { get; init; }
}
