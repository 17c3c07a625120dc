using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>One granule of an order: a catalog collection and a STAC item id.</summary>
public sealed class CapellaOrderItem
{
    /// <summary>Creates an item.</summary>
    /// <param name="collectionId">The catalog collection, for example <c>capella-open-data</c> or <c>capella-archive</c>.</param>
    /// <param name="granuleId">The STAC item id.</param>
    public CapellaOrderItem(string collectionId, string granuleId)
    {
        CollectionId = collectionId;
        GranuleId = granuleId;
    }

    /// <summary>The catalog collection.</summary>
    [JsonPropertyName("collectionId")]
    public string CollectionId { get; init; }

    /// <summary>The STAC item id.</summary>
    [JsonPropertyName("granuleId")]
    public string GranuleId { get; init; }

    /// <summary>Other fields the service returns for the item (for example its price).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{CollectionId}/{GranuleId}";
}
