using System.Text.Json;
using System.Text.Json.Nodes;
using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;

namespace SatDownload.SentinelHub.Tests.Catalog;

public sealed class CatalogTests
{
    private static CatalogSearchRequest June(int? limit = 10) => new()
    {
        Collections = ["sentinel-2-l2a"],
        Datetime = "2024-06-01T00:00:00Z/2024-06-13T00:00:00Z",
        Bbox = [13.5, 45.5, 14.5, 46.5],
        Limit = limit,
    };

    [Fact]
    public async Task Search_follows_next_over_every_page()
    {
        await using var env = await ShEnvironment.StartAsync();
        var catalog = env.Client().GetCatalogClient();

        var items = await catalog.SearchAsync(June()).CollectAsync();

        Assert.Equal(24, items.Count); // 12 days × 2 items
        Assert.Equal(24, items.Select(i => i.Id).Distinct().Count());
        var searches = env.ApiRequests("/catalog/1.0.0/search");
        Assert.Equal(3, searches.Count);
        Assert.Null(JsonNode.Parse(searches[0].RequestBody!)!["next"]);
        Assert.Equal(10, JsonNode.Parse(searches[1].RequestBody!)!["next"]!.GetValue<int>());
        Assert.Equal(20, JsonNode.Parse(searches[2].RequestBody!)!["next"]!.GetValue<int>());
        Assert.All(items, i => Assert.StartsWith("S2B_MSIL2A_202406", i.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cql2_filter_fields_and_ids_are_sent_and_honoured()
    {
        await using var env = await ShEnvironment.StartAsync();
        var catalog = env.Client().GetCatalogClient();
        var request = June(100);
        request.Filter = JsonDocument.Parse(new JsonObject
        {
            ["op"] = "and",
            ["args"] = new JsonArray(
                new JsonObject { ["op"] = "<", ["args"] = new JsonArray(new JsonObject { ["property"] = "eo:cloud_cover" }, 30) },
                new JsonObject { ["op"] = "=", ["args"] = new JsonArray(new JsonObject { ["property"] = "platform" }, "sentinel-2b") }),
        }.ToJsonString()).RootElement.Clone();
        request.Fields = new CatalogFields { Include = ["id", "properties.eo:cloud_cover"], Exclude = ["assets"] };

        var items = await catalog.SearchAsync(request).CollectAsync();

        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i.CloudCover < 30));
        Assert.All(items, i => Assert.Null(i.Assets));
        Assert.All(items, i => Assert.Equal(["eo:cloud_cover"], i.Properties!.Keys));
        var body = JsonNode.Parse(env.ApiRequests("/catalog/1.0.0/search")[0].RequestBody!)!;
        Assert.Equal("cql2-json", body["filter-lang"]!.GetValue<string>());

        var one = items[0].Id!;
        var byId = await catalog.SearchAsync(new CatalogSearchRequest { Collections = ["sentinel-2-l2a"], Datetime = "2024-06-01T00:00:00Z/2024-06-13T00:00:00Z", Ids = [one] }).CollectAsync();
        Assert.Equal(one, Assert.Single(byId).Id);
    }

    [Fact]
    public async Task Distinct_returns_values_and_items_convert_to_downloadable_assets()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = env.Client();
        var catalog = client.GetCatalogClient();

        var dates = await catalog.SearchDistinctAsync(new CatalogSearchRequest { Collections = ["sentinel-2-l2a"], Datetime = "2024-06-01T00:00:00Z/2024-06-05T00:00:00Z", Distinct = "date" }).CollectAsync();
        Assert.Equal(["2024-06-01", "2024-06-02", "2024-06-03", "2024-06-04"], dates.Select(d => d.GetString()));

        var assets = await catalog.SearchAssetsAsync(June(5)).CollectAsync();
        Assert.Equal(24, assets.Count); // the thumbnail of each item; s3 folders are skipped without a resolver
        Assert.All(assets, a => Assert.Equal("thumbnail", a.AssetKey));

        var downloader = new AssetDownloader(new HttpClient());
        var dir = env.NewDirectory();
        var results = await downloader.DownloadAsync(assets.Take(2), dir);
        foreach (var r in results)
        {
            Assert.True(r.Succeeded, r.Exception?.ToString());
            var blob = env.Emulator.Blobs.Get("catalog/" + r.Asset.ProductId + "/thumbnail.jpg");
            Assert.Equal(blob.Sha256Hex, Samples.Sha256(r.FilePath!));
        }
    }

    [Fact]
    public async Task Collections_collection_and_item_lookups()
    {
        await using var env = await ShEnvironment.StartAsync();
        var catalog = env.Client().GetCatalogClient();
        Assert.Contains(await catalog.GetCollectionsAsync(), c => c.Id == "sentinel-1-grd");
        Assert.Equal("dem", (await catalog.GetCollectionAsync("dem")).Id);
        var first = await catalog.SearchAsync(June(1)).FirstAsync();
        var item = await catalog.GetItemAsync("sentinel-2-l2a", first.Id!);
        Assert.Equal(first.Id, item.Id);
        Assert.Equal(first.Datetime, item.Datetime);
    }

    [Fact]
    public async Task Unknown_collection_on_the_deployment_is_the_catalog_error_shape()
    {
        await using var env = await ShEnvironment.StartAsync();
        var request = June();
        request.Collections = ["landsat-ot-l2"]; // lives on US-West only

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client().GetCatalogClient().SearchAsync(request).CollectAsync());

        Assert.Equal(404, ex.Status);
        Assert.Equal("Collection not found.", ex.ProviderMessage);
        var usWest = new SentinelHubClient(new SentinelHubClientOptions
        {
            Deployment = env.Deployment("uswest"), ClientId = ShEnvironment.ClientId, ClientSecret = ShEnvironment.ClientSecret,
            AllowInsecureHttp = true, TokenProviders = env.TokenProviders, TimeProvider = env.Clock,
        });
        Assert.NotEmpty(await usWest.GetCatalogClient().SearchAsync(request).CollectAsync());
    }

    [Fact]
    public async Task Bad_searches_are_rejected_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var catalog = env.Client().GetCatalogClient();
        var cases = new[]
        {
            new CatalogSearchRequest { Datetime = "2024-06-01T00:00:00Z/.." },
            new CatalogSearchRequest { Collections = ["sentinel-2-l2a"] },
            new CatalogSearchRequest { Collections = ["sentinel-2-l2a"], Datetime = "yesterday" },
            new CatalogSearchRequest { Collections = ["sentinel-2-l2a"], Datetime = "2024-06-01T00:00:00Z", Limit = 500 },
            new CatalogSearchRequest { Collections = ["sentinel-2-l2a"], Datetime = "2024-06-01T00:00:00Z", Bbox = [10, 50, 11] },
            new CatalogSearchRequest { Collections = ["sentinel-2-l2a"], Datetime = "2024-06-01T00:00:00Z", Bbox = [10, 95, 11, 96] },
        };
        foreach (var c in cases)
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => catalog.SearchAsync(c).CollectAsync());
            Assert.Contains("CatalogSearchRequest.", ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(env.Emulator.Requests);
    }
}
