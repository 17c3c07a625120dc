namespace SatDownload.Capella.Tests.Errors;

public class CapellaErrorDecoderTests
{
    [Fact]
    public void Nested_error_with_code_and_validation_detail()
    {
        const string body = """{"error":{"message":"Validation failed","code":"VALIDATION_ERROR","data":{},"detail":[{"message":"field required","code":"missing","path":["items",0,"granuleId"]}]}}""";
        var (code, message) = CapellaErrorDecoder.DecodeBody(400, body);
        Assert.Equal(CapellaErrorCodes.ValidationError, code);
        Assert.Equal("Validation failed (items.0.granuleId: field required)", message);
    }

    [Theory]
    [InlineData("""{"error":{"message":"Invalid API key","code":"INVALID_API_KEY"}}""", 401, "INVALID_API_KEY", "Invalid API key")]
    [InlineData("""{"error":{"message":"Not allowed","code":"NOT_AUTHORIZED"}}""", 403, "NOT_AUTHORIZED", "Not allowed")]
    [InlineData("""{"error":"order expired"}""", 410, "ORDER_EXPIRED", "order expired")]
    [InlineData("""{"message":"Internal server error"}""", 500, null, "Internal server error")]
    [InlineData("""{"Message":"User is not authorized to access this resource"}""", 403, null, "User is not authorized to access this resource")]
    [InlineData("""{"error":{"message":"Unauthorized"}}""", 401, "INVALID_API_KEY", "Unauthorized")]
    [InlineData("upstream timed out", 504, null, "upstream timed out")]
    [InlineData("<html><body>Bad gateway</body></html>", 502, null, null)]
    [InlineData("", 503, null, null)]
    public void Every_body_shape(string body, int status, string? expectedCode, string? expectedMessage)
    {
        var (code, message) = CapellaErrorDecoder.DecodeBody(status, body, CapellaErrorCodes.InvalidApiKey);
        Assert.Equal(expectedCode, code);
        Assert.Equal(expectedMessage, message);
    }

    [Fact]
    public async Task Shared_error_pipeline_carries_code_request_id_retry_after_and_retryability()
    {
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)429) { ReasonPhrase = "Too Many Requests", Content = new StringContent("""{"message":"Too Many Requests"}""") };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-123");
        response.Headers.TryAddWithoutValidation("Retry-After", "7");
        var ex = await SatDownload.Http.ProviderErrors.CreateExceptionAsync(response, "capella", "GET /user", CapellaErrorDecoder.For(null));
        Assert.Equal(429, ex.Status);
        Assert.Equal("req-123", ex.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.True(ex.IsRetryable);
        Assert.Equal("capella", ex.Provider);
        Assert.StartsWith("Too Many Requests", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.Contains("GET /user failed with HTTP 429", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_order_body_becomes_ORDER_EXPIRED()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) { Content = new StringContent("""{"error":"order expired"}""", System.Text.Encoding.UTF8, "application/json") };
        var ex = await SatDownload.Http.ProviderErrors.CreateExceptionAsync(response, "capella", "GET /orders/{orderId}/download", CapellaErrorDecoder.For(CapellaErrorCodes.InvalidApiKey));
        Assert.Equal(CapellaErrorCodes.OrderExpired, ex.ErrorCode);
        Assert.StartsWith("order expired", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }
}
