using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>
/// A STAC item: the SAR input behind a change map (<c>stac_item_ref</c>) or an ordered granule whose asset hrefs are
/// presigned (<c>/orders/{id}/download</c>).
/// </summary>
public sealed class CapellaStacItem
{
    /// <summary>The GeoJSON type, <c>Feature</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The STAC version.</summary>
    [JsonPropertyName("stac_version")]
    public string? StacVersion { get; init; }

    /// <summary>The item id (the granule id).</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The collection, for example <c>capella-archive</c> or <c>s1-change</c>.</summary>
    [JsonPropertyName("collection")]
    public string? Collection { get; init; }

    /// <summary>The footprint as GeoJSON.</summary>
    [JsonPropertyName("geometry")]
    public JsonElement? Geometry { get; init; }

    /// <summary>The bounding box (west, south, east, north).</summary>
    [JsonPropertyName("bbox")]
    public IReadOnlyList<double>? BoundingBox { get; init; }

    /// <summary>The STAC properties (<c>datetime</c>, <c>sar:*</c>, <c>sat:*</c>, <c>capella:*</c>, ...).</summary>
    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>The files, by key.</summary>
    [JsonPropertyName("assets")]
    public IReadOnlyDictionary<string, CapellaStacAsset> Assets { get; init; } = new Dictionary<string, CapellaStacAsset>(StringComparer.Ordinal);

    /// <summary>Links.</summary>
    [JsonPropertyName("links")]
    public IReadOnlyList<CapellaLink>? Links { get; init; }

    /// <summary>Other fields.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The acquisition time from <c>properties.datetime</c> (or <c>start_datetime</c>), when present.</summary>
    [JsonIgnore]
    public DateTimeOffset? DateTime =>
        ReadTime("datetime") ?? ReadTime("start_datetime");

    /// <inheritdoc />
    public override string ToString() => $"CapellaStacItem({Collection}/{Id}, {Assets.Count} assets)";

    private DateTimeOffset? ReadTime(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;
}
