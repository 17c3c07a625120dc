using System.Text.Json;
using SatDownload.Capella.Models;
using SatDownload.Capella.Serialization;
using SatDownload.Capella.Tests.Support;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.EndToEnd;

/// <summary>The headline scenario: the article's product example, parsed, then A.tif resolved and downloaded byte-identical.</summary>
public class ArticleExampleEndToEndTests
{
    [Theory]
    [InlineData(CapellaHrefAnswerMode.JsonUrl)]
    [InlineData(CapellaHrefAnswerMode.PlainText)]
    [InlineData(CapellaHrefAnswerMode.Redirect)]
    public async Task The_article_product_example_is_parsed_and_A_tif_downloads_byte_identical(CapellaHrefAnswerMode mode)
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample(fileSize: 300_000);
        host.Capella.HrefAnswerMode = mode;
        var client = host.ApiKeyClient();
        using var dir = new TempDirectory();

        // The article's example (completed into valid JSON; hrefs rooted at the emulator), parsed with the wire models.
        var list = JsonSerializer.Deserialize(TestFiles.ProductExample(host.ApiRoot), CapellaJsonContext.Default.CapellaProductList)!;
        var product = Assert.Single(list.Products!);
        Assert.Equal(new DateTimeOffset(2020, 6, 12, 22, 6, 57, TimeSpan.Zero), product.DateCreated);
        var a = Assert.Single(client.GetProductAssets(product, new CapellaAssetFilter { Keys = ["a"] }));
        Assert.Equal("A.tif", a.SuggestedFileName);

        var result = await CapellaDownloads.For(host).DownloadAsync(a, dir.Path, CapellaDownloads.NoWait);

        Assert.True(result.Succeeded, result.Exception?.ToString());
        var expected = host.BlobSha256(CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "A.tif"));
        Assert.Equal(expected, result.Sha256);
        Assert.Equal(expected, CapellaDownloads.FileSha256(result.FilePath!));
        Assert.Equal(host.Emulator.Blobs.Get(CapellaEmulator.ChangeMapBlobName(CapellaEmulator.ArticleProductId, "A.tif")).Length, result.BytesWritten);
        Assert.EndsWith(Path.Combine("capella", CapellaEmulator.ArticleProductId, "a.tif"), result.FilePath, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(result.FilePath!);
        Assert.Equal("II*\0", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));

        // One href call (authenticated), then storage only (never with the API credential).
        var hrefCall = Assert.Single(host.Emulator.Requests.ForPath($"/capella/analytics/assets/{CapellaEmulator.ArticleProductId}/A.tif"));
        Assert.True(hrefCall.Headers.ContainsKey("Authorization"));
        var storage = host.Emulator.Requests.ForPath("/signed/");
        Assert.NotEmpty(storage);
        Assert.All(storage, r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public async Task The_served_products_call_matches_the_article_example()
    {
        await using var host = await CapellaTestHost.StartAsync();
        host.Capella.SeedArticleExample();
        var client = host.ApiKeyClient();
        var fromFile = Assert.Single(JsonSerializer.Deserialize(TestFiles.ProductExample(host.ApiRoot), CapellaJsonContext.Default.CapellaProductList)!.Products!);

        var served = Assert.Single(await client.GetProductsAsync(CapellaEmulator.ArticleAoiId).CollectAsync());

        Assert.Equal(fromFile.Id, served.Id);
        Assert.Equal(fromFile.JobId, served.JobId);
        Assert.Equal(fromFile.UserId, served.UserId);
        Assert.Equal(fromFile.DateCreated, served.DateCreated);
        Assert.Equal(fromFile.DateStart, served.DateStart);
        Assert.Equal(fromFile.DateEnd, served.DateEnd);
        Assert.Equal(fromFile.CollectionSearched, served.CollectionSearched);
        Assert.Equal(fromFile.MethodApplied, served.MethodApplied);
        Assert.Equal(fromFile.StacItemRef, served.StacItemRef);
        Assert.Equal(fromFile.WindowInMonths, served.WindowInMonths);
        foreach (var (key, asset) in fromFile.Assets)
        {
            Assert.Equal(asset.Href, served.Assets[key].Href);
            Assert.Equal(asset.Type, served.Assets[key].Type);
            Assert.Equal(asset.Title, served.Assets[key].Title);
            Assert.Equal(asset.Roles, served.Assets[key].Roles);
        }
    }
}
