using System.Net;
using System.Text;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

/// <summary>
/// Error bodies follow the provider notes (shared/providers/sentinel-hub.md §A.7 wrapped/unwrapped errors and Catalog
/// {code,description}; capella-eos-iceye-clearsky.md §1.5 Capella, §3.5 ICEYE problem+json, §4.3 ClearSKY ServiceResult).
/// </summary>
public class ProviderErrorsTests
{
    private static ProviderRequestException FromBody(int status, string body, string contentType = "application/json", Func<ProviderErrorBody, DecodedProviderError?>? decoder = null) =>
        ProviderErrors.Create(new ProviderErrorBody(status, contentType, body), "test", "POST /api/v1/things", decoder);

    [Fact]
    public void Sentinel_Hub_wrapped_error()
    {
        var ex = FromBody(400, "{\"error\":{\"status\":400,\"reason\":\"Bad Request\",\"message\":\"Requested height 3000 is larger than allowed 2500\",\"code\":\"COMMON_BAD_PAYLOAD\"}}");

        Assert.Equal("COMMON_BAD_PAYLOAD", ex.ErrorCode);
        Assert.Equal("Requested height 3000 is larger than allowed 2500", ex.ProviderMessage);
        Assert.Equal("test POST /api/v1/things failed with HTTP 400 (COMMON_BAD_PAYLOAD): Requested height 3000 is larger than allowed 2500", ex.Message);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public void Capella_error_object_with_validation_details()
    {
        var ex = FromBody(400, "{\"error\":{\"message\":\"Invalid order\",\"code\":\"ORDER_VALIDATION_ERROR\",\"detail\":[{\"message\":\"must be positive\",\"path\":\"items.0.size\"}]}}");

        Assert.Equal("ORDER_VALIDATION_ERROR", ex.ErrorCode);
        Assert.Equal("Invalid order (items.0.size: must be positive)", ex.ProviderMessage);
    }

    [Fact]
    public void Plain_string_error()
    {
        var ex = FromBody(410, "{\"error\":\"order expired\"}");

        Assert.Null(ex.ErrorCode);
        Assert.Equal("order expired", ex.ProviderMessage);
    }

    [Fact]
    public void OAuth_error_with_description()
    {
        var ex = FromBody(401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");

        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.StartsWith("Invalid client or Invalid client credentials. Check the OAuth client id and secret", ex.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearSky_service_result_envelope_with_numeric_code()
    {
        var ex = FromBody(400, "{\"Data\":{\"Date\":[\"Date must be within the last 30 days\"]},\"Error\":{\"Message\":\"Validation failed\",\"Code\":1001}}");

        Assert.Equal("1001", ex.ErrorCode);
        Assert.Equal("Validation failed", ex.ProviderMessage);
    }

    [Fact]
    public void Problem_json_from_ICEYE()
    {
        var ex = FromBody(404, "{\"title\":\"Not Found\",\"code\":\"not_found\",\"detail\":\"Contract 1234 does not exist\",\"reference\":\"https://docs.iceye.com/errors\"}", "application/problem+json");

        Assert.Equal("not_found", ex.ErrorCode);
        Assert.Equal("Not Found: Contract 1234 does not exist", ex.ProviderMessage);
    }

    [Fact]
    public void Message_detail_and_catalog_shapes()
    {
        Assert.Equal("Something failed", FromBody(500, "{\"message\":\"Something failed\"}").ProviderMessage);
        Assert.Equal("Not authenticated", FromBody(403, "{\"detail\":\"Not authenticated\"}").ProviderMessage?.Split('.')[0]);
        var catalog = FromBody(404, "{\"code\":404,\"description\":\"Collection not found.\"}");
        Assert.Equal("404", catalog.ErrorCode);
        Assert.Equal("Collection not found.", catalog.ProviderMessage);
        var fastApi = FromBody(422, "{\"detail\":[{\"loc\":[\"body\",\"aoi\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]}");
        Assert.Equal("body.aoi: field required", fastApi.ProviderMessage);
    }

    [Fact]
    public void Unwrapped_sentinel_hub_rate_limit_body()
    {
        var ex = FromBody(429, "{\"status\":429,\"reason\":\"Too Many Requests\",\"message\":\"You have exceeded your rate limit\",\"code\":\"RATE_LIMIT_EXCEEDED\"}");

        Assert.Equal("RATE_LIMIT_EXCEEDED", ex.ErrorCode);
        Assert.StartsWith("You have exceeded your rate limit", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public void Html_pages_are_summarised_by_their_title()
    {
        var html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><script>var x = 1;</script></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

        var ex = FromBody(502, html, "text/html");

        Assert.Contains("HTML error page: \"502 Bad Gateway\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal("502 Bad Gateway", ex.BodyExcerpt);
        Assert.DoesNotContain("<", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsRetryable);
        Assert.Equal("Cloudflare says no", ProviderErrors.SummarizeHtml("<html><body><h2>Cloudflare <b>says</b> no</h2></body></html>"));
        Assert.Equal("just text here", ProviderErrors.SummarizeHtml("<html><body><p>just   text</p> <p>here</p></body></html>"));
    }

    [Fact]
    public void A_provider_decoder_wins_and_can_mark_a_400_retryable()
    {
        static DecodedProviderError? Decoder(ProviderErrorBody body) =>
            body.TryParseJson(out var root) && root.TryGetProperty("Error", out var e) && e.GetProperty("Code").GetInt32() == 1003
                ? new DecodedProviderError { ErrorCode = "1003", Message = "Maximum concurrent requests reached", IsRetryable = true }
                : null;

        var busy = FromBody(400, "{\"Error\":{\"Code\":1003,\"Message\":\"x\"}}", decoder: Decoder);
        var other = FromBody(400, "{\"Error\":{\"Code\":1002,\"Message\":\"Date not available\"}}", decoder: Decoder);

        Assert.True(busy.IsRetryable);
        Assert.Equal("Maximum concurrent requests reached", busy.ProviderMessage);
        Assert.False(other.IsRetryable);
        Assert.Equal("Date not available", other.ProviderMessage);
    }

    [Fact]
    public void A_throwing_decoder_falls_back_to_the_common_shapes()
    {
        var ex = FromBody(400, "{\"message\":\"still readable\"}", decoder: _ => throw new KeyNotFoundException());
        Assert.Equal("still readable", ex.ProviderMessage);
    }

    [Fact]
    public void Plain_text_and_empty_bodies()
    {
        Assert.Equal("upstream connect error", FromBody(503, "upstream connect error", "text/plain").ProviderMessage);
        var empty = FromBody(404, string.Empty, "text/plain");
        Assert.Equal("Not found", empty.ProviderMessage);
        Assert.Null(empty.BodyExcerpt);
    }

    [Fact]
    public void Excerpts_are_redacted_and_at_most_500_characters()
    {
        var body = "{\"message\":\"bad\",\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijkl\",\"pad\":\"" + new string('x', 2000) + "\"}";

        var ex = FromBody(400, body);

        Assert.NotNull(ex.BodyExcerpt);
        Assert.True(ex.BodyExcerpt!.Length <= 500, $"{ex.BodyExcerpt.Length}");
        Assert.DoesNotContain("eyJhbGciOiJIUzI1NiJ9", ex.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_response_gives_request_id_RetryAfter_in_the_provider_unit_and_operation()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            ctx.Response.Headers["x-amzn-RequestId"] = "amzn-123";
            ctx.Response.Headers.RetryAfter = "2500";
            return LoopbackServer.WriteJsonAsync(ctx, 429, "{\"error\":{\"message\":\"slow down\",\"code\":\"RATE_LIMIT_EXCEEDED\"}}");
        });
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/process?api_key=abc123456789").WithOperation("POST /api/v1/process");
        using var response = await client.SendAsync(request);

        var ex = await ProviderErrors.CreateExceptionAsync(response, "sentinel-hub", retryAfterUnit: RetryAfterUnit.Milliseconds);

        Assert.Equal("sentinel-hub", ex.Provider);
        Assert.Equal("POST /api/v1/process", ex.Operation);
        Assert.Equal(429, ex.Status);
        Assert.Equal("amzn-123", ex.RequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), ex.RetryAfter);
        Assert.Contains("[request id amzn-123]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Retry after 2.5 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operation_defaults_to_method_and_path_without_the_query()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
        {
            ctx.Response.Headers["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            return LoopbackServer.WriteJsonAsync(ctx, 404, "{\"message\":\"no such task\"}");
        });
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        using var response = await client.GetAsync("api/gdw/api/task-9?api_key=secret-key-123");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderErrors.EnsureSuccessAsync(response, "eos"));

        Assert.Equal("GET /api/gdw/api/task-9", ex.Operation);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", ex.RequestId);
        Assert.DoesNotContain("secret-key-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSuccess_passes_success_through()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NoContent);
        await ProviderErrors.EnsureSuccessAsync(response, "x");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public void Operation_strips_the_query()
    {
        Assert.Equal("GET /tasks/{id}", ProviderErrors.Operation(HttpMethod.Get, "/tasks/{id}?api_key={key}"));
    }

    [Fact]
    public void Transport_failures_have_status_zero_and_name_the_call()
    {
        var ex = ProviderErrors.FromTransportFailure(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."), "capella", "GET /orders/{id}/download");

        Assert.Equal(0, ex.Status);
        Assert.True(ex.IsRetryable);
        Assert.Equal("capella GET /orders/{id}/download failed: no response from the provider: the server closed the connection before the response was complete", ex.Message);
        Assert.Contains("request timed out", ProviderErrors.FromTransportFailure(new TaskCanceledException(), "x", "GET /").Message, StringComparison.Ordinal);
        Assert.Contains("within", ProviderErrors.FromTransportFailure(new TimeoutException("did not complete within 30 s"), "x", "GET /").Message, StringComparison.Ordinal);
        Assert.True(ProviderErrors.IsTransportFailure(new IOException()));
        Assert.False(ProviderErrors.IsTransportFailure(new InvalidOperationException()));
    }

    [Fact]
    public void Charset_is_respected()
    {
        Assert.Equal(Encoding.Latin1.WebName, ProviderErrors.GetEncoding(new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "iso-8859-1" }).WebName);
        Assert.Equal(Encoding.UTF8.WebName, ProviderErrors.GetEncoding(new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "nonsense-charset" }).WebName);
    }
}
