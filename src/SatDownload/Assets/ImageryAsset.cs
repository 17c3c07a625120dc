using NetTopologySuite.Geometries;

namespace SatDownload;

/// <summary>
/// One downloadable file offered by a provider: a GeoTIFF band, a metadata XML, a quicklook, a zip of a task's output.
/// Immutable; derive variants with a <c>with</c> expression.
/// </summary>
/// <remarks>
/// <see cref="Href"/> may not be the file itself: for providers whose links must be exchanged for a short-lived signed
/// URL, <see cref="Resolver"/> turns the asset into a <see cref="DownloadLocation"/> just before every attempt. An asset
/// without a resolver whose href is plain http(s) is downloaded as is.
/// </remarks>
public sealed record ImageryAsset
{
    private readonly IReadOnlyList<string> _roles = Array.Empty<string>();
    private readonly IReadOnlyList<AssetChecksum> _checksums = Array.Empty<AssetChecksum>();
    private readonly IReadOnlyDictionary<string, string> _properties = EmptyProperties;

    private static readonly IReadOnlyDictionary<string, string> EmptyProperties =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The provider name (see <see cref="ProviderNames"/>).</summary>
    public required string Provider { get; init; }

    /// <summary>The provider's id of the product (scene, task output, change map) the asset belongs to.</summary>
    public required string ProductId { get; init; }

    /// <summary>The asset's key within its product, for example <c>grd-tif</c>, <c>a_cog</c> or <c>default</c>.</summary>
    public required string AssetKey { get; init; }

    /// <summary>A human-readable title.</summary>
    public string? Title { get; init; }

    /// <summary>The media type, for example <c>image/tiff; application=geotiff; profile=cloud-optimized</c>.</summary>
    public string? MediaType { get; init; }

    /// <summary>STAC-style roles (see <see cref="AssetRoles"/>).</summary>
    public IReadOnlyList<string> Roles
    {
        get => _roles;
        init => _roles = value is null ? Array.Empty<string>() : value.ToArray();
    }

    /// <summary>Where the asset lives; may need resolving through <see cref="Resolver"/>. May be <c>s3://</c> or a provider link.</summary>
    public Uri? Href { get; init; }

    /// <summary>The size in bytes, when the provider lists it.</summary>
    public long? Size { get; init; }

    /// <summary>Checksums the provider publishes; verified after download.</summary>
    public IReadOnlyList<AssetChecksum> Checksums
    {
        get => _checksums;
        init => _checksums = value is null ? Array.Empty<AssetChecksum>() : value.ToArray();
    }

    /// <summary>When <see cref="Href"/> stops working, when known (signed URLs).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A file name suggested by the provider (with extension), used for the <c>{fileName}</c> and <c>{extension}</c> template tokens.</summary>
    public string? SuggestedFileName { get; init; }

    /// <summary>Turns the asset into a fresh download location before each attempt; null for plain http(s) hrefs.</summary>
    public ISignedUrlResolver? Resolver { get; init; }

    /// <summary>The provider cost of downloading this asset, when downloading itself costs (for example a ClearSKY composite).</summary>
    public CostEstimate? Cost { get; init; }

    /// <summary>The data attribution notice that must travel with the file (for example the Copernicus notice).</summary>
    public string? Attribution { get; init; }

    /// <summary>The footprint of the product, WGS84, when known.</summary>
    public Geometry? Footprint { get; init; }

    /// <summary>When the imagery was acquired, when known.</summary>
    public DateTimeOffset? AcquiredAt { get; init; }

    /// <summary>Provider-specific extras (for example polarisation, frame id, method applied).</summary>
    public IReadOnlyDictionary<string, string> Properties
    {
        get => _properties;
        init => _properties = value is null ? EmptyProperties : new Dictionary<string, string>(value, StringComparer.Ordinal);
    }

    /// <summary>A stable identity for this asset (<c>provider/productId/assetKey</c>), used by sidecars and journals.</summary>
    public string Identity => $"{Provider}/{ProductId}/{AssetKey}";

    /// <summary>Whether the asset has a role, ignoring case.</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool HasRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    /// <summary>Makes an asset for any plain http(s) file.</summary>
    /// <param name="href">The file's absolute http(s) URL.</param>
    /// <param name="fileName">The file name to save as; defaults to the URL's last path segment.</param>
    /// <returns>An asset with provider <see cref="ProviderNames.Url"/>, product id the host name, and asset key the file name without extension.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute http(s).</exception>
    public static ImageryAsset FromUrl(Uri href, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(href);
        if (!href.IsAbsoluteUri || (href.Scheme != Uri.UriSchemeHttp && href.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"ImageryAsset.FromUrl needs an absolute http or https URL; got '{Redactor.RedactUri(href)}'.", nameof(href));
        }

        var name = fileName;
        if (string.IsNullOrWhiteSpace(name))
        {
            var last = Uri.UnescapeDataString(href.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault() ?? string.Empty);
            name = string.IsNullOrWhiteSpace(last) ? "download" : last;
        }

        var key = Path.GetFileNameWithoutExtension(name);
        return new ImageryAsset
        {
            Provider = ProviderNames.Url,
            ProductId = href.IsDefaultPort ? href.Host : $"{href.Host}_{href.Port}",
            AssetKey = string.IsNullOrWhiteSpace(key) ? "download" : key,
            Href = href,
            SuggestedFileName = name,
            Roles = new[] { AssetRoles.Data },
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ImageryAsset({Identity}{(MediaType is null ? string.Empty : ", " + MediaType)}{(Size is { } s ? ", " + s.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes" : string.Empty)}{(Href is null ? string.Empty : ", " + Redactor.RedactUri(Href))})";
}
