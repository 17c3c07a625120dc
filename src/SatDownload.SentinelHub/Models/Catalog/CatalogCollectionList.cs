using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Response of <c>GET /collections</c>.</summary>
public sealed class CatalogCollectionList
{
    /// <summary>The collections.</summary>
    [JsonPropertyName("collections")]
    public IList<CatalogCollection> Collections { get; set; } = new List<CatalogCollection>();

    /// <summary>Links.</summary>
    [JsonPropertyName("links")]
    public IList<CatalogLink>? Links { get; set; }
}
