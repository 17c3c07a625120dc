using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SatDownload.Assets;
using SatDownload.Manifest;

namespace SatDownload;

/// <summary>
/// Describes downloaded files as a static STAC 1.0.0 catalog in the destination: <c>catalog.json</c> at the root, linking
/// to one Item per product at <c>&lt;itemId&gt;/&lt;itemId&gt;.json</c>, whose assets point at the local files by relative
/// href with media type, roles, <c>file:size</c> and <c>file:checksum</c> (SHA-256 multihash). pystac, QGIS, stac-browser
/// or any STAC tool can open it, and the folder stays valid when moved (every href is relative). Files a provider's
/// post-download step added are assets of the same item: each of <see cref="DownloadResult.ExtractedFiles"/>
/// (<c>&lt;assetKey&gt;/&lt;entry&gt;</c>, <c>satdownload:extracted_from</c>) and the
/// <see cref="DownloadResult.AttributionFilePath"/> (<c>&lt;assetKey&gt;-attribution</c>, role <c>metadata</c>).
/// </summary>
/// <remarks>
/// Writing again merges: existing items keep their other assets and fields (also fields other tools added), the catalog
/// keeps its other links, and a damaged file is moved aside (<c>.corrupt-&lt;time&gt;</c>) rather than overwritten.
/// Each file is written atomically (temporary file then rename).
/// </remarks>
public class StacManifestWriter
{
    /// <summary>The catalog's file name.</summary>
    public const string CatalogFileName = "catalog.json";

    /// <summary>The STAC version written.</summary>
    public const string StacVersion = "1.0.0";

    /// <summary>The schema URI of the STAC file extension used for <c>file:size</c> and <c>file:checksum</c>.</summary>
    public const string FileExtensionSchema = "https://stac-extensions.github.io/file/v2.1.0/schema.json";

    /// <summary>The prefix of SatDownload's own item properties (<c>satdownload:provider</c>, <c>satdownload:task_id</c>...).</summary>
    public const string PropertyPrefix = "satdownload:";

    private const string JsonMediaType = "application/json";
    private const string GeoJsonMediaType = "application/geo+json";

    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a writer.</summary>
    /// <param name="timeProvider">The clock, for items without an acquisition time; the system clock when null.</param>
    /// <param name="logger">Receives warnings about damaged existing files.</param>
    public StacManifestWriter(TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The item id for a product: <c>provider-productId</c> with anything other than letters, digits, <c>.</c>,
    /// <c>_</c> and <c>-</c> replaced by <c>_</c>; long ids are shortened with a hash suffix so distinct products stay distinct.
    /// </summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="productId">The provider's product id.</param>
    /// <returns>A file-name-safe STAC id.</returns>
    public static string GetItemId(string provider, string productId)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(productId);
        var raw = provider + "-" + productId;
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        var id = sb.ToString().Trim('.');
        var changed = !string.Equals(id, raw, StringComparison.Ordinal);
        if (id.Length > 120 || (changed && id.Length > 0))
        {
            // Sanitising can map two products onto one id ("a/b" and "a:b"); a short hash of the raw id keeps them apart.
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..8].ToLowerInvariant();
            id = (id.Length > 110 ? id[..110] : id) + "-" + hash;
        }

