namespace SatDownload.Capella.Tests.Assets;

public class SignedUrlInspectorTests
{
    [Fact]
    public void Reads_aws_v2_expires()
    {
        var u = new Uri("https://data.capellaspace.com/a.tif?AWSAccessKeyId=AKIAXXXX&Expires=1600000000&Signature=abc%2Fdef");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1600000000), SignedUrlInspector.ReadExpiry(u));
    }

    [Fact]
    public void Reads_aws_v4_date_plus_lifetime()
    {
        var u = new Uri("https://s3.amazonaws.com/b/a.tif?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240102T030405Z&X-Amz-Expires=3600&X-Amz-Signature=ff");
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.Zero), SignedUrlInspector.ReadExpiry(u));
    }

    [Fact]
    public void No_expiry_when_the_url_states_none()
    {
        Assert.Null(SignedUrlInspector.ReadExpiry(new Uri("https://x.example/a.tif")));
    }

    [Fact]
    public void Signature_values_are_masked_everywhere_after_registration()
    {
        var u = new Uri("https://data.capellaspace.com/a.tif?Expires=1&Signature=SuperSecretSig123");
        SignedUrlInspector.RegisterSecrets(u);
        Assert.DoesNotContain("SuperSecretSig123", Redactor.Redact("failed to fetch SuperSecretSig123 somewhere"), StringComparison.Ordinal);
    }
}
