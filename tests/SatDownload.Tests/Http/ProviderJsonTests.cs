using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using SatDownload.Http;

namespace SatDownload.Tests.Http;

public class ProviderJsonTests
{
    private static HttpResponseMessage Response(string body, string contentType = "application/json", HttpStatusCode status = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/tasks/42?api_key=SECRET12345");
        return new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
    }

    [Fact]
    public async Task Reads_a_typed_body_and_ignores_unknown_members()
    {
        using var response = Response("{\"id\":\"t-1\",\"count\":3,\"status\":\"RUNNING\",\"extra\":{\"a\":1}}");

        var dto = await ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "iceye");

        Assert.Equal("t-1", dto.Id);
        Assert.Equal(3, dto.Count);
    }

    [Fact]
    public async Task A_wrong_type_names_the_json_path()
    {
        using var response = Response("{\"id\":\"t-1\",\"count\":\"three\"}");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "iceye"));

        Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
        Assert.Equal("GET /v1/tasks/42", ex.Operation);
        Assert.Contains("does not match TaskDto at $.count", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be converted to System.Int32", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET12345", ex.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Truncated_json_is_reported_as_truncated()
    {
        using var response = Response("{\"id\":\"t-1\",\"items\":[{\"name\":\"a\"},{\"na");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "capella"));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TaskDto", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_says_what_was_expected()
    {
        using var response = Response("  ");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "eos"));

        Assert.Contains("empty body where JSON (TaskDto) was expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_JSON_is_summarised()
    {
        using var response = Response("<html><head><title>Sign in - Portal</title></head><body>...</body></html>", "text/html");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "clearsky"));

        Assert.Contains("HTML/XML page (\"Sign in - Portal\")", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<title>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_null_is_rejected()
    {
        using var response = Response("null");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "eos"));

        Assert.Contains("JSON null where TaskDto was expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_array_where_an_object_was_expected()
    {
        using var response = Response("[1,2,3]");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "eos"));

        Assert.Contains("does not match TaskDto at $", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_are_described_with_their_element_type()
    {
        using var response = Response("{\"a\":1}");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.ListTaskDto, "eos"));

        Assert.Contains("List<TaskDto>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_status_becomes_the_provider_error()
    {
        using var response = Response("{\"error\":{\"message\":\"Task not found\",\"code\":\"COMMON_NOT_FOUND\"}}", status: HttpStatusCode.NotFound);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, TestJsonContext.Default.TaskDto, "sentinel-hub"));

        Assert.Equal(404, ex.Status);
        Assert.Equal("COMMON_NOT_FOUND", ex.ErrorCode);
    }
}

public sealed class TaskDto
{
    public string? Id { get; set; }

    public int Count { get; set; }

    public List<ItemDto>? Items { get; set; }
}

public sealed class ItemDto
{
    public string? Name { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(List<TaskDto>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
