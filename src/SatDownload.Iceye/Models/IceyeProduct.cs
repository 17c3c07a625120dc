using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>
/// One SAR product of a task (a STAC-like item from <c>GET /api/tasking/v2/tasks/{id}/products</c>), with its assets and
/// their pre-signed download URLs. The URLs expire after one hour: use <c>IceyeClient</c> to turn products into
/// <see cref="ImageryAsset"/>s whose resolver re-fetches them, never store them.
/// </summary>
public sealed class IceyeProduct
{
    /// <summary>The product id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The GeoJSON type, <c>Feature</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The STAC version the item claims.</summary>
    [JsonPropertyName("stac_version")]
    public string? StacVersion { get; init; }

    /// <summary>The collection (often empty).</summary>
    [JsonPropertyName("collection")]
    public string? Collection { get; init; }

    /// <summary>The bounding box <c>[west, south, east, north]</c>.</summary>
    [JsonPropertyName("bbox")]
    public IReadOnlyList<double>? BoundingBox { get; init; }

    /// <summary>The footprint as raw GeoJSON (a Polygon in WGS84).</summary>
    [JsonPropertyName("geometry")]
    public JsonElement? Geometry { get; init; }

    // System.Text.Json's source generator sets every init-only property, so a member missing from the response arrives
    // as null; these two fall back to empty values instead of surfacing a null reference later.
    private IceyeProductProperties? _properties;
    private IReadOnlyDictionary<string, IceyeProductAsset>? _assets;

    /// <summary>The product's properties (product type, frame id, acquisition geometry); empty when the response has none.</summary>
    [JsonPropertyName("properties")]
    public IceyeProductProperties Properties
    {
        get => _properties ??= new IceyeProductProperties();
        init => _properties = value;
    }

    /// <summary>The files of the product by asset key, for example <c>grd-tif</c>, <c>grd-xml</c>, <c>quicklook-png</c>.</summary>
    [JsonPropertyName("assets")]
    public IReadOnlyDictionary<string, IceyeProductAsset> Assets
    {
        get => _assets ??= new Dictionary<string, IceyeProductAsset>(StringComparer.Ordinal);
        init => _assets = value;
    }

    /// <summary>
    /// The footprint as an NTS geometry (WGS84 lon/lat), or null when absent or unreadable. Kept apart from the raw
    /// <see cref="Geometry"/> so that one odd geometry cannot make a whole product listing fail.
    /// </summary>
    /// <returns>The footprint, or null.</returns>
    public NetTopologySuite.Geometries.Geometry? GetFootprint()
    {
        if (Geometry is not { ValueKind: JsonValueKind.Object } raw)
        {
            return null;
        }

        try
        {
            return SatDownload.GeoJson.GeoJsonReader.ReadGeometry(raw.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Fields the SDK does not model.</summary>
    [JsonExtensionData]
#pragma warning disable CA2227 // System.Text.Json fills extension data through a setter; init would make it a constructor parameter.
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
#pragma warning restore CA2227

    /// <inheritdoc />
    public override string ToString() => $"ICEYE product '{Id}' {Properties.ProductType} ({Assets.Count} assets)";
}
