using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>
/// The answer of <c>POST /api/satelliteimages/process/composite/estimate</c>: the billed area and the processing-unit cost.
/// </summary>
/// <remarks>
/// ClearSKY's published client models name the cost <c>CreditEstimate</c>; the current documentation speaks of
/// "processing units", so a renamed field (<c>ProcessingUnitEstimate</c>, <c>ProcessingUnits</c>) is read as well
/// (unconfirmed). <see cref="Cost"/> returns whichever is present.
/// </remarks>
public sealed class ClearSkyEstimate
{
    /// <summary>The unit of <see cref="Cost"/> used in budgets: <c>processing-units</c>.</summary>
    public const string CostUnit = "processing-units";

    /// <summary>The billed area in square kilometres.</summary>
    [JsonPropertyName("AreaEstimateKm2")]
    [JsonConverter(typeof(SatDownload.Http.FiniteDoubleJsonConverter))]
    public double? AreaEstimateKm2 { get; init; }

    /// <summary>The cost as ClearSKY's published models name it.</summary>
    [JsonPropertyName("CreditEstimate")]
    public decimal? CreditEstimate { get; init; }

    /// <summary>The cost under a possible newer name (unconfirmed).</summary>
    [JsonPropertyName("ProcessingUnitEstimate")]
    public decimal? ProcessingUnitEstimate { get; init; }

    /// <summary>The cost under another possible newer name (unconfirmed).</summary>
    [JsonPropertyName("ProcessingUnits")]
    public decimal? ProcessingUnits { get; init; }

    /// <summary>A source-attribution notice, if ClearSKY sends one here (the carrier is unconfirmed).</summary>
    [JsonPropertyName("Attribution")]
    public string? Attribution { get; init; }

    /// <summary>Fields this SDK does not model yet (a runtime or size estimate would land here).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The cost in processing units, from whichever field ClearSKY filled; null when none.</summary>
    [JsonIgnore]
    public decimal? ProcessingUnitCost => ProcessingUnitEstimate ?? ProcessingUnits ?? CreditEstimate;

    /// <summary>The cost as a <see cref="CostEstimate"/> for <see cref="DownloadBudget.EnsureCostAllowed"/>; null when no cost field was sent.</summary>
    [JsonIgnore]
    public CostEstimate? Cost => ProcessingUnitCost is { } c ? new CostEstimate(c, CostUnit) : null;
}
