using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Percentile list. The spec documents <c>k</c> in 0–1 while the CDSE guide uses 33/75/90: the value is sent as given.</summary>
public sealed class PercentilesSpec
{
    /// <summary>The percentiles.</summary>
    [JsonPropertyName("k")]
    public IList<double> K { get; set; } = new List<double>();

    /// <summary>Interpolation method (optional).</summary>
    [JsonPropertyName("interpolation")]
    public string? Interpolation { get; set; }
}
