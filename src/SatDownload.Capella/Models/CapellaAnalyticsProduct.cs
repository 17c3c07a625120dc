using System.Text.Json;
using System.Text.Json.Serialization;
using SatDownload.Capella.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>
/// One change-map product of an area of interest, as Capella's article "Downloading Analytic products using the API"
/// shows it in the <c>products</c> section. Continuous monitoring adds a product each time new data arrives.
/// </summary>
public sealed class CapellaAnalyticsProduct
{
    /// <summary>The product id (a UUID); also the folder of its asset files.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The analytics job that produced the product.</summary>
    [JsonPropertyName("job_id")]
    public string? JobId { get; init; }

    /// <summary>The area of interest the product belongs to.</summary>
    [JsonPropertyName("aoi_id")]
    public string? AoiId { get; init; }

    /// <summary>The owner.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>When the product was created. The wire form is <c>yyyy-MM-dd HH:mm:ss</c> without a zone; read as UTC.</summary>
    [JsonPropertyName("date_created")]
    [JsonConverter(typeof(CapellaDateTimeConverter))]
    public DateTimeOffset? DateCreated { get; init; }

    /// <summary>
    /// How many snapshots were processed. The article only shows <c>null</c>, so the type is unconfirmed: kept as raw JSON
    /// (see <see cref="SnapshotsProcessedCount"/> for the numeric reading).
    /// </summary>
    [JsonPropertyName("snapshots_processed")]
    public JsonElement? SnapshotsProcessed { get; init; }

    /// <summary>The start of the window searched for input imagery.</summary>
    [JsonPropertyName("date_start")]
    [JsonConverter(typeof(CapellaDateOnlyConverter))]
    public DateOnly? DateStart { get; init; }

    /// <summary>The end of the window searched for input imagery.</summary>
    [JsonPropertyName("date_end")]
    [JsonConverter(typeof(CapellaDateOnlyConverter))]
    public DateOnly? DateEnd { get; init; }

    /// <summary>The collection searched for input imagery, for example <c>sentinel-s1-l2</c>.</summary>
    [JsonPropertyName("collection_searched")]
    public string? CollectionSearched { get; init; }

    /// <summary>The change-detection method, for example <c>cov</c>.</summary>
    [JsonPropertyName("method_applied")]
    public string? MethodApplied { get; init; }

    /// <summary>The change-map files by key (<c>a</c>, <c>b</c>, <c>a_cog</c>, <c>b_cog</c>, ...). Their hrefs answer with a signed URL.</summary>
    [JsonPropertyName("assets")]
    public IReadOnlyDictionary<string, CapellaProductAsset> Assets { get; init; } = new Dictionary<string, CapellaProductAsset>(StringComparer.Ordinal);

    /// <summary>A link to the STAC item of the SAR input used to produce the change map.</summary>
    [JsonPropertyName("stac_item_ref")]
    public string? StacItemRef { get; init; }

    /// <summary>The STAC item generated for this product, when any. The article only shows <c>null</c>: kept as raw JSON.</summary>
    [JsonPropertyName("stac_item_generated")]
    public JsonElement? StacItemGenerated { get; init; }

    /// <summary>The monitoring window in months.</summary>
    [JsonPropertyName("window_in_months")]
    public int? WindowInMonths { get; init; }

    /// <summary>Fields the article does not show; kept so that nothing the service sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary><see cref="SnapshotsProcessed"/> as a number, when it is one (or a numeric string, or an array whose length counts).</summary>
    [JsonIgnore]
    public int? SnapshotsProcessedCount => SnapshotsProcessed is { } e
        ? e.ValueKind switch
        {
            JsonValueKind.Number when e.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(e.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) => s,
            JsonValueKind.Array => e.GetArrayLength(),
            _ => null,
        }
        : null;

    /// <inheritdoc />
    public override string ToString() => $"CapellaAnalyticsProduct({Id}, method {MethodApplied ?? "?"}, created {DateCreated?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, {Assets.Count} assets)";
}
