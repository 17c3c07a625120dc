using System.Text.Json;
using SatDownload.Capella.Models;

namespace SatDownload.Capella.Serialization;

/// <summary>
/// Checks a decoded answer for what the client cannot work without (the ids that later calls, resumes and file names
/// use), so a malformed answer becomes a <see cref="ProviderRequestException"/> naming the call and the missing field,
/// instead of a null reference further on. Unknown fields and optional ones stay tolerated.
/// </summary>
internal static class CapellaResponseCheck
{
    public static T Checked<T>(T? value, string operation)
    {
        switch (value)
        {
            case null:
                throw Malformed(operation, $"The answer is JSON null, not the expected {typeof(T).Name.Replace("Capella", string.Empty, StringComparison.Ordinal)} object.");
            case CapellaUser user:
                Require(user.Id, "id", "user", operation);
                break;
            case CapellaAoi aoi:
                Require(aoi.Id, "id", "AOI", operation);
                break;
            case CapellaAnalyticsProduct product:
                Require(product.Id, "id", "change-map product", operation);
                if (product.Assets is null)
                {
                    throw Malformed(operation, $"Change-map product {product.Id} has \"assets\": null; expected an object of files.");
                }

                break;
            case CapellaStacItem item:
                Require(item.Id, "id", "STAC item", operation);
                if (item.Assets is null)
                {
                    throw Malformed(operation, $"STAC item {item.Id} has \"assets\": null; expected an object of files.");
                }

                break;
            case CapellaOrder order:
                Require(order.OrderId, "orderId", "order", operation);
                break;
            case CapellaItemCollection collection:
                for (var i = 0; i < (collection.Features?.Count ?? 0); i++)
                {
                    Checked(collection.Features![i], operation + $" (features[{i}])");
                }

                break;
            case JsonElement element when element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined:
                throw Malformed(operation, "The answer is JSON null, not an object or a list.");
        }

        return value;
    }

    private static void Require(string? value, string field, string what, string operation)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Malformed(operation, $"The {what} in the answer has no \"{field}\", which the client needs; the service answered with an unexpected shape.");
        }
    }

    private static ProviderRequestException Malformed(string operation, string message) =>
        new(new ProviderErrorDetails
        {
            Provider = ProviderNames.Capella,
            Operation = operation,
            Status = 200,
            ErrorCode = "INVALID_RESPONSE",
            Message = message,
            IsRetryable = false,
        });
}
