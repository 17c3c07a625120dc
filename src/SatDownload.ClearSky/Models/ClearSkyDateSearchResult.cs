using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>The answer of a date-availability search.</summary>
public sealed class ClearSkyDateSearchResult
{
    /// <summary>The available dates per model and constellation set.</summary>
    [JsonPropertyName("ModelImageDates")]
    public IReadOnlyList<ClearSkyModelImageDates> ModelImageDates { get; init; } = [];

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
