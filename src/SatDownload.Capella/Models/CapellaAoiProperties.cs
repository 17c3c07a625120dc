using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>The <c>properties</c> of a Capella AOI feature.</summary>
public sealed class CapellaAoiProperties
{
    /// <summary>The AOI name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>A free-text description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Whether notifications skip imagery older than a cut-off.</summary>
    [JsonPropertyName("excludeOlderThanEnabled")]
    public bool? ExcludeOlderThanEnabled { get; init; }

    /// <summary>Whether the AOI is active (monitored).</summary>
    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    /// <summary>Whether imagery tasked by the user's own organization is excluded from notifications.</summary>
    [JsonPropertyName("excludeTaskedByOwnOrganization")]
    public bool? ExcludeTaskedByOwnOrganization { get; init; }

    /// <summary>Other properties.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
