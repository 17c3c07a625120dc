using SatDownload;

namespace SatDownload.Tests.Security;

public class RedactorTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDAsImF6cCI6ImNsaWVudCJ9.c2lnbmF0dXJlLXBhcnQtaGVyZQ";

    [Theory]
    [InlineData("Authorization: Bearer abcdef123456789", "abcdef123456789")]
    [InlineData("authorization=Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA==")]
    [InlineData("x-api-key: apk.9f8e7d6c5b4a", "apk.9f8e7d6c5b4a")]
    [InlineData("Authorization: ApiKey capella-key-000111", "capella-key-000111")]
    [InlineData("token " + Jwt, Jwt)]
    [InlineData("{\"access_token\":\"opaque-123456\",\"expires_in\":3600}", "opaque-123456")]
    [InlineData("{\"client_secret\": \"hunter2hunter2\"}", "hunter2hunter2")]
    [InlineData("{\"apiKey\":\"k-123456789\"}", "k-123456789")]
    [InlineData("grant_type=client_credentials&client_id=abc&client_secret=s3cr3t-value", "s3cr3t-value")]
    [InlineData("GET https://bucket.s3.amazonaws.com/a.tif?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=deadbeefcafebabe failed", "deadbeefcafebabe")]
    [InlineData("see https://acct.blob.core.windows.net/c/b.tif?sv=2020&sig=abcDEF123%2B%3D", "abcDEF123")]
    [InlineData("https://storage.googleapis.com/b/o?Expires=1&GoogleAccessId=x&Signature=Zm9vYmFyYmF6", "Zm9vYmFyYmF6")]
    [InlineData("url: https://api.example.com/search?api_key=apk.0011223344&q=x", "apk.0011223344")]
    [InlineData("https://d.example.com/f?token=tok_abcdef012345", "tok_abcdef012345")]
    [InlineData("https://d.example.com/f?key=AIzaSyA-1234567", "AIzaSyA-1234567")]
    public void Secrets_never_survive_Redact(string text, string secret)
    {
        var redacted = Redactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redacted_text_stays_readable()
    {
        Assert.Equal("Authorization: Bearer ***", Redactor.Redact("Authorization: Bearer abcdef123456789"));
        Assert.Equal("{\"access_token\":\"***\",\"expires_in\":3600}", Redactor.Redact("{\"access_token\":\"opaque-123456\",\"expires_in\":3600}"));
        Assert.Equal("GET https://bucket.s3.amazonaws.com/a.tif?X-Amz-Algorithm=***&X-Amz-Signature=*** failed",
            Redactor.Redact("GET https://bucket.s3.amazonaws.com/a.tif?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=deadbeefcafebabe failed"));
    }

    [Theory]
    [InlineData("Order 5f2c processing: 45% complete, 3 of 7 assets ready.")]
    [InlineData("Requested height 3000 is larger than allowed 2500")]
    [InlineData("The token endpoint returned HTTP 429 (Too Many Requests).")]
    [InlineData("sentinel-hub POST /api/v1/process failed with HTTP 400 (COMMON_BAD_PAYLOAD): bad bbox")]
    [InlineData("https://api.example.com/v1/tasks/42")]
    [InlineData("")]
    public void Ordinary_text_is_left_alone(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Fact]
    public void RedactUri_masks_every_query_value_and_user_info()
    {
        var uri = new Uri("https://user:pa55w0rd@bucket.example.com:8443/p/a.tif?X-Amz-Credential=AKIA123%2F20260101&X-Amz-Signature=abcdef&part=2#frag");

        var redacted = Redactor.RedactUri(uri);

        Assert.Equal("https://bucket.example.com:8443/p/a.tif?X-Amz-Credential=***&X-Amz-Signature=***&part=***", redacted);
        Assert.Equal(string.Empty, Redactor.RedactUri(null));
        Assert.Equal("https://api.example.com/v1/items", Redactor.RedactUri(new Uri("https://api.example.com/v1/items")));
        Assert.Equal("tasks/1?api_key=***", Redactor.RedactUri(new Uri("tasks/1?api_key=abc123", UriKind.Relative)));
    }

    [Fact]
    public void RedactUri_masks_registered_secrets_in_the_path()
    {
        Redactor.RegisterSecret("path-embedded-key-5566");
        Assert.Equal("https://api.example.com/keys/***/items", Redactor.RedactUri(new Uri("https://api.example.com/keys/path-embedded-key-5566/items")));
    }

    [Theory]
    [InlineData("Authorization", "Bearer abcdef123456", "Bearer ***")]
    [InlineData("Authorization", "Basic dXNlcjpwYXNz", "Basic ***")]
    [InlineData("Authorization", "ApiKey k-123456789", "ApiKey ***")]
    [InlineData("x-api-key", "apk.123456", "***")]
    [InlineData("X-API-KEY", "apk.123456", "***")]
    [InlineData("Cookie", "session=abcdef", "***")]
    [InlineData("X-Amz-Security-Token", "FwoGZXIvYXdzE", "***")]
    [InlineData("Location", "https://b.example.com/f.tif?sig=abc123", "https://b.example.com/f.tif?sig=***")]
    [InlineData("Content-Type", "application/json", "application/json")]
    [InlineData("x-request-id", "req-123", "req-123")]
    public void RedactHeader(string name, string value, string expected)
    {
        Assert.Equal(expected, Redactor.RedactHeader(name, value));
    }

    [Fact]
    public void Registered_secrets_are_masked_anywhere_and_short_values_are_ignored()
    {
        Redactor.RegisterSecret("zq-registered-secret-91");
        Redactor.RegisterSecret("abc");

        Assert.Equal("the key *** leaked into free text", Redactor.Redact("the key zq-registered-secret-91 leaked into free text"));
        Assert.Equal("abc stays", Redactor.Redact("abc stays"));
        Assert.False(Redactor.IsSensitiveHeader("Accept"));
        Assert.True(Redactor.IsSensitiveHeader("X-Custom-Token"));
    }

    [Fact]
    public void Exceptions_redact_their_messages()
    {
        var ex = new SatDownloadException("failed with Authorization: Bearer abcdef123456789 at https://x.example/a?sig=123456");

        Assert.DoesNotContain("abcdef123456789", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=123456", ex.Message, StringComparison.Ordinal);
    }
}
