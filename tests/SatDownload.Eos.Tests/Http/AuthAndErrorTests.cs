using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.Http;

/// <summary>API-key placement, redaction, and every error shape the emulator produces.</summary>
public sealed class AuthAndErrorTests
{
    private static EosLoadByExtentRequest Request(string viewId = "S2/13/R/EL/2023/7/19/0") =>
        new() { ViewId = viewId, Bands = ["B04"], Aoi = EosHarness.Square() };

    [Fact]
    public async Task The_key_goes_in_the_x_api_key_header_by_default_and_never_in_the_url()
    {
        await using var h = await EosHarness.StartAsync();
        await h.CreateClient().CreateLoadByExtentTaskAsync(Request());
        var call = Assert.Single(h.EosRequests());
        Assert.True(call.Headers.ContainsKey("x-api-key"));
        Assert.DoesNotContain(Testing.Eos.EosEmulatorOptions.DefaultApiKey, call.Headers["x-api-key"], StringComparison.Ordinal);
        Assert.Empty(call.QueryParameterNames);
    }

    [Fact]
    public async Task The_key_can_go_in_the_api_key_query_parameter_and_is_still_redacted()
    {
        await using var h = await EosHarness.StartAsync(o => o.CompletionMode = Testing.Eos.EosCompletionMode.InlineBinary);
        var client = h.CreateClient(o => o.ApiKeyLocation = EosApiKeyLocation.Query);
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        h.AutoAdvance();
        await task.WaitForCompletionAsync();
        var results = await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory);
        Assert.True(Assert.Single(results).Succeeded);
        Assert.All(h.EosRequests(), r =>
        {
            Assert.Contains("api_key", r.QueryParameterNames);
            Assert.False(r.Headers.ContainsKey("x-api-key"));
            Assert.DoesNotContain(Testing.Eos.EosEmulatorOptions.DefaultApiKey, r.Query, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Testing.Eos.EosEmulatorOptions.DefaultApiKey, results[0].Download.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_whose_message_does_not_leak_the_key()
    {
        await using var h = await EosHarness.StartAsync();
        const string wrong = "apk.wrongkey0000000000";
        var client = h.CreateClient(o => o.ApiKey = wrong);
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.CreateLoadByExtentTaskAsync(Request()));
        Assert.Equal(401, ex.Status);
        Assert.Equal("POST /api/gdw/api", ex.Operation);
        Assert.StartsWith("Invalid API key.", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(h.EosRequests());
    }

    [Fact]
    public async Task An_unknown_view_id_is_a_404_with_the_provider_message()
    {
        await using var h = await EosHarness.StartAsync(o => o.UnknownViewIds.Add("S2/99/Z/ZZ/2023/7/19/0"));
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => h.CreateClient().CreateLoadByExtentTaskAsync(Request("S2/99/Z/ZZ/2023/7/19/0")));
        Assert.Equal(404, ex.Status);
        Assert.Equal("404", ex.ErrorCode);
        Assert.Contains("Scene 'S2/99/Z/ZZ/2023/7/19/0' not found.", ex.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_on_create_is_retried_and_creates_exactly_one_task()
    {
        await using var h = await EosHarness.StartAsync();
        h.Emulator.Faults.On("/eos/api/gdw/api").RespondWithStatus(503, times: 2, retryAfter: "2");
        h.AutoAdvance();
        var task = await h.CreateClient().CreateLoadByExtentTaskAsync(Request());
        Assert.Single(h.Eos.Tasks);
        Assert.Equal(task.Id, h.Eos.Tasks.Single().TaskId);
        Assert.Equal([503, 503, 202], h.EosRequests().Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_500_on_create_is_not_retried_because_the_task_may_exist()
    {
        await using var h = await EosHarness.StartAsync();
        h.Emulator.Faults.On("/eos/api/gdw/api").RespondWithStatus(500, times: 1, body: "upstream exploded", contentType: "text/plain");
        h.AutoAdvance();
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => h.CreateClient().CreateLoadByExtentTaskAsync(Request()));
        Assert.Equal(500, ex.Status);
        Assert.True(ex.IsRetryable);
        Assert.StartsWith("upstream exploded", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.Single(h.EosRequests());
    }

    [Fact]
    public async Task Server_errors_on_status_polls_are_retried()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        h.Emulator.Faults.OnPrefix("/eos/api/gdw/api/").RespondWithStatus(502, times: 2, body: "<html><body>Bad gateway</body></html>", contentType: "text/html");
        h.AutoAdvance();
        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        Assert.Equal([202, 502, 502, 200], h.EosRequests().Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_malformed_status_body_is_a_readable_provider_error()
    {
        await using var h = await EosHarness.StartAsync();
        var task = h.CreateClient().GetLoadByExtentTask("t-1");
        h.Emulator.Faults.OnPrefix("/eos/api/gdw/api/").RespondWithStatus(200, times: 1, body: "{\"status\": [1,2", contentType: "application/json");
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => task.UpdateStatusAsync());
        Assert.Equal("eos", ex.Provider);
        Assert.Equal("GET /api/gdw/api/{task_id}", ex.Operation);
    }

    [Fact]
    public async Task Status_json_labelled_text_plain_is_read_as_json_and_other_text_is_an_error()
    {
        await using var h = await EosHarness.StartAsync();
        var task = h.CreateClient().GetLoadByExtentTask("t-1");
        h.Emulator.Faults.OnPrefix("/eos/api/gdw/api/").RespondWithStatus(200, times: 1, body: "{\"status\":\"started\",\"task_id\":\"t-1\"}", contentType: "text/plain");
        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        Assert.Equal("started", task.ProviderStatus);

        h.Clock.Advance(TimeSpan.FromSeconds(6));
        h.Emulator.Faults.OnPrefix("/eos/api/gdw/api/").RespondWithStatus(200, times: 1, body: "<html>maintenance</html>", contentType: "text/html");
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => task.UpdateStatusAsync());
        Assert.Contains("neither task JSON nor a result file", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderTaskStatus.Running, task.Status);
    }
}
