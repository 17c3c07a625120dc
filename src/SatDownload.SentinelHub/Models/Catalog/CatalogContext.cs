using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Search paging context.</summary>
public sealed class CatalogContext
{
    /// <summary>Token for the next page (an integer offset in practice); null on the last page.</summary>
    [JsonPropertyName("next")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Next { get; set; }

    /// <summary>The page size used.</summary>
    [JsonPropertyName("limit")]
    public int? Limit { get; set; }

    /// <summary>Items in this page.</summary>
    [JsonPropertyName("returned")]
    public int? Returned { get; set; }
}
