using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A page of a <c>distinct</c> search: <c>features</c> holds plain values (e.g. dates) instead of items.</summary>
public sealed class CatalogDistinctPage
{
    /// <summary>The distinct values.</summary>
    [JsonPropertyName("features")]
    public IList<JsonElement> Features { get; set; } = new List<JsonElement>();

    /// <summary>Paging context.</summary>
    [JsonPropertyName("context")]
    public CatalogContext? Context { get; set; }
}
