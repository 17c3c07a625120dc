using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Assets;

/// <summary>
/// Chooses which product files to download. Every non-empty criterion must match (an empty criterion matches all);
/// values compare ignoring case. Example: <c>new IceyeAssetFilter { ProductTypes = { IceyeProductType.GrdCog }, Roles = { AssetRoles.Data } }</c>.
/// </summary>
public sealed class IceyeAssetFilter
{
    /// <summary>Product types to keep (for example GRD-COG); empty keeps all.</summary>
    public ICollection<IceyeProductType> ProductTypes { get; } = new List<IceyeProductType>();

    /// <summary>Asset keys to keep (for example <c>grd-tif</c>); empty keeps all.</summary>
    public ICollection<string> AssetKeys { get; } = new List<string>();

    /// <summary>Roles to keep (see <see cref="AssetRoles"/>); an asset with any of them matches; empty keeps all.</summary>
    public ICollection<string> Roles { get; } = new List<string>();

    /// <summary>Media types to keep: an exact type, or a prefix such as <c>image/tiff</c> or <c>image/</c>; empty keeps all.</summary>
    public ICollection<string> MediaTypes { get; } = new List<string>();

    /// <summary>Product ids to skip, for example the SLA products already downloaded while the task was FULFILLED.</summary>
    public ICollection<string> ExcludeProductIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Any further condition.</summary>
    public Func<ImageryAsset, bool>? Predicate { get; set; }

    /// <summary>A filter that keeps only the data files (the imagery itself), of every product type.</summary>
    /// <returns>A new filter.</returns>
    public static IceyeAssetFilter DataOnly() => new() { Roles = { AssetRoles.Data } };

    /// <summary>Whether a product passes the product-level criteria.</summary>
    /// <param name="product">The product.</param>
    /// <returns><see langword="true"/> when kept.</returns>
    public bool Matches(IceyeProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (ExcludeProductIds.Contains(product.Id))
        {
            return false;
        }

        return ProductTypes.Count == 0 || (product.Properties.ProductType is { } type && ProductTypes.Contains(type));
    }

    /// <summary>Whether an asset passes the asset-level criteria.</summary>
    /// <param name="asset">The asset.</param>
    /// <returns><see langword="true"/> when kept.</returns>
    public bool Matches(ImageryAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (AssetKeys.Count > 0 && !AssetKeys.Any(k => string.Equals(k, asset.AssetKey, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Roles.Count > 0 && !Roles.Any(asset.HasRole))
        {
            return false;
        }

        if (MediaTypes.Count > 0 && (asset.MediaType is not { } media ||
            !MediaTypes.Any(m => media.StartsWith(m, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        return Predicate?.Invoke(asset) ?? true;
    }
}
