using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>The account limits and balance from <c>GET /api/account/info</c>.</summary>
public sealed class ClearSkyAccountInfo
{
    /// <summary>The tenant id.</summary>
    [JsonPropertyName("TenantId")]
    public string? TenantId { get; init; }

    /// <summary>How many requests may be in flight at once.</summary>
    [JsonPropertyName("MaxConcurrentConnections")]
    public int? MaxConcurrentConnections { get; init; }

    /// <summary>The largest composite AOI in square kilometres (error 1004 beyond it).</summary>
    [JsonPropertyName("MaxCompositeAreaKm2")]
    [JsonConverter(typeof(SatDownload.Http.FiniteDoubleJsonConverter))]
    public double? MaxCompositeAreaKm2 { get; init; }

    /// <summary>The most bands one request may ask for (error 1005 beyond it).</summary>
    [JsonPropertyName("MaxTotalBands")]
    public int? MaxTotalBands { get; init; }

    /// <summary>The overdraft allowed, in euros.</summary>
    [JsonPropertyName("EuroOverdraftLimit")]
    public decimal? EuroOverdraftLimit { get; init; }

    /// <summary>The balance cap, in euros.</summary>
    [JsonPropertyName("EuroBalanceCap")]
    public decimal? EuroBalanceCap { get; init; }

    /// <summary>Fields this SDK does not model yet (older credit fields land here).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
