using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>One page of a scene search: <c>{results: [...]}</c> plus paging metadata whose shape is not documented.</summary>
public sealed class EosSearchResponse
{
    /// <summary>The scenes on this page.</summary>
    [JsonPropertyName("results")]
    public IReadOnlyList<EosScene> Results { get; init; } = Array.Empty<EosScene>();

    /// <summary>Everything else EOS sends (for example a <c>meta</c> object with counts; its shape is unconfirmed).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
