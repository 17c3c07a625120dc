using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>
/// The answer of the products call of an area of interest: an object with a <c>products</c> array (the article's
/// "product portion of the /aoi response"), optionally with paging links.
/// </summary>
public sealed class CapellaProductList
{
    /// <summary>The products.</summary>
    [JsonPropertyName("products")]
    public IReadOnlyList<CapellaAnalyticsProduct>? Products { get; init; }

    /// <summary>Links; a <c>rel=next</c> link, when present, is followed for the next page (pagination is unconfirmed).</summary>
    [JsonPropertyName("links")]
    public IReadOnlyList<CapellaLink>? Links { get; init; }

    /// <summary>Other fields (for example the rest of the AOI object).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
