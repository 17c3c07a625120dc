namespace SatDownload.Capella.Tests.Assets;

public class HrefAnswerParsingTests
{
    [Theory]
    [InlineData("""{"url":"https://s.example/a.tif?Expires=1"}""", "https://s.example/a.tif?Expires=1")]
    [InlineData("""{"signedUrl":"https://s.example/a.tif"}""", "https://s.example/a.tif")]
    [InlineData("""{"data":{"signed_url":"https://s.example/a.tif"}}""", "https://s.example/a.tif")]
    [InlineData("\"https://s.example/a.tif\"", "https://s.example/a.tif")]
    [InlineData("https://s.example/a.tif?x=1\n", "https://s.example/a.tif?x=1")]
    [InlineData("  https://s.example/a.tif  ", "https://s.example/a.tif")]
    [InlineData("""{"nothing":"here"}""", null)]
    [InlineData("not a url", null)]
    [InlineData("", null)]
    public void Url_is_found_in_every_answer_form(string body, string? expected)
    {
        Assert.Equal(expected, CapellaAnalyticsHrefResolver.ExtractUrl(body));
    }
}
