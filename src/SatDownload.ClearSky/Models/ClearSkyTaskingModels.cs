using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>The answer of <c>GET /api/tasking/models</c>.</summary>
public sealed class ClearSkyTaskingModels
{
    /// <summary>The models the account can use.</summary>
    [JsonPropertyName("TaskingModels")]
    public IReadOnlyList<ClearSkyTaskingModel> TaskingModels { get; init; } = [];

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
