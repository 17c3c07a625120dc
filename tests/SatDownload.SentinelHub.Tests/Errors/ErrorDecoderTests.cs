namespace SatDownload.SentinelHub.Tests.Errors;

public sealed class ErrorDecoderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Wrapped_rate_limit_error_reads_retry_after_in_milliseconds()
    {
        var d = SentinelHubErrorDecoder.Decode(429, """{"error":{"status":429,"reason":"Too Many Requests","message":"You have exceeded your rate limit","code":"RATE_LIMIT_EXCEEDED"}}""", "process", "3398", "req-1", Now);
        Assert.Equal("RATE_LIMIT_EXCEEDED", d.ErrorCode);
        Assert.Equal(TimeSpan.FromMilliseconds(3398), d.RetryAfter);
        Assert.True(d.IsRetryable);
        Assert.Equal("req-1", d.RequestId);
    }

    [Fact]
    public void Unwrapped_rate_limit_body_from_the_docs_is_decoded_too()
    {
        var d = SentinelHubErrorDecoder.Decode(429, """{"status":429,"reason":"Too Many Requests","message":"You have exceeded your rate limit","code":"RATE_LIMIT_EXCEEDED"}""", null, "120", null, Now);
        Assert.Equal("RATE_LIMIT_EXCEEDED", d.ErrorCode);
        Assert.Equal("You have exceeded your rate limit", d.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(120), d.RetryAfter);
    }

    [Fact]
    public void Catalog_keycloak_and_html_shapes_are_decoded()
    {
        var catalog = SentinelHubErrorDecoder.Decode(404, """{"code":404,"description":"Collection not found."}""", "catalog search", null, null, Now);
        Assert.Equal("404", catalog.ErrorCode);
        Assert.Equal("Collection not found.", catalog.Message);

        var keycloak = SentinelHubErrorDecoder.Decode(401, """{"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}""", "token", null, null, Now);
        Assert.Equal("invalid_client", keycloak.ErrorCode);
        Assert.Equal("Invalid client or Invalid client credentials", keycloak.Message);

        var html = SentinelHubErrorDecoder.Decode(429, "<html><body><h1>You have sent too many requests in a given amount of time.</h1></body></html>", "token", null, null, Now);
        Assert.Equal("You have sent too many requests in a given amount of time.", html.Message);
        Assert.True(html.IsRetryable);
    }

    [Fact]
    public void Renderer_exception_keeps_the_evalscript_message_verbatim_and_is_not_retryable()
    {
        var d = SentinelHubErrorDecoder.Decode(500, """{"error":{"status":500,"reason":"Internal Server Error","message":"Failed to evaluate script!\nevaluatePixel: Error: boom","code":"RENDERER_EXCEPTION"}}""", "process", null, null, Now);
        Assert.Equal("Failed to evaluate script!\nevaluatePixel: Error: boom", d.Message);
        Assert.False(d.IsRetryable);
    }

    [Fact]
    public void Validation_details_in_errors_are_appended()
    {
        var d = SentinelHubErrorDecoder.Decode(400, """{"error":{"status":400,"message":"Invalid request","code":"COMMON_BAD_PAYLOAD","errors":{"parameter":"output.width","violation":"must be less than or equal to 2500"}}}""", null, null, null, Now);
        Assert.Contains("output.width", d.Message, StringComparison.Ordinal);
    }
}
