using System.Text.Json;
using SatDownload.Capella.Models;
using SatDownload.Capella.Serialization;
using SatDownload.Capella.Tests.Support;

namespace SatDownload.Capella.Tests.Models;

public class ArticleExampleTests
{
    private static readonly Uri Root = new("https://api.capellaspace.com/");

    [Fact]
    public void The_verbatim_article_is_the_founding_document()
    {
        var article = TestFiles.Read("article-verbatim.txt");
        Assert.Contains("\"date_created\": \"2020-06-12 22:06:57\"", article, StringComparison.Ordinal);
        Assert.Contains("4135d7b3-c5e0-4170-adf9-eb65299b3352/A.tif", article, StringComparison.Ordinal);
        Assert.Contains("\"window_in_months\": 12", article, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_of_the_article_product_is_typed()
    {
        var list = JsonSerializer.Deserialize(TestFiles.ProductExample(Root), CapellaJsonContext.Default.CapellaProductList)!;
        var p = Assert.Single(list.Products!);
        Assert.Equal("4135d7b3-c5e0-4170-adf9-eb65299b3352", p.Id);
        Assert.Equal("0bdede89-4e63-479e-9e82-20a1085f3865", p.JobId);
        Assert.Equal("58045dcd-77c9-4097-82eb-710181e3e58f", p.AoiId);
        Assert.Equal("4d457ecc-7bbb-45f0-a9ae-b4fbf5f8609f", p.UserId);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 22, 6, 57, TimeSpan.Zero), p.DateCreated);
        Assert.Equal(JsonValueKind.Null, p.SnapshotsProcessed?.ValueKind ?? JsonValueKind.Null);
        Assert.Null(p.SnapshotsProcessedCount);
        Assert.Equal(new DateOnly(2019, 5, 27), p.DateStart);
        Assert.Equal(new DateOnly(2020, 5, 27), p.DateEnd);
        Assert.Equal("sentinel-s1-l2", p.CollectionSearched);
        Assert.Equal("cov", p.MethodApplied);
        Assert.Equal(new[] { "a", "a_cog", "b", "b_cog" }, p.Assets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("https://api.capellaspace.com/analytics/assets/4135d7b3-c5e0-4170-adf9-eb65299b3352/A.tif", p.Assets["a"].Href);
        Assert.Equal("image/tiff; application=geotiff;", p.Assets["a"].Type);
        Assert.Equal(new[] { "data" }, p.Assets["a"].Roles);
        Assert.Equal("VV", p.Assets["a"].Title);
        Assert.Equal("VH", p.Assets["b"].Title);
        Assert.False(p.Assets["a"].IsCloudOptimized);
        Assert.True(p.Assets["b_cog"].IsCloudOptimized);
        Assert.Equal("https://api.capellaspace.com/catalog/collections/s1-change/items/4135d7b3-c5e0-4170-adf9-eb65299b3352", p.StacItemRef);
        Assert.Equal(JsonValueKind.Null, p.StacItemGenerated?.ValueKind ?? JsonValueKind.Null);
        Assert.Equal(12, p.WindowInMonths);
    }

    [Fact]
    public void Unknown_fields_are_kept_and_do_not_break_parsing()
    {
        const string json = """{"id":"x","date_created":"2021-01-02T03:04:05Z","snapshots_processed":7,"brand_new":{"a":1},"assets":{}}""";
        var p = JsonSerializer.Deserialize(json, CapellaJsonContext.Default.CapellaAnalyticsProduct)!;
        Assert.Equal(new DateTimeOffset(2021, 1, 2, 3, 4, 5, TimeSpan.Zero), p.DateCreated);
        Assert.Equal(7, p.SnapshotsProcessedCount);
        Assert.True(p.AdditionalProperties!.ContainsKey("brand_new"));
    }

    [Fact]
    public void A_malformed_creation_date_is_reported_with_the_expected_form()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"x","date_created":"12/06/2020 nope"}""", CapellaJsonContext.Default.CapellaAnalyticsProduct));
        Assert.Contains("yyyy-MM-dd HH:mm:ss", ex.Message, StringComparison.Ordinal);
    }
}
