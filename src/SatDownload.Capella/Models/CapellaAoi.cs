using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>An area of interest as Capella stores it: a GeoJSON <c>Feature</c> with a polygon and named properties.</summary>
public sealed class CapellaAoi
{
    /// <summary>The AOI id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The GeoJSON type, <c>Feature</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The GeoJSON geometry (WGS84 longitude/latitude), as sent by the service.</summary>
    [JsonPropertyName("geometry")]
    public JsonElement? Geometry { get; init; }

    /// <summary>Name, description and notification flags.</summary>
    [JsonPropertyName("properties")]
    public CapellaAoiProperties? Properties { get; init; }

    /// <summary>Other fields.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The AOI's name, from <see cref="Properties"/>.</summary>
    [JsonIgnore]
    public string? Name => Properties?.Name;

    /// <inheritdoc />
    public override string ToString() => $"CapellaAoi({Id}, '{Name}')";
}
