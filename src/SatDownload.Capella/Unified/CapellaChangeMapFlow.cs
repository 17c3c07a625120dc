using SatDownload.Capella.Models;

namespace SatDownload.Capella;

/// <summary>
/// Runs a <see cref="CapellaChangeMapImageryRequest"/> on a <see cref="CapellaClient"/>: the quote, the order (or the AOI's
/// product selection) and the rebuild of either from its task id.
/// </summary>
internal static class CapellaChangeMapFlow
{
    /// <summary>The task kind of an AOI product selection.</summary>
    public const string AoiTaskKind = "aoi-change-maps";

    private const string AoiTaskPrefix = "aoi/";
    private const string ProductsOperation = "GET /products/{aoi_id}";

    public static async Task<CostEstimate?> EstimateAsync(CapellaClient client, CapellaChangeMapImageryRequest request, CancellationToken cancellationToken)
    {
        if (request.IsAoiRequest)
        {
            // An AOI's change maps are produced by its monitoring subscription; reading them costs nothing per call.
            return null;
        }

        var review = await client.ReviewOrderAsync(request.Granules!, request.ContractId, cancellationToken).ConfigureAwait(false);
        if (review.Authorized == false)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = "POST /orders/review",
                Status = 403,
                ErrorCode = CapellaErrorCodes.NotAuthorized,
                Message = "The order review says the account may not place this order" +
                          (review.AuthorizationDenialReason is { } reason && reason.ValueKind != System.Text.Json.JsonValueKind.Null
                              ? ": " + Redactor.Redact(reason.ToString())
                              : ".") + " Nothing was ordered.",
            });
        }

        if (review.Total is { } total)
        {
            return new CostEstimate(total, review.Currency ?? "USD");
        }

        if (HasTotal(review))
        {
            // A price that cannot be read must not turn into "no estimate", which would let the order through a cost budget.
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = "POST /orders/review",
                Status = 200,
                ErrorCode = "INVALID_RESPONSE",
                Message = "The order review's orderDetails.summary.total is not a readable decimal amount; nothing was ordered.",
                IsRetryable = false,
            });
        }

        return null;
    }

    private static bool HasTotal(CapellaOrderReview review) =>
        review.OrderDetails is { ValueKind: System.Text.Json.JsonValueKind.Object } d &&
        d.TryGetProperty("summary", out var summary) && summary.ValueKind == System.Text.Json.JsonValueKind.Object &&
        summary.TryGetProperty("total", out var total) && total.ValueKind != System.Text.Json.JsonValueKind.Null;

    public static async Task<ProviderTask> StartAsync(CapellaClient client, CapellaChangeMapImageryRequest request, CancellationToken cancellationToken)
    {
        if (!request.IsAoiRequest)
        {
            var submitted = await client.SubmitOrderAsync(request.Granules!, request.ContractId, cancellationToken).ConfigureAwait(false);
            return client.CreateOrderTask(submitted.Id, submitted.LastState, request.Files);
        }

        var products = new List<CapellaAnalyticsProduct>();
        await foreach (var product in client.GetProductsAsync(request.AoiId!, request.EffectiveQuery, cancellationToken).ConfigureAwait(false))
        {
            products.Add(product);
        }

        if (products.Count == 0)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = ProductsOperation,
                Status = 404,
                ErrorCode = "NO_MATCHING_PRODUCTS",
                Message = $"AOI {request.AoiId} has no change-map product matching the request's Query yet; widen the query or wait for the AOI's monitoring to produce one.",
            });
        }

        var ids = products.Select(p => p.Id).ToList();
        if (ids.Any(id => string.IsNullOrWhiteSpace(id) || id.Contains(',', StringComparison.Ordinal)))
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = ProductsOperation,
                Status = 200,
                Message = "A change-map product has no usable id, so the selection cannot be resumed later.",
            });
        }

        return AoiTask(client, request, AoiTaskPrefix + request.AoiId + "/" + string.Join(',', ids), products);
    }

    public static async Task<ProviderTask> GetAsync(CapellaClient client, CapellaChangeMapImageryRequest request, string taskId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        if (!request.IsAoiRequest)
        {
            var task = client.CreateOrderTask(StripToken(taskId, CapellaOrderTask.TaskKind), null, request.Files);
            await task.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            return task;
        }

        var id = StripToken(taskId, AoiTaskKind);
        var prefix = AoiTaskPrefix + request.AoiId + "/";
        if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length == prefix.Length)
        {
            throw new ArgumentException($"'{taskId}' is not a task of AOI {request.AoiId} (expected '{prefix}<product ids>').", nameof(taskId));
        }

        // The selection is pinned to the products chosen the first time: a newer product does not change a resumed download.
        var wanted = id[prefix.Length..].Split(',');
        var found = new Dictionary<string, CapellaAnalyticsProduct>(StringComparer.Ordinal);
        await foreach (var product in client.GetProductsAsync(request.AoiId!, null, cancellationToken).ConfigureAwait(false))
        {
            if (product.Id is { } pid && wanted.Contains(pid, StringComparer.Ordinal))
            {
                found.TryAdd(pid, product);
            }
        }

        var missing = wanted.Where(w => !found.ContainsKey(w)).ToList();
        if (missing.Count > 0)
        {
            throw new ProviderRequestException(new ProviderErrorDetails
            {
                Provider = ProviderNames.Capella,
                Operation = ProductsOperation,
                Status = 404,
                ErrorCode = "NOT_FOUND",
                Message = $"AOI {request.AoiId} no longer lists the change-map product(s) {string.Join(", ", missing)}.",
            });
        }

        return AoiTask(client, request, id, wanted.Select(w => found[w]).ToList());
    }

    private static CompletedProviderTask AoiTask(CapellaClient client, CapellaChangeMapImageryRequest request, string id, IReadOnlyList<CapellaAnalyticsProduct> products)
    {
        var assets = products.SelectMany(p => client.GetProductAssets(p, request.Files)).ToList();
        return new CompletedProviderTask(ProviderNames.Capella, id, assets, AoiTaskKind, ProviderTaskStatus.Succeeded, client.Options.TimeProvider);
    }

    /// <summary>Accepts the bare id or the task's rehydration token (<c>capella:&lt;kind&gt;:&lt;id&gt;</c>).</summary>
    private static string StripToken(string taskId, string kind)
    {
        var prefix = ProviderNames.Capella + ":" + kind + ":";
        return taskId.StartsWith(prefix, StringComparison.Ordinal) ? taskId[prefix.Length..] : taskId;
    }
}
