using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>One change-map file of a <see cref="CapellaAnalyticsProduct"/> (for example <c>A.tif</c>, VV).</summary>
public sealed class CapellaProductAsset
{
    /// <summary>
    /// The link to call (authenticated) to obtain a signed URL for the file. It is not the file itself.
    /// </summary>
    [JsonPropertyName("href")]
    public string? Href { get; init; }

    /// <summary>The media type, for example <c>image/tiff; application=geotiff; profile=cloud-optimized</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>STAC roles, for example <c>data</c>.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The title; for change maps the polarisation (<c>VV</c> or <c>VH</c>).</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>Fields the article does not show.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Whether the media type declares a cloud-optimized GeoTIFF.</summary>
    [JsonIgnore]
    public bool IsCloudOptimized => Type?.Contains("cloud-optimized", StringComparison.OrdinalIgnoreCase) == true;
}
