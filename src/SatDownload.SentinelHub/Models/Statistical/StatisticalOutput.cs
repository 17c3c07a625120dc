using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Statistics of one output.</summary>
public sealed class StatisticalOutput
{
    /// <summary>Per band.</summary>
    [JsonPropertyName("bands")]
    public IDictionary<string, BandStatistics> Bands { get; set; } = new Dictionary<string, BandStatistics>();
}
