using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>A scene found by the Search API. Its <see cref="ViewId"/> is what a load-by-extent task needs.</summary>
public sealed class EosScene
{
    /// <summary>The view id, for example <c>S2/13/R/EL/2023/7/19/0</c>.</summary>
    [JsonPropertyName("view_id")]
    public string? ViewId { get; init; }

    /// <summary>The provider's scene id, for example <c>S2B_tile_20230719_13REL_0</c>.</summary>
    [JsonPropertyName("sceneID")]
    public string? SceneId { get; init; }

    /// <summary>The acquisition date as EOS writes it (usually <c>yyyy-MM-dd</c>); see <see cref="AcquiredAt"/>.</summary>
    [JsonPropertyName("date")]
    public string? Date { get; init; }

    /// <summary>Cloud cover in percent (0–100).</summary>
    [JsonPropertyName("cloudCoverage")]
    public double? CloudCoverage { get; init; }

    /// <summary>The dataset, when the search returned it (multi-dataset searches do).</summary>
    [JsonPropertyName("dataset")]
    public string? Dataset { get; init; }

    /// <summary>Every other field EOS returned (requested through <c>fields</c>, or unknown to this version).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The acquisition date parsed from <see cref="Date"/> as UTC, or null when absent or unreadable.</summary>
    [JsonIgnore]
    public DateTimeOffset? AcquiredAt =>
        Date is not null && DateTimeOffset.TryParse(Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;

    /// <summary>The sensor prefix of the view id (<c>S2</c>, <c>L8</c>, <c>MODIS</c>, ...), or null.</summary>
    [JsonIgnore]
    public string? Sensor => EosViewId.SensorOf(ViewId);
}
