using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>An order (<c>POST /orders</c>, <c>GET /orders</c>, <c>GET /orders/{orderId}</c>).</summary>
public sealed class CapellaOrder
{
    /// <summary>The order id.</summary>
    [JsonPropertyName("orderId")]
    public string OrderId { get; init; } = string.Empty;

    /// <summary>When the order was placed.</summary>
    [JsonPropertyName("orderDate")]
    public DateTimeOffset? OrderDate { get; init; }

    /// <summary>When the order's downloads stop working (the service then answers <c>ORDER_EXPIRED</c>).</summary>
    [JsonPropertyName("expirationDate")]
    public DateTimeOffset? ExpirationDate { get; init; }

    /// <summary>The raw order status, for example <c>completed</c>.</summary>
    [JsonPropertyName("orderStatus")]
    public string? OrderStatus { get; init; }

    /// <summary>The ordered granules.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<CapellaOrderItem>? Items { get; init; }

    /// <summary>The ordering user.</summary>
    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    /// <summary>The ordering organization.</summary>
    [JsonPropertyName("organizationId")]
    public string? OrganizationId { get; init; }

    /// <summary>The contract billed.</summary>
    [JsonPropertyName("contractId")]
    public string? ContractId { get; init; }

    /// <summary>Other fields.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Whether the order has expired at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> when <see cref="ExpirationDate"/> has passed.</returns>
    public bool IsExpired(DateTimeOffset now) => ExpirationDate is { } e && now >= e;

    /// <inheritdoc />
    public override string ToString() => $"CapellaOrder({OrderId}, {OrderStatus}, {Items?.Count ?? 0} items)";
}
