namespace SatDownload;

/// <summary>
/// Chooses which of a task's assets to download. Criteria combine with AND; the values inside one criterion combine
/// with OR. An empty criterion (null or no values) does not filter. An empty filter keeps every asset.
/// </summary>
/// <remarks>
/// The filter is not part of <see cref="ImageryRequest.GetFingerprint"/>: narrowing or widening it for the same request
/// reuses the task already ordered instead of ordering (and paying) again.
/// </remarks>
public sealed class AssetFilter
{
    /// <summary>A filter that keeps every asset.</summary>
    public static AssetFilter All { get; } = new();

    /// <summary>Asset keys to keep (<see cref="ImageryAsset.AssetKey"/>, compared case-insensitively).</summary>
    public IReadOnlyCollection<string>? AssetKeys { get; init; }

    /// <summary>Roles to keep: an asset is kept when it has any of them (<see cref="AssetRoles"/>).</summary>
    public IReadOnlyCollection<string>? Roles { get; init; }

    /// <summary>
    /// Media types to keep, compared case-insensitively on the type without parameters, so <c>image/tiff</c> also keeps
    /// <c>image/tiff; application=geotiff</c>. An entry with parameters must match exactly.
    /// </summary>
    public IReadOnlyCollection<string>? MediaTypes { get; init; }

    /// <summary>Any further condition; called after the other criteria matched.</summary>
    public Func<ImageryAsset, bool>? Predicate { get; init; }

    /// <summary>Whether this filter keeps every asset.</summary>
    public bool IsEmpty => IsNullOrEmpty(AssetKeys) && IsNullOrEmpty(Roles) && IsNullOrEmpty(MediaTypes) && Predicate is null;

    /// <summary>Whether <paramref name="asset"/> passes the filter.</summary>
    /// <param name="asset">The asset.</param>
    /// <returns>True to download it.</returns>
    public bool Matches(ImageryAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (!IsNullOrEmpty(AssetKeys) && !AssetKeys!.Any(k => string.Equals(k, asset.AssetKey, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (!IsNullOrEmpty(Roles) && !Roles!.Any(asset.HasRole))
        {
            return false;
        }

        if (!IsNullOrEmpty(MediaTypes) && !MediaTypes!.Any(m => MediaTypeMatches(m, asset.MediaType)))
        {
            return false;
        }

        return Predicate is null || Predicate(asset);
    }

    /// <summary>Throws when a criterion holds a blank value (a likely configuration mistake that would silently match nothing).</summary>
    /// <exception cref="ImageryRequestValidationException">A value is null or blank.</exception>
    public void Validate()
    {
        Check(AssetKeys, "AssetFilter.AssetKeys");
        Check(Roles, "AssetFilter.Roles");
        Check(MediaTypes, "AssetFilter.MediaTypes");
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "AssetFilter(all)";
        }

        var parts = new List<string>();
        if (!IsNullOrEmpty(AssetKeys))
        {
            parts.Add("keys=" + string.Join('|', AssetKeys!));
        }

        if (!IsNullOrEmpty(Roles))
        {
            parts.Add("roles=" + string.Join('|', Roles!));
        }

        if (!IsNullOrEmpty(MediaTypes))
        {
            parts.Add("types=" + string.Join('|', MediaTypes!));
        }

        if (Predicate is not null)
        {
            parts.Add("predicate");
        }

        return "AssetFilter(" + string.Join(", ", parts) + ")";
    }

    private static bool MediaTypeMatches(string wanted, string? actual)
    {
        if (actual is null)
        {
            return false;
        }

        if (string.Equals(wanted.Trim(), actual.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A bare type ("image/tiff") matches any parameters ("image/tiff; application=geotiff").
        return !wanted.Contains(';', StringComparison.Ordinal)
            && string.Equals(wanted.Trim(), actual.Split(';')[0].Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsNullOrEmpty(IReadOnlyCollection<string>? values) => values is null || values.Count == 0;

    private static void Check(IReadOnlyCollection<string>? values, string field)
    {
        if (values is not null && values.Any(string.IsNullOrWhiteSpace))
        {
            throw new ImageryRequestValidationException(field, "contains a null or blank value; remove it or leave the criterion empty to keep every asset.");
        }
    }
}
