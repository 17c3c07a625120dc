namespace SatDownload.Capella;

/// <summary>Chooses which files of a product or STAC item become <see cref="ImageryAsset"/>s.</summary>
public sealed class CapellaAssetFilter
{
    /// <summary>All assets except the ones Capella marks as not downloadable (<c>license</c>).</summary>
    public static CapellaAssetFilter All { get; } = new();

    /// <summary>Only the cloud-optimized GeoTIFFs (<c>a_cog</c>, <c>b_cog</c>, ...).</summary>
    public static CapellaAssetFilter CloudOptimizedOnly { get; } = new() { CloudOptimized = true };

    /// <summary>Only these asset keys (for example <c>a</c>, <c>a_cog</c>, <c>changemap</c>, <c>HH</c>); case-insensitive.</summary>
    public IReadOnlyCollection<string>? Keys { get; init; }

    /// <summary>Never these asset keys; case-insensitive. <c>license</c> is always excluded.</summary>
    public IReadOnlyCollection<string>? ExcludeKeys { get; init; }

    /// <summary>Only assets with at least one of these roles (for example <c>data</c>).</summary>
    public IReadOnlyCollection<string>? Roles { get; init; }

    /// <summary>Only assets whose media type starts with one of these (for example <c>image/tiff</c>); case-insensitive.</summary>
    public IReadOnlyCollection<string>? MediaTypes { get; init; }

    /// <summary><see langword="true"/>: only cloud-optimized GeoTIFFs; <see langword="false"/>: only plain files; null: both.</summary>
    public bool? CloudOptimized { get; init; }

    /// <summary>Checks the filter.</summary>
    /// <exception cref="ArgumentException">A list holds a blank entry.</exception>
    public void Validate()
    {
        Check(Keys, nameof(Keys));
        Check(ExcludeKeys, nameof(ExcludeKeys));
        Check(Roles, nameof(Roles));
        Check(MediaTypes, nameof(MediaTypes));
    }

    internal bool Matches(string key, string? mediaType, IReadOnlyList<string>? roles)
    {
        if (string.Equals(key, "license", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Keys is { Count: > 0 } && !Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ExcludeKeys is { Count: > 0 } && ExcludeKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Roles is { Count: > 0 } && (roles is null || !roles.Any(r => Roles.Contains(r, StringComparer.OrdinalIgnoreCase))))
        {
            return false;
        }

        if (MediaTypes is { Count: > 0 } && (mediaType is null || !MediaTypes.Any(m => mediaType.StartsWith(m, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        if (CloudOptimized is { } cog)
        {
            var isCog = mediaType?.Contains("cloud-optimized", StringComparison.OrdinalIgnoreCase) == true;
            if (isCog != cog)
            {
                return false;
            }
        }

        return true;
    }

    private static void Check(IReadOnlyCollection<string>? values, string name)
    {
        if (values is not null && values.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"CapellaAssetFilter.{name} contains a blank entry; remove it.", name);
        }
    }
}
