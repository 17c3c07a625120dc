using SatDownload.Capella.Models;
using SatDownload.Capella.Tests.Support;

namespace SatDownload.Capella.Tests.Orders;

public class CatalogSearchTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<CapellaTestHost> StartWithArchiveAsync(int granules)
    {
        var host = await CapellaTestHost.StartAsync();
        for (var i = 0; i < granules; i++)
        {
            host.Capella.AddGranule("capella-archive", $"CAPELLA_C05_SP_ACD_HH_{i:D3}", ["changemap"], fileSize: 4096, acquiredAt: T0.AddDays(i));
        }

        return host;
    }

    [Fact]
    public async Task Search_pages_through_results_with_the_same_body_and_next_page()
    {
        await using var host = await StartWithArchiveAsync(7);
        var client = host.ApiKeyClient();

        var items = await client.SearchCatalogAsync(new CapellaCatalogSearch { Collections = ["capella-archive"], PageSize = 3 }).CollectAsync();

        Assert.Equal(7, items.Count);
        Assert.Equal("CAPELLA_C05_SP_ACD_HH_006", items[^1].Id);
        var calls = host.Emulator.Requests.ForPath("/capella/catalog/search");
        Assert.Equal(3, calls.Count);
        Assert.Contains("\"page\":3", calls[2].RequestBody, StringComparison.Ordinal);
        Assert.Contains("\"limit\":3", calls[2].RequestBody, StringComparison.Ordinal);
        Assert.Contains("\"collections\":[\"capella-archive\"]", calls[0].RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_time_bbox_and_max_results()
    {
        await using var host = await StartWithArchiveAsync(6);
        var client = host.ApiKeyClient();

        var window = await client.SearchCatalogAsync(new CapellaCatalogSearch { From = T0.AddDays(2), To = T0.AddDays(4) }).CollectAsync();
        Assert.Equal(new[] { "CAPELLA_C05_SP_ACD_HH_002", "CAPELLA_C05_SP_ACD_HH_003", "CAPELLA_C05_SP_ACD_HH_004" }, window.Select(i => i.Id));

        Assert.Empty(await client.SearchCatalogAsync(new CapellaCatalogSearch { BoundingBox = new BoundingBox(10, 10, 11, 11) }).CollectAsync());
        Assert.Equal(6, (await client.SearchCatalogAsync(new CapellaCatalogSearch { BoundingBox = new BoundingBox(-123, 37, -122, 38) }).CollectAsync()).Count);

        var two = await client.SearchCatalogAsync(new CapellaCatalogSearch { PageSize = 5, MaxResults = 2 }).CollectAsync();
        Assert.Equal(2, two.Count);
        Assert.Contains("\"limit\":2", host.Emulator.Requests.ForPath("/capella/catalog/search")[^1].RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Found_granules_are_ordered_and_downloaded()
    {
        await using var host = await StartWithArchiveAsync(2);
        var client = host.ApiKeyClient();
        using var dir = new TempDirectory();

        var found = await client.SearchCatalogAsync(new CapellaCatalogSearch { Ids = ["CAPELLA_C05_SP_ACD_HH_001"] }).CollectAsync();
        var item = Assert.Single(found);
        Assert.StartsWith("s3://", item.Assets["changemap"].Href, StringComparison.Ordinal);

        var task = await client.SubmitOrderAsync(found.Select(i => new CapellaOrderItem(i.Collection!, i.Id)));
        var assets = await task.GetAssetsAsync().CollectAsync();
        var result = Assert.Single(await CapellaDownloads.For(host).DownloadAsync(assets, dir.Path, CapellaDownloads.NoWait));

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(host.BlobSha256(SatDownload.Testing.Capella.CapellaEmulator.GranuleBlobName("CAPELLA_C05_SP_ACD_HH_001", "changemap")), result.Sha256);
    }

    [Fact]
    public async Task Bad_searches_are_rejected_before_any_request()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var client = host.ApiKeyClient();

        Assert.Throws<ArgumentException>(() => client.SearchCatalogAsync(new CapellaCatalogSearch { PageSize = 901 }));
        Assert.Throws<ArgumentException>(() => client.SearchCatalogAsync(new CapellaCatalogSearch { MaxResults = 10_001 }));
        Assert.Throws<ArgumentException>(() => client.SearchCatalogAsync(new CapellaCatalogSearch { From = T0, To = T0.AddDays(-1) }));
        Assert.Throws<ArgumentException>(() => client.SearchCatalogAsync(new CapellaCatalogSearch { BoundingBox = new BoundingBox(0, 5, 1, 4) }));
        var both = Assert.Throws<ArgumentException>(() => client.SearchCatalogAsync(new CapellaCatalogSearch
        {
            BoundingBox = new BoundingBox(0, 0, 1, 1),
            Intersects = SatDownload.Aoi.FromBoundingBox(0, 0, 1, 1).Polygons[0],
        }));
        Assert.Contains("mutually exclusive", both.Message, StringComparison.Ordinal);
        Assert.Empty(host.Emulator.Requests);
    }
}
