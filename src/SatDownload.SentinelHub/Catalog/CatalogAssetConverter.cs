using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// Turns STAC items into <see cref="ImageryAsset"/>s: <c>http(s)</c> hrefs directly, <c>s3://</c> hrefs only with a
/// resolver (Sentinel Hub's own buckets are requester-pays), folders (<c>inode/directory</c>) never.
/// </summary>
public static class CatalogAssetConverter
{
    /// <summary>Converts one item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="s3Resolver">Resolver for <c>s3://</c> hrefs, or null to skip them.</param>
    /// <returns>The downloadable assets.</returns>
    public static IEnumerable<ImageryAsset> ToAssets(CatalogItem item, ISignedUrlResolver? s3Resolver = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Assets is null || item.Id is null)
        {
            yield break;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.Collection is not null)
        {
            properties["collection"] = item.Collection;
        }

        if (item.CloudCover is { } cc)
        {
            properties["eo:cloud_cover"] = cc.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, asset) in item.Assets)
        {
            if (string.IsNullOrWhiteSpace(asset.Href) || string.Equals(asset.Type, "inode/directory", StringComparison.OrdinalIgnoreCase) ||
                !Uri.TryCreate(asset.Href, UriKind.Absolute, out var href))
            {
                continue;
            }

            var isHttp = href.Scheme == Uri.UriSchemeHttp || href.Scheme == Uri.UriSchemeHttps;
            if (!isHttp && !(href.Scheme == "s3" && s3Resolver is not null))
            {
                continue;
            }

            yield return new ImageryAsset
            {
                Provider = ProviderNames.SentinelHub,
                ProductId = item.Id,
                AssetKey = key,
                Title = asset.Title,
                MediaType = asset.Type,
                Roles = asset.Roles?.ToArray() ?? [],
                Href = href,
                Resolver = isHttp ? null : s3Resolver,
                AcquiredAt = item.Datetime,
                Attribution = "Contains modified Copernicus Sentinel data",
                SuggestedFileName = Path.GetFileName(href.AbsolutePath.TrimEnd('/')) is { Length: > 0 } n ? n : key,
                Properties = properties,
            };
        }
    }

    /// <summary>The footprint of an item as GeoJSON text, for callers that want geometry.</summary>
    /// <param name="item">The item.</param>
    /// <returns>GeoJSON or null.</returns>
    public static string? FootprintGeoJson(CatalogItem item) =>
        item?.Geometry is { ValueKind: JsonValueKind.Object } g ? g.GetRawText() : null;
}
