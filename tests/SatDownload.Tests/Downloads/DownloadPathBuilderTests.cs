using SatDownload.Downloads;

namespace SatDownload.Tests.Downloads;

public class DownloadPathBuilderTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "satdl-names");

    private static ImageryAsset Asset(string productId = "S2A_1", string key = "B04", string? fileName = null, string? mediaType = null, Uri? href = null) => new()
    {
        Provider = "sentinel-hub",
        ProductId = productId,
        AssetKey = key,
        SuggestedFileName = fileName,
        MediaType = mediaType,
        Href = href,
    };

    [Fact]
    public void Default_template_uses_provider_product_key_and_extension()
    {
        var path = DownloadPathBuilder.Build(Root, DownloadOptions.DefaultFileNameTemplate, Asset(fileName: "band.tif"));
        Assert.Equal(Path.Combine(Path.GetFullPath(Root), "sentinel-hub", "S2A_1", "B04.tif"), path);
    }

    [Fact]
    public void Extension_comes_from_media_type_when_no_file_name()
    {
        var path = DownloadPathBuilder.Expand("{assetKey}{extension}", Asset(mediaType: "image/tiff; application=geotiff"));
        Assert.Equal("B04.tif", path);
    }

    [Fact]
    public void Extension_and_file_name_come_from_the_href()
    {
        var asset = Asset(href: new Uri("https://example.com/a/b/scene.zip?sig=secret"));
        Assert.Equal("scene.zip", DownloadPathBuilder.Expand("{fileName}", asset));
        Assert.Equal("B04.zip", DownloadPathBuilder.Expand("{assetKey}{extension}", asset));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\windows\\system32")]
    [InlineData("a/../../../b")]
    public void Hostile_asset_keys_land_inside_the_destination(string key)
    {
        var path = DownloadPathBuilder.Build(Root, DownloadOptions.DefaultFileNameTemplate, Asset(key: key));
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        Assert.StartsWith(root, path, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Path.GetFullPath(Root), "sentinel-hub", "S2A_1"), Path.GetDirectoryName(path));
        Assert.Equal(key.Replace('/', '_').Replace('\\', '_') is ".." ? "_" : key.Replace('/', '_').Replace('\\', '_'), Path.GetFileName(path));
    }

    [Fact]
    public void Hostile_product_id_cannot_add_folders()
    {
        var path = DownloadPathBuilder.Build(Root, DownloadOptions.DefaultFileNameTemplate, Asset(productId: "../../../tmp/evil"));
        Assert.Equal(Path.Combine(Path.GetFullPath(Root), "sentinel-hub", ".._.._.._tmp_evil", "B04"), path);
    }

    [Fact]
    public void Template_dot_dot_segments_are_neutralised()
    {
        var path = DownloadPathBuilder.Build(Root, "../{assetKey}", Asset());
        Assert.Equal(Path.Combine(Path.GetFullPath(Root), "_", "B04"), path);
    }

    [Theory]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("a\u0000b\u001fc", "a_b_c")]
    [InlineData("x:y*z?\"<>|", "x_y_z_____")]
    [InlineData("trailing. . ", "trailing")]
    [InlineData("   ", "_")]
    [InlineData("...", "_")]
    [InlineData("a\u202Eb", "a_b")]
    public void Segments_are_sanitised(string input, string expected)
    {
        Assert.Equal(expected, DownloadPathBuilder.SanitizeSegment(input));
    }

    [Fact]
    public void Long_names_are_shortened_keeping_extension_and_distinctness()
    {
        var a = DownloadPathBuilder.SanitizeSegment(new string('é', 300) + "a.tif");
        var b = DownloadPathBuilder.SanitizeSegment(new string('é', 300) + "b.tif");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(a) <= DownloadPathBuilder.MaxSegmentBytes);
        Assert.EndsWith(".tif", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Unknown_token_is_rejected_with_the_known_list()
    {
        var ex = Assert.Throws<ArgumentException>(() => DownloadPathBuilder.Expand("{nope}", Asset()));
        Assert.Contains("{nope}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{assetKey}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquired_token_formats_the_date()
    {
        var asset = Asset() with { AcquiredAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero) };
        Assert.Equal("20250304_B04", DownloadPathBuilder.Expand("{acquired}_{assetKey}", asset));
    }
}
