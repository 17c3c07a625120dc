namespace SatDownload.Capella;

/// <summary>
/// Narrows the change-map products of an AOI. Continuous monitoring adds a product each time new data arrives, so a
/// listing can be long; these filters run on the client (the service documents none).
/// </summary>
public sealed class CapellaProductQuery
{
    /// <summary>Only products created at or after this time (UTC).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only products created before this time (UTC).</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only products made with one of these methods (<c>method_applied</c>, for example <c>cov</c>); case-insensitive.</summary>
    public IReadOnlyCollection<string>? Methods { get; init; }

    /// <summary>Only the most recently created product that passes the other filters.</summary>
    public bool LatestOnly { get; init; }

    /// <summary>Checks the query and names the field to fix.</summary>
    /// <exception cref="ArgumentException">The range is empty or a method is blank.</exception>
    public void Validate()
    {
        if (CreatedFrom is { } from && CreatedTo is { } to && from >= to)
        {
            throw new ArgumentException(
                $"CapellaProductQuery.CreatedFrom ({from:u}) must be before CreatedTo ({to:u}); swap them or leave one unset.",
                nameof(CreatedFrom));
        }

        if (Methods is not null && Methods.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("CapellaProductQuery.Methods contains a blank method name; use values such as \"cov\".", nameof(Methods));
        }
    }

    internal bool Matches(Models.CapellaAnalyticsProduct product)
    {
        if (CreatedFrom is { } from && (product.DateCreated is not { } c1 || c1 < from))
        {
            return false;
        }

        if (CreatedTo is { } to && (product.DateCreated is not { } c2 || c2 >= to))
        {
            return false;
        }

        return Methods is null || Methods.Count == 0 ||
               Methods.Any(m => string.Equals(m, product.MethodApplied, StringComparison.OrdinalIgnoreCase));
    }
}
