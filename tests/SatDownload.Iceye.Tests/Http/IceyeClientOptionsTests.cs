namespace SatDownload.Iceye.Tests.Http;

public class IceyeClientOptionsTests
{
    [Fact]
    public void Defaults_point_at_production_and_follow_iceye_guidance()
    {
        var options = new IceyeClientOptions();

        Assert.Equal(new Uri("https://platform.iceye.com/"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenRefreshMargin);
        Assert.Equal(TimeSpan.FromHours(1), options.SignedUrlLifetime);
        Assert.Equal(ProviderNames.Iceye, options.Retry.ProviderName);
        Assert.Null(options.RateLimit);
        options.Validate();
    }

    [Theory]
    [InlineData(0, "PageSize is 0")]
    [InlineData(5000, "PageSize is 5000")]
    public void Out_of_range_settings_name_the_option(int pageSize, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new IceyeClientOptions { PageSize = pageSize }.Validate());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_are_required_and_named_with_their_environment_variable()
    {
        var options = new IceyeClientOptions { ClientId = "id", ClientSecret = "secret" };

        var ex = Assert.Throws<ArgumentException>(options.ValidateCredentials);

        Assert.Contains("SATDOWNLOAD_ICEYE_TOKEN_URL", ex.Message, StringComparison.Ordinal);
        Assert.Equal("TokenEndpoint", ex.ParamName);
    }

    [Fact]
    public void Options_text_never_shows_the_secret()
    {
        var options = new IceyeClientOptions { ClientId = "client-1", ClientSecret = "super-secret-value-42" };

        Assert.DoesNotContain("super-secret-value-42", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("client-1", options.ToString(), StringComparison.Ordinal);
    }
}
