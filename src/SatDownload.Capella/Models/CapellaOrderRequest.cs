using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>The body of <c>POST /orders/review</c> and <c>POST /orders</c>.</summary>
internal sealed class CapellaOrderRequest
{
    [JsonPropertyName("items")]
    public required IReadOnlyList<CapellaOrderItem> Items { get; init; }

    [JsonPropertyName("contractId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContractId { get; init; }
}
