using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>The <c>Error</c> member of ClearSKY's envelope.</summary>
public sealed class ClearSkyServiceError
{
    /// <summary>The human-readable message.</summary>
    [JsonPropertyName("Message")]
    public string? Message { get; init; }

    /// <summary>The numeric error code (see <see cref="ClearSkyErrorCodes"/>).</summary>
    [JsonPropertyName("Code")]
    public int? Code { get; init; }

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
