using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>The wire body of <c>POST /api/gdw/api</c>: <c>{type, callback_url, params}</c>.</summary>
internal sealed class EosGdwTaskBody
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("callback_url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CallbackUrl { get; init; }

    [JsonPropertyName("params")]
    public EosLoadByExtentParams? Params { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
