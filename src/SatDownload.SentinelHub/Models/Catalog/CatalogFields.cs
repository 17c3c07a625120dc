using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>The STAC fields extension: include wins over exclude.</summary>
public sealed class CatalogFields
{
    /// <summary>Fields to include (full JSON paths, e.g. <c>properties.eo:cloud_cover</c>).</summary>
    [JsonPropertyName("include")]
    public IList<string>? Include { get; set; }

    /// <summary>Fields to exclude.</summary>
    [JsonPropertyName("exclude")]
    public IList<string>? Exclude { get; set; }
}
