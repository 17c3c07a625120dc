using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// Checks the fields a typed response cannot do without (a task's id and status, a page's data array, a feature's id),
/// so a well-formed but incomplete body becomes a readable <see cref="ProviderRequestException"/> at the call that read it,
/// not a <see cref="NullReferenceException"/> later. Unknown status values are not problems: polling maps them to Running.
/// </summary>
internal static class SentinelHubResponseValidator
{
    public static string? Problem(object? value) => value switch
    {
        BatchProcessTask t => Missing(t.Id, "id") ?? Missing(t.Status, "status") ?? Percentage(t.CompletionPercentage) ?? Finite(t.CostPU, "costPU"),
        BatchStatisticalTask t => Missing(t.Id, "id") ?? Missing(t.Status, "status") ?? Percentage(t.CompletionPercentage) ?? Finite(t.CostPu, "costPu"),
        AsyncProcessStatus s => Missing(s.Id, "id"),
        CatalogFeatureCollection c => c.Features is null ? "the response has no 'features' array" : FirstBad(c.Features, f => f?.Id, "features"),
        CatalogItem i => Missing(i.Id, "id"),
        CatalogCollection c => Missing(c.Id, "id"),
        ViewPage<BatchProcessTask> p => p.Data is null ? "the response has no 'data' array" : FirstBad(p.Data, t => t is null ? null : Problem(t) is null ? "ok" : null, "data"),
        ViewPage<BatchStatisticalTask> p => p.Data is null ? "the response has no 'data' array" : FirstBad(p.Data, t => t is null ? null : Problem(t) is null ? "ok" : null, "data"),
        ViewPage<TilingGrid> p => p.Data is null ? "the response has no 'data' array" : FirstBad(p.Data, g => g is null ? null : "ok", "data"),
        StatisticalResponse r => r.Data is null && !string.Equals(r.Status, "FAILED", StringComparison.OrdinalIgnoreCase) ? "the response has no 'data' array" : null,
        _ => null,
    };

    private static string? Percentage(double? value) =>
        value is { } p && (!double.IsFinite(p) || p < 0 || p > 100) ? "'completionPercentage' is not a percentage (0–100)" : null;

    private static string? Finite(double? value, string field) =>
        value is { } v && (!double.IsFinite(v) || v < 0) ? $"'{field}' is not a finite, non-negative number" : null;

    private static string? Missing(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? $"the response has no '{field}' (required)" : null;

    private static string? FirstBad<T>(IList<T> items, Func<T, string?> key, string array)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(key(items[i])))
            {
                return $"{array}[{i}] is null or misses a required field (id, status)";
            }
        }

        return null;
    }
}
