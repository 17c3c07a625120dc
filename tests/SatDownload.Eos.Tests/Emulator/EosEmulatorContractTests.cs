using System.Net;
using System.Text;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.Emulator;

/// <summary>The emulator's own contract (§2.5 of the notes), checked with raw HTTP.</summary>
public sealed class EosEmulatorContractTests
{
    private const string Body = """{"type":"lbe","params":{"view_id":"S2/13/R/EL/2023/7/19/0","bands":["B04"],"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"reference":"r"}}""";

    [Fact]
    public async Task The_eleventh_request_in_a_minute_gets_429_with_Retry_After_and_the_bucket_refills_on_the_clock()
    {
        await using var h = await EosHarness.StartAsync();
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 11; i++)
        {
            last?.Dispose();
            last = await http.PostAsync(new Uri(h.Endpoint, "api/gdw/api?api_key=" + EosEmulatorOptions.DefaultApiKey), new StringContent(Body, Encoding.UTF8, "application/json"));
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(TimeSpan.FromSeconds(6), last!.Headers.RetryAfter!.Delta);
        last.Dispose();

        h.Clock.Advance(TimeSpan.FromSeconds(6));
        using var again = await http.PostAsync(new Uri(h.Endpoint, "api/gdw/api?api_key=" + EosEmulatorOptions.DefaultApiKey), new StringContent(Body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        // Another endpoint has its own bucket.
        using var status = await http.GetAsync(new Uri(h.Endpoint, "api/gdw/api/" + h.Eos.Tasks.First().TaskId + "?api_key=" + EosEmulatorOptions.DefaultApiKey));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"jpeg","params":{}}""", "type must be")]
    [InlineData("""{"type":"lbe","params":{"bands":["B04"],"geometry":{"type":"Polygon","coordinates":[]},"reference":"r"}}""", "params.view_id")]
    [InlineData("""{"type":"lbe","params":{"view_id":"S2/1","bands":[],"geometry":{"type":"Polygon","coordinates":[]},"reference":"r"}}""", "params.bands")]
    [InlineData("""{"type":"lbe","params":{"view_id":"S2/1","bands":["B04"],"geometry":{"type":"MultiPolygon","coordinates":[]},"reference":"r"}}""", "params.geometry")]
    [InlineData("""{"type":"lbe","params":{"view_id":"S2/1","bands":["B04"],"geometry":{"type":"Polygon","coordinates":[]}}}""", "params.reference")]
    public async Task Task_creation_is_validated(string body, string expected)
    {
        await using var h = await EosHarness.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Endpoint, "api/gdw/api")) { Content = new StringContent(body) };
        request.Headers.Add("x-api-key", EosEmulatorOptions.DefaultApiKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(h.Eos.Tasks);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_get_401_json()
    {
        await using var h = await EosHarness.StartAsync();
        using var http = new HttpClient();
        using var missing = await http.GetAsync(new Uri(h.Endpoint, "api/gdw/api/x"));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("API key is missing", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/json", missing.Content.Headers.ContentType!.MediaType);
    }
}
