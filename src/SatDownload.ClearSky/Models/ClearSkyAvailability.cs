using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>The readiness flags returned by <c>POST /api/satelliteimages/process/composite/available</c>.</summary>
/// <remarks>
/// The three flags of the readiness rule (<see cref="FullyAvailable"/>, <see cref="OrdersCoverPolygon"/>,
/// <see cref="DataAvailableForUser"/>) are required: an answer without them is malformed, not "not available".
/// </remarks>
public sealed class ClearSkyAvailability
{
    /// <summary>Names of the active processing zones the AOI intersects.</summary>
    [JsonPropertyName("IntersectedActiveZones")]
    public IReadOnlyList<string>? IntersectedActiveZones { get; init; }

    /// <summary>The UTM EPSG codes of the intersected zones.</summary>
    [JsonPropertyName("IntersectedActiveZonesUtmEpsg")]
    public IReadOnlyList<int>? IntersectedActiveZonesUtmEpsg { get; init; }

    /// <summary>Whether imagery is available for the whole AOI on the date.</summary>
    [JsonPropertyName("FullyAvailable")]
    [JsonRequired]
    public bool FullyAvailable { get; init; }

    /// <summary>Whether the uncertainty layer is available for the whole AOI.</summary>
    [JsonPropertyName("UncertaintyAvailable")]
    public bool UncertaintyAvailable { get; init; }

    /// <summary>Whether imagery is available for part of the AOI.</summary>
    [JsonPropertyName("PartiallyAvailable")]
    public bool PartiallyAvailable { get; init; }

    /// <summary>Whether the uncertainty layer is available for part of the AOI.</summary>
    [JsonPropertyName("PartiallyUncertaintyAvailable")]
    public bool PartiallyUncertaintyAvailable { get; init; }

    /// <summary>Whether the polygon lies in ClearSKY's data area.</summary>
    [JsonPropertyName("PolygonInDataArea")]
    public bool PolygonInDataArea { get; init; }

    /// <summary>Whether the account may use the data (an order covers it).</summary>
    [JsonPropertyName("DataAvailableForUser")]
    [JsonRequired]
    public bool DataAvailableForUser { get; init; }

    /// <summary>Whether the date falls on the zone's data frequency.</summary>
    [JsonPropertyName("DataOnZoneDataFrequencyDate")]
    public bool DataOnZoneDataFrequencyDate { get; init; }

    /// <summary>Whether every image has been predicted (processed).</summary>
    [JsonPropertyName("AllImagesPredicted")]
    public bool AllImagesPredicted { get; init; }

    /// <summary>Whether any image lies within the storage window.</summary>
    [JsonPropertyName("AnyImageWithinStorageMonths")]
    public bool AnyImageWithinStorageMonths { get; init; }

    /// <summary>Whether the account's orders cover the polygon.</summary>
    [JsonPropertyName("OrdersCoverPolygon")]
    [JsonRequired]
    public bool OrdersCoverPolygon { get; init; }

    /// <summary>A source-attribution notice, if ClearSKY sends one here (the carrier is unconfirmed).</summary>
    [JsonPropertyName("Attribution")]
    public string? Attribution { get; init; }

    /// <summary>Fields this SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>
    /// Whether the composite can be produced as requested: the rule of ClearSKY's own client,
    /// <c>FullyAvailable &amp;&amp; OrdersCoverPolygon &amp;&amp; DataAvailableForUser</c>.
    /// </summary>
    [JsonIgnore]
    public bool IsReady => FullyAvailable && OrdersCoverPolygon && DataAvailableForUser;
}
