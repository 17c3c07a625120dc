using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>The cost preview of <c>POST /orders/review</c>.</summary>
public sealed class CapellaOrderReview
{
    /// <summary>Whether the user may place the order as reviewed.</summary>
    [JsonPropertyName("authorized")]
    public bool? Authorized { get; init; }

    /// <summary>Why the order would be refused, when it would.</summary>
    [JsonPropertyName("authorizationDenialReason")]
    public JsonElement? AuthorizationDenialReason { get; init; }

    /// <summary>The priced order details as the service sends them.</summary>
    [JsonPropertyName("orderDetails")]
    public JsonElement? OrderDetails { get; init; }

    /// <summary>Other fields.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The total price from <c>orderDetails.summary.total</c>, when present.</summary>
    [JsonIgnore]
    public decimal? Total =>
        OrderDetails is { ValueKind: JsonValueKind.Object } d &&
        d.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object &&
        s.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetDecimal(out var total)
            ? total
            : null;

    /// <summary>The currency from <c>orderDetails.summary.currency</c>, when present.</summary>
    [JsonIgnore]
    public string? Currency =>
        OrderDetails is { ValueKind: JsonValueKind.Object } d &&
        d.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object &&
        s.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()
            : null;
}
