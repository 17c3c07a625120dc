using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>The available dates of one part of the AOI.</summary>
public sealed class ClearSkyDatesByGeography
{
    /// <summary>The part, as WKT.</summary>
    [JsonPropertyName("Wkt")]
    public string? Wkt { get; init; }

    /// <summary>The dates (<c>yyyy-MM-dd</c>).</summary>
    [JsonPropertyName("Dates")]
    public IReadOnlyList<DateOnly> Dates { get; init; } = [];

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
