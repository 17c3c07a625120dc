namespace SatDownload.Capella;

/// <summary>Maps Capella's raw order and tasking statuses onto <see cref="ProviderTaskStatus"/> (see docs/providers/capella.md).</summary>
public static class CapellaOrderStatusMapper
{
    /// <summary>Maps an order status (<c>orderStatus</c>).</summary>
    /// <param name="orderStatus">The raw status.</param>
    /// <returns>The unified status; unknown values count as running, so that waiting continues rather than stops wrongly.</returns>
    public static ProviderTaskStatus MapOrderStatus(string? orderStatus) => Normalize(orderStatus) switch
    {
        null => ProviderTaskStatus.Pending,
        "completed" or "complete" or "succeeded" or "success" or "fulfilled" or "delivered" => ProviderTaskStatus.Succeeded,
        "failed" or "error" or "rejected" or "anomaly" or "expired" => ProviderTaskStatus.Failed,
        "canceled" or "cancelled" => ProviderTaskStatus.Canceled,
        "received" or "review" or "pending" or "submitted" => ProviderTaskStatus.Pending,
        _ => ProviderTaskStatus.Running,
    };

    /// <summary>Maps a tasking-request status (<c>received, review, submitted, active, accepted, rejected, expired, completed, anomaly, canceled, error, failed, retrying</c>).</summary>
    /// <param name="taskingStatus">The raw status.</param>
    /// <returns>The unified status.</returns>
    public static ProviderTaskStatus MapTaskingStatus(string? taskingStatus) => Normalize(taskingStatus) switch
    {
        null => ProviderTaskStatus.Pending,
        "received" or "review" or "submitted" => ProviderTaskStatus.Pending,
        "active" or "accepted" or "retrying" => ProviderTaskStatus.Running,
        "completed" => ProviderTaskStatus.Succeeded,
        "rejected" or "expired" or "anomaly" or "error" or "failed" => ProviderTaskStatus.Failed,
        "canceled" or "cancelled" => ProviderTaskStatus.Canceled,
        _ => ProviderTaskStatus.Running,
    };

    internal static ProviderTaskState ToState(Models.CapellaOrder order, DateTimeOffset now)
    {
        var status = MapOrderStatus(order.OrderStatus);
        string? message = null;
        if (status == ProviderTaskStatus.Succeeded && order.IsExpired(now))
        {
            // The order was fulfilled but its download window has closed: the files can no longer be fetched.
            status = ProviderTaskStatus.Failed;
            message = $"Order {order.OrderId} expired at {order.ExpirationDate:u}; place a new order to download again.";
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (order.ExpirationDate is { } e)
        {
            properties["capella:expiration_date"] = e.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ProviderTaskState
        {
            Status = status,
            ProviderStatus = order.OrderStatus,
            Message = message,
            AssetsAvailable = status == ProviderTaskStatus.Succeeded,
            Properties = properties,
        };
    }

    private static string? Normalize(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToLowerInvariant();
}
