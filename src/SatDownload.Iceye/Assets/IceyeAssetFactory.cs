using System.Globalization;
using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Assets;

/// <summary>Turns ICEYE products into <see cref="ImageryAsset"/>s with roles, file names and typed properties.</summary>
internal static class IceyeAssetFactory
{
    /// <summary>The asset property that carries the task id, which the resolver needs to re-list the products.</summary>
    public const string TaskIdProperty = "iceye:task_id";

    /// <summary>The asset property that carries the product type.</summary>
    public const string ProductTypeProperty = "sar:product_type";

    public static IEnumerable<ImageryAsset> Create(string taskId, IceyeProduct product, DateTimeOffset listedAt, TimeSpan urlLifetime, ISignedUrlResolver resolver)
    {
        var properties = ProductProperties(taskId, product);
        var footprint = product.GetFootprint();
        foreach (var (key, file) in product.Assets.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            yield return new ImageryAsset
            {
                Provider = ProviderNames.Iceye,
                ProductId = product.Id,
                AssetKey = key,
                Title = file.Title,
                MediaType = file.MediaType,
                Roles = InferRoles(key, file),
                Href = file.Href,
                ExpiresAt = file.Href is null ? null : listedAt + urlLifetime,
                SuggestedFileName = SuggestFileName(key, file.MediaType),
                Resolver = resolver,
                AcquiredAt = product.Properties.StartDateTime,
                Footprint = footprint,
                Properties = properties,
            };
        }
    }

    /// <summary>
    /// ICEYE sends roles only on some assets; the rest follow the documented <c>&lt;kind&gt;-&lt;ext&gt;</c> key
    /// pattern: thumbnails and quicklooks are previews, their kml/json are metadata, the product's own tif/h5/ntf is data.
    /// </summary>
    public static IReadOnlyList<string> InferRoles(string key, IceyeProductAsset file)
    {
        if (file.Roles is { Count: > 0 } given)
        {
            return given;
        }

        var dash = key.LastIndexOf('-');
        var kind = dash > 0 ? key[..dash] : key;
        var ext = dash > 0 ? key[(dash + 1)..] : string.Empty;
        var media = file.MediaType ?? string.Empty;
        var isImage = media.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || ext is "png" or "jpg" or "jpeg" or "tif" or "tiff";
        var isMetadata = ext is "xml" or "json" or "kml" || media.Contains("xml", StringComparison.OrdinalIgnoreCase) || media.Contains("json", StringComparison.OrdinalIgnoreCase);

        if (kind.Equals("thumbnail", StringComparison.OrdinalIgnoreCase))
        {
            return new[] { isImage && !isMetadata ? AssetRoles.Thumbnail : AssetRoles.Metadata };
        }

        if (kind.StartsWith("quick", StringComparison.OrdinalIgnoreCase))
        {
            return new[] { ext is "kml" ? AssetRoles.Metadata : AssetRoles.Overview };
        }

        return new[] { isMetadata ? AssetRoles.Metadata : AssetRoles.Data };
    }

    public static string SuggestFileName(string key, string? mediaType)
    {
        var dash = key.LastIndexOf('-');
        if (dash > 0 && dash < key.Length - 1)
        {
            return key[..dash] + "." + key[(dash + 1)..];
        }

        var ext = (mediaType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "image/tiff" => ".tif",
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            "application/xml" or "text/xml" => ".xml",
            "application/json" => ".json",
            "application/vnd.google-earth.kml+xml" => ".kml",
            "application/vnd.google-earth.kmz" => ".kmz",
            _ => string.Empty,
        };
        return key + ext;
    }

    private static Dictionary<string, string> ProductProperties(string taskId, IceyeProduct product)
    {
        var p = product.Properties;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { [TaskIdProperty] = taskId };
        Add(properties, ProductTypeProperty, p.ProductType?.Value);
        Add(properties, "frame_id", p.FrameId);
        Add(properties, "iceye:acquisition_mode", p.AcquisitionMode);
        Add(properties, "sar:polarizations", p.Polarizations is { Count: > 0 } pol ? string.Join(",", pol) : null);
        Add(properties, "sar:observation_direction", p.ObservationDirection);
        Add(properties, "sat:orbit_state", p.OrbitState);
        Add(properties, "created", p.Created?.ToString("O", CultureInfo.InvariantCulture));
        Add(properties, "end_datetime", p.EndDateTime?.ToString("O", CultureInfo.InvariantCulture));
        if (product.BoundingBox is { Count: 4 } bbox)
        {
            properties["bbox"] = string.Join(",", bbox.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        }

        return properties;
    }

    private static void Add(Dictionary<string, string> properties, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            properties[key] = value;
        }
    }
}
