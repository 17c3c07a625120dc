using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A STAC link.</summary>
public sealed class CatalogLink
{
    /// <summary>Target URL.</summary>
    [JsonPropertyName("href")]
    public string? Href { get; set; }

    /// <summary>Relation (<c>self</c>, <c>next</c>, ...).</summary>
    [JsonPropertyName("rel")]
    public string? Rel { get; set; }

    /// <summary>Media type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>HTTP method for POST paging links.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    /// <summary>Body to merge into the next POST request.</summary>
    [JsonPropertyName("body")]
    public JsonElement? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> merges into the previous body.</summary>
    [JsonPropertyName("merge")]
    public bool? Merge { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
