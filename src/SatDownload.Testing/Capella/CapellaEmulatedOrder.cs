namespace SatDownload.Testing.Capella;

/// <summary>An order held by the <see cref="CapellaEmulator"/>.</summary>
public sealed class CapellaEmulatedOrder
{
    internal CapellaEmulatedOrder(string orderId, string userId, IReadOnlyList<(string CollectionId, string GranuleId)> items, DateTimeOffset orderDate, DateTimeOffset readyAt, DateTimeOffset expiresAt, string? contractId)
    {
        OrderId = orderId;
        UserId = userId;
        Items = items;
        OrderDate = orderDate;
        ReadyAt = readyAt;
        ExpirationDate = expiresAt;
        ContractId = contractId;
    }

    /// <summary>The order id.</summary>
    public string OrderId { get; }

    /// <summary>The ordering user.</summary>
    public string UserId { get; }

    /// <summary>The ordered granules.</summary>
    public IReadOnlyList<(string CollectionId, string GranuleId)> Items { get; }

    /// <summary>When the order was placed (virtual clock).</summary>
    public DateTimeOffset OrderDate { get; }

    /// <summary>When the order becomes <c>completed</c> (virtual clock).</summary>
    public DateTimeOffset ReadyAt { get; }

    /// <summary>When downloads stop (<c>expirationDate</c>); tests may move it.</summary>
    public DateTimeOffset ExpirationDate { get; set; }

    /// <summary>The billed contract.</summary>
    public string? ContractId { get; }

    /// <summary>A scripted terminal status that overrides the clock (for example <c>failed</c> or <c>canceled</c>).</summary>
    public string? ForcedStatus { get; set; }

    /// <summary>The raw status at <paramref name="now"/>.</summary>
    /// <param name="now">The emulator time.</param>
    /// <returns><c>submitted</c>, <c>processing</c>, <c>completed</c> or <see cref="ForcedStatus"/>.</returns>
    public string StatusAt(DateTimeOffset now) =>
        ForcedStatus ?? (now >= ReadyAt ? "completed" : now >= OrderDate + (ReadyAt - OrderDate) / 2 ? "processing" : "submitted");
}
