using System.Security.Cryptography;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.Tests.Manifest;

/// <summary>
/// The STAC output: required fields of Catalog and Item (STAC 1.0.0 catalog-spec and item-spec), the file extension's
/// fields, relative hrefs that resolve to the files, and merging with an existing catalog.
/// </summary>
public sealed class StacManifestWriterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("satdl-stac").FullName;

    [Fact]
    public async Task Catalog_and_item_have_every_required_field_and_assets_point_at_the_files()
    {
        var footprint = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(10, 11, 50, 51));
        var a = Result("iceye", "SLC 42", "slc", [1, 2, 3], footprint, new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var b = Result("iceye", "SLC 42", "meta", [4, 5], footprint, null, roles: [AssetRoles.Metadata], mediaType: "application/json");

        var catalogPath = await new StacManifestWriter(new FixedTime()).WriteAsync(_dir, "order-7", [a, b]);

        Assert.Equal(Path.Combine(_dir, "catalog.json"), catalogPath);
        using var catalog = JsonDocument.Parse(File.ReadAllText(catalogPath));
        var c = catalog.RootElement;
        Assert.Equal("Catalog", c.GetProperty("type").GetString());
        Assert.Equal("1.0.0", c.GetProperty("stac_version").GetString());
        Assert.False(string.IsNullOrEmpty(c.GetProperty("id").GetString()));
        Assert.False(string.IsNullOrEmpty(c.GetProperty("description").GetString()));
        var links = c.GetProperty("links").EnumerateArray().ToList();
        Assert.Contains(links, l => l.GetProperty("rel").GetString() == "root" && l.GetProperty("href").GetString() == "./catalog.json");
        Assert.Contains(links, l => l.GetProperty("rel").GetString() == "self");
        var itemLink = Assert.Single(links, l => l.GetProperty("rel").GetString() == "item");
        var itemPath = Path.GetFullPath(Path.Combine(_dir, itemLink.GetProperty("href").GetString()!));
        Assert.True(File.Exists(itemPath));

        using var itemDoc = JsonDocument.Parse(File.ReadAllText(itemPath));
        var item = itemDoc.RootElement;
        Assert.Equal("Feature", item.GetProperty("type").GetString());
        Assert.Equal("1.0.0", item.GetProperty("stac_version").GetString());
        Assert.Contains(StacManifestWriter.FileExtensionSchema, item.GetProperty("stac_extensions").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("iceye-SLC_42-", item.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Polygon", item.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([10.0, 50.0, 11.0, 51.0], item.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()).ToArray());
        var props = item.GetProperty("properties");
        Assert.Equal("2026-05-01T08:00:00Z", props.GetProperty("datetime").GetString());
        Assert.Equal("iceye", props.GetProperty("satdownload:provider").GetString());
        Assert.Equal("SLC 42", props.GetProperty("satdownload:product_id").GetString());
        Assert.Equal("order-7", props.GetProperty("satdownload:task_id").GetString());
        Assert.Equal("© ICEYE", props.GetProperty("satdownload:attribution").GetString());
        Assert.Equal("© ICEYE", props.GetProperty("providers")[0].GetProperty("description").GetString());
        var itemLinks = item.GetProperty("links").EnumerateArray().ToList();
        Assert.Contains(itemLinks, l => l.GetProperty("rel").GetString() == "root" && Path.GetFullPath(Path.Combine(Path.GetDirectoryName(itemPath)!, l.GetProperty("href").GetString()!)) == catalogPath);
        Assert.Contains(itemLinks, l => l.GetProperty("rel").GetString() == "parent");
        Assert.Contains(itemLinks, l => l.GetProperty("rel").GetString() == "self");

        var assets = item.GetProperty("assets");
        var slc = assets.GetProperty("slc");
        Assert.Equal(a.FilePath, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(itemPath)!, slc.GetProperty("href").GetString()!)));
        Assert.DoesNotContain("\\", slc.GetProperty("href").GetString(), StringComparison.Ordinal);
        Assert.Equal("image/tiff; application=geotiff", slc.GetProperty("type").GetString());
        Assert.Equal("data", string.Join(",", slc.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
        Assert.Equal("slc title", slc.GetProperty("title").GetString());
        Assert.Equal(3, slc.GetProperty("file:size").GetInt64());
        Assert.Equal("1220" + Convert.ToHexString(SHA256.HashData([1, 2, 3])).ToLowerInvariant(), slc.GetProperty("file:checksum").GetString());
        var meta = assets.GetProperty("meta");
        Assert.Equal("metadata", string.Join(",", meta.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));

        // The digest the writer computed itself (b had none) is right too.
        Assert.Equal("1220" + Convert.ToHexString(SHA256.HashData([4, 5])).ToLowerInvariant(), meta.GetProperty("file:checksum").GetString());
    }

    [Fact]
    public async Task Without_footprint_or_time_the_item_has_null_geometry_no_bbox_and_a_time_range()
    {
        var r = Result("eos", "x", "k", [9], null, null);

        await new StacManifestWriter(new FixedTime()).WriteAsync(_dir, null, [r]);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "eos-x", "eos-x.json")));
        var item = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, item.GetProperty("geometry").ValueKind);
        Assert.False(item.TryGetProperty("bbox", out _));
        var props = item.GetProperty("properties");
        Assert.Equal(JsonValueKind.Null, props.GetProperty("datetime").ValueKind);
        Assert.Equal("2026-11-21T06:00:00Z", props.GetProperty("start_datetime").GetString());
        Assert.Equal("2026-11-21T06:00:00Z", props.GetProperty("end_datetime").GetString());
        Assert.False(props.TryGetProperty("satdownload:task_id", out _));
    }

    [Fact]
    public async Task Writing_again_merges_items_assets_and_foreign_fields_instead_of_clobbering()
    {
        var writer = new StacManifestWriter(new FixedTime());
        await writer.WriteAsync(_dir, "t1", [Result("capella", "p1", "a", [1], null, null)]);

        // Another tool adds its own field to the catalog.
        var catalogPath = Path.Combine(_dir, "catalog.json");
        File.WriteAllText(catalogPath, File.ReadAllText(catalogPath).Replace("\"type\": \"Catalog\",", "\"type\": \"Catalog\",\n  \"x:note\": \"kept\",", StringComparison.Ordinal));

        await writer.WriteAsync(_dir, "t2", [Result("capella", "p2", "a", [2], null, null)]);
        await writer.WriteAsync(_dir, "t3", [Result("capella", "p1", "b", [3], null, null)]);

        using var catalog = JsonDocument.Parse(File.ReadAllText(catalogPath));
        Assert.Equal("kept", catalog.RootElement.GetProperty("x:note").GetString());
        var items = catalog.RootElement.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "item").Select(l => l.GetProperty("href").GetString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal("./capella-p1/capella-p1.json,./capella-p2/capella-p2.json", string.Join(",", items));
        Assert.Single(catalog.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "root");
        using var p1 = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "capella-p1", "capella-p1.json")));
        Assert.Equal(["a", "b"], p1.RootElement.GetProperty("assets").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("t3", p1.RootElement.GetProperty("properties").GetProperty("satdownload:task_id").GetString());
    }

    [Fact]
    public async Task A_damaged_catalog_is_moved_aside_and_written_anew()
    {
        File.WriteAllText(Path.Combine(_dir, "catalog.json"), "{ not json");

        var path = await new StacManifestWriter(new FixedTime()).WriteAsync(_dir, "t", [Result("eos", "p", "k", [1], null, null)]);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("Catalog", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal("{ not json", File.ReadAllText(Assert.Single(Directory.GetFiles(_dir, "catalog.json.corrupt-*"))));
    }

    [Theory]
    [InlineData("eos", "abc", "eos-abc")]
    [InlineData("sentinel-hub", "S2A_MSIL2A.2026", "sentinel-hub-S2A_MSIL2A.2026")]
    public void Item_ids_keep_safe_names(string provider, string product, string expected) =>
        Assert.Equal(expected, StacManifestWriter.GetItemId(provider, product));

    [Fact]
    public void Item_ids_of_unsafe_names_are_sanitised_and_stay_distinct()
    {
        var a = StacManifestWriter.GetItemId("iceye", "a/b");
        var b = StacManifestWriter.GetItemId("iceye", "a:b");
        var traversal = StacManifestWriter.GetItemId("x", "../../etc");

        Assert.Matches("^[A-Za-z0-9._-]+$", a);
        Assert.NotEqual(a, b);
        Assert.DoesNotContain("/", traversal, StringComparison.Ordinal);
        Assert.InRange(StacManifestWriter.GetItemId("p", new string('x', 500)).Length, 100, 125);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private DownloadResult Result(string provider, string product, string key, byte[] bytes, Geometry? footprint, DateTimeOffset? acquired, string[]? roles = null, string mediaType = "image/tiff; application=geotiff")
    {
        var path = Path.Combine(_dir, provider, product, key + ".bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        var asset = new ImageryAsset
        {
            Provider = provider,
            ProductId = product,
            AssetKey = key,
            Title = key + " title",
            MediaType = mediaType,
            Roles = roles ?? [AssetRoles.Data],
            Href = new Uri("https://example.com/" + key),
            Attribution = provider == "iceye" ? "© ICEYE" : null,
            Footprint = footprint,
            AcquiredAt = acquired,
        };
        return new DownloadResult
        {
            Asset = asset,
            Succeeded = true,
            FilePath = path,
            BytesWritten = bytes.Length,
            Sha256 = key == "meta" ? null : Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(),
        };
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
