using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>A page of catalog search results (a STAC ItemCollection).</summary>
internal sealed class CapellaItemCollection
{
    [JsonPropertyName("features")]
    public IReadOnlyList<CapellaStacItem>? Features { get; init; }

    [JsonPropertyName("numberMatched")]
    public long? NumberMatched { get; init; }

    [JsonPropertyName("numberReturned")]
    public long? NumberReturned { get; init; }

    [JsonPropertyName("links")]
    public IReadOnlyList<CapellaLink>? Links { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