        return id.Length == 0 ? "item-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16].ToLowerInvariant() : id;
    }

    /// <summary>
    /// Adds the successful downloads among <paramref name="results"/> to the destination's catalog, one item per
    /// (provider, product). Failed results are ignored.
    /// </summary>
    /// <param name="destinationDirectory">The destination the files were downloaded into.</param>
    /// <param name="taskId">The provider task id, recorded as <c>satdownload:task_id</c>.</param>
    /// <param name="results">Download results; their files must be inside the destination.</param>
    /// <param name="knownSha256">SHA-256 digests already known by asset identity (for example from the journal for skipped
    /// files); files without a known digest are hashed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The full path of <c>catalog.json</c>.</returns>
    public virtual async Task<string> WriteAsync(
        string destinationDirectory,
        string? taskId,
        IEnumerable<DownloadResult> results,
        IReadOnlyDictionary<string, string>? knownSha256 = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        ArgumentNullException.ThrowIfNull(results);
        var root = Path.GetFullPath(destinationDirectory);
        Directory.CreateDirectory(root);
        var catalogPath = Path.Combine(root, CatalogFileName);
        var catalog = Load(catalogPath, StacJsonContext.Default.StacCatalog) ?? new StacCatalog
        {
            Id = "satdownload",
            Title = "SatDownload downloads",
            Description = "Imagery downloaded by SatDownload into this folder. Asset hrefs are relative to each item file.",
        };
        catalog.Type = "Catalog";
        catalog.StacVersion = StacVersion;

        var groups = results
            .Where(r => r is { Succeeded: true, FilePath: not null } && File.Exists(r.FilePath))
            .GroupBy(r => (r.Asset.Provider, r.Asset.ProductId));
        foreach (var group in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var itemId = GetItemId(group.Key.Provider, group.Key.ProductId);
            var itemDirectory = Path.Combine(root, itemId);
            var itemPath = Path.Combine(itemDirectory, itemId + ".json");
            var item = Load(itemPath, StacJsonContext.Default.StacItem) ?? new StacItem { Id = itemId };
            await FillItemAsync(item, itemId, itemDirectory, group.Key.Provider, group.Key.ProductId, taskId, group.ToList(), knownSha256, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(itemDirectory);
            await SaveAsync(itemPath, item, StacJsonContext.Default.StacItem, cancellationToken).ConfigureAwait(false);

            var href = "./" + itemId + "/" + itemId + ".json";
            catalog.Links.RemoveAll(l => l.Rel == "item" && string.Equals(NormalizeHref(l.Href), NormalizeHref(href), StringComparison.Ordinal));
            catalog.Links.Add(new StacLink { Rel = "item", Href = href, Type = GeoJsonMediaType, Title = $"{group.Key.Provider} {group.Key.ProductId}" });
        }

        catalog.Links.RemoveAll(l => l.Rel is "root" or "self");
        catalog.Links.Insert(0, new StacLink { Rel = "root", Href = "./" + CatalogFileName, Type = JsonMediaType, Title = catalog.Title });
        catalog.Links.Insert(1, new StacLink { Rel = "self", Href = "./" + CatalogFileName, Type = JsonMediaType });
        await SaveAsync(catalogPath, catalog, StacJsonContext.Default.StacCatalog, cancellationToken).ConfigureAwait(false);
        return catalogPath;
    }

    private static string NormalizeHref(string href) => href.StartsWith("./", StringComparison.Ordinal) ? href[2..] : href;

    private static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static async Task<string> Sha256OfAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexString(hash).ToLowerInvariant();
        }
    }

    private static async Task SaveAsync<T>(string path, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, value, typeInfo, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }

    private async Task FillItemAsync(
        StacItem item,
        string itemId,
        string itemDirectory,
        string provider,
        string productId,
        string? taskId,
        IReadOnlyList<DownloadResult> results,
        IReadOnlyDictionary<string, string>? knownSha256,
        CancellationToken cancellationToken)
    {
        item.Type = "Feature";
        item.StacVersion = StacVersion;
        item.Id = itemId;
        if (!item.StacExtensions.Contains(FileExtensionSchema, StringComparer.Ordinal))
        {
            item.StacExtensions.Add(FileExtensionSchema);
        }

        var assets = results.Select(r => r.Asset).ToList();
        if (assets.Select(a => a.Footprint).FirstOrDefault(g => g is { IsEmpty: false }) is { } footprint)
        {
            item.Geometry = footprint;
        }

        if (item.Geometry is { IsEmpty: false } geometry)
        {
            var e = geometry.EnvelopeInternal;
            item.Bbox = [e.MinX, e.MinY, e.MaxX, e.MaxY];
        }
        else
        {
            // STAC: bbox is required when geometry is set and must be absent when geometry is null.
            item.Geometry = null;
            item.Bbox = null;
        }

        SetDates(item.Properties, assets);
        var p = item.Properties;
        p[PropertyPrefix + "provider"] = provider;
        p[PropertyPrefix + "product_id"] = productId;
        if (!string.IsNullOrEmpty(taskId))
        {
            p[PropertyPrefix + "task_id"] = taskId;
        }

        var attribution = results.Select(r => r.Attribution ?? r.Asset.Attribution).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a));
        if (attribution is not null)
        {
            p[PropertyPrefix + "attribution"] = attribution;
            p["providers"] = new JsonArray(new JsonObject
            {
                ["name"] = provider,
                ["description"] = attribution,
                ["roles"] = new JsonArray("producer", "licensor"),
            });
        }

        p["updated"] = FormatDate(_timeProvider.GetUtcNow());

        foreach (var result in results)
        {
            var asset = result.Asset;
            var path = result.FilePath!;
            var length = new FileInfo(path).Length;
            var sha = result.Sha256;
            if (string.IsNullOrEmpty(sha) && knownSha256 is not null && knownSha256.TryGetValue(asset.Identity, out var known))
            {
                sha = known;
            }

            sha ??= await Sha256OfAsync(path, cancellationToken).ConfigureAwait(false);
            item.Assets[asset.AssetKey] = new StacAsset
            {
                Href = Path.GetRelativePath(itemDirectory, path).Replace('\\', '/'),
                Type = asset.MediaType,
                Title = asset.Title ?? asset.AssetKey,
                Roles = asset.Roles.Count > 0 ? asset.Roles.ToList() : ["data"],
                FileSize = length,
                FileChecksum = "1220" + sha.ToLowerInvariant(),
                Extra = item.Assets.TryGetValue(asset.AssetKey, out var previous) ? previous.Extra : null,
            };
            await AddPostDownloadAssetsAsync(item, itemDirectory, result, cancellationToken).ConfigureAwait(false);
        }

        item.Links.RemoveAll(l => l.Rel is "root" or "parent" or "self");
        item.Links.Insert(0, new StacLink { Rel = "root", Href = "../" + CatalogFileName, Type = JsonMediaType });
        item.Links.Insert(1, new StacLink { Rel = "parent", Href = "../" + CatalogFileName, Type = JsonMediaType });
        item.Links.Insert(2, new StacLink { Rel = "self", Href = "./" + itemId + ".json", Type = GeoJsonMediaType });
    }

    /// <summary>
    /// The files a provider's post-download step added: each file extracted from the asset (key
    /// <c>&lt;assetKey&gt;/&lt;entry name&gt;</c>, size only: hashing a whole extracted archive again would double the
    /// work) and the attribution text file (key <c>&lt;assetKey&gt;-attribution</c>, with size and checksum).
    /// </summary>
    private static async Task AddPostDownloadAssetsAsync(StacItem item, string itemDirectory, DownloadResult result, CancellationToken cancellationToken)
    {
        var key = result.Asset.AssetKey;
        foreach (var extracted in result.ExtractedFiles)
        {
            if (!File.Exists(extracted.Path))
            {
                continue;
            }

            var entryKey = key + "/" + extracted.EntryName.Replace('\\', '/');
            item.Assets[entryKey] = new StacAsset
            {
                Href = Path.GetRelativePath(itemDirectory, extracted.Path).Replace('\\', '/'),
                Type = MediaTypeMap.MediaTypeFor(extracted.Path),
                Title = extracted.EntryName,
                Roles = [MediaTypeMap.IsRaster(extracted.Path) ? "data" : "metadata"],
                FileSize = extracted.Length,
                ExtractedFrom = key,
                Extra = item.Assets.TryGetValue(entryKey, out var previous) ? previous.Extra : null,
            };
        }

        if (result.AttributionFilePath is { } attributionPath && File.Exists(attributionPath))
        {
            var attributionKey = key + "-attribution";
            item.Assets[attributionKey] = new StacAsset
            {
                Href = Path.GetRelativePath(itemDirectory, attributionPath).Replace('\\', '/'),
                Type = "text/plain",
                Title = "Attribution notice for " + (result.Asset.Title ?? key),
                Roles = ["metadata"],
                FileSize = new FileInfo(attributionPath).Length,
                FileChecksum = "1220" + await Sha256OfAsync(attributionPath, cancellationToken).ConfigureAwait(false),
                Extra = item.Assets.TryGetValue(attributionKey, out var previous) ? previous.Extra : null,
            };
        }
    }

    private void SetDates(JsonObject properties, IReadOnlyList<ImageryAsset> assets)
    {
        var acquired = assets.Where(a => a.AcquiredAt is not null).Select(a => a.AcquiredAt!.Value).ToList();
        if (acquired.Count > 0)
        {
            var min = acquired.Min();
            var max = acquired.Max();
            properties["datetime"] = FormatDate(min);
            if (max != min)
            {
                properties["start_datetime"] = FormatDate(min);
                properties["end_datetime"] = FormatDate(max);
            }

            properties.Remove(PropertyPrefix + "datetime_source");
            return;
        }

        if (properties.TryGetPropertyValue("datetime", out var existing) && existing is not null)
        {
            return; // An earlier run knew the acquisition time; keep it.
        }

        if (properties.ContainsKey("start_datetime") && properties.ContainsKey("end_datetime"))
        {
            return;
        }

        // STAC requires a time: with no acquisition time known, datetime is null and the range is the download time.
        var now = FormatDate(_timeProvider.GetUtcNow());
        properties["datetime"] = null;
        properties["start_datetime"] = now;
        properties["end_datetime"] = now;
        properties[PropertyPrefix + "datetime_source"] = "download";
    }

    private T? Load<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), typeInfo);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var aside = path + ".corrupt-" + _timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            try
            {
                File.Move(path, aside, overwrite: true);
            }
            catch (Exception moveError) when (moveError is IOException or UnauthorizedAccessException)
            {
                aside = "(could not be moved: " + moveError.Message + ")";
            }

            ManifestLog.Replaced(_logger, path, ex.Message, aside);
            return null;
        }
    }
}
