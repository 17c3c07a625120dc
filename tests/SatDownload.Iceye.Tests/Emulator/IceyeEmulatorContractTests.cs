using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Iceye.Tests.Emulator;

/// <summary>The emulator's own contract, exercised with a raw HttpClient (the shapes the adapter must cope with).</summary>
public class IceyeEmulatorContractTests
{
    [Fact]
    public async Task Missing_bearer_token_is_a_401_problem_document()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(env.Iceye.GetApiBaseAddress(), "api/tasking/v2/tasks"));
        request.Headers.Accept.ParseAdd("application/json, application/problem+json");

        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("unauthorized", body.RootElement.GetProperty("code").GetString());
        Assert.True(body.RootElement.TryGetProperty("reference", out _));
    }

    [Theory]
    [InlineData(false, "text/plain")]
    [InlineData(true, "application/problem+json")]
    public async Task Without_problem_json_in_accept_the_error_format_follows_the_switch(bool problemAlways, string expected)
    {
        await using var env = await IceyeTestEnvironment.StartAsync(new IceyeEmulatorOptions { ProblemDetailsWithoutAccept = problemAlways });
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(env.Iceye.GetApiBaseAddress(), "api/tasking/v2/tasks"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("iceye-emulator-client", "iceye-emulator-secret", "password", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("iceye-emulator-client", "nope", "client_credentials", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("iceye-emulator-client", "iceye-emulator-secret", "client_credentials", HttpStatusCode.OK, null)]
    public async Task Token_endpoint_requires_basic_client_authentication_and_client_credentials(string id, string secret, string grant, HttpStatusCode status, string? error)
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, env.Iceye.GetTokenEndpoint())
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = grant }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + secret)));

        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, response.StatusCode);
        if (error is null)
        {
            Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
            Assert.Equal(3600, body.RootElement.GetProperty("expires_in").GetInt32());
            Assert.Contains("tasking.read", body.RootElement.GetProperty("scope").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("access_token").GetString()));
        }
        else
        {
            Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Task_state_machine_follows_the_virtual_clock_and_products_follow_the_status()
    {
        await using var env = await IceyeTestEnvironment.StartAsync();
        env.Iceye.ScriptOutcomes(IceyeEmulatedOutcome.DeliverWithoutFulfilled);
        var created = await env.Client.CreateTaskAsync(env.NewRequest());
        var task = env.Iceye.GetTask(created.Id);
        var now = env.Clock.GetUtcNow();

        Assert.Equal("RECEIVED", task.StatusAt(now));
        Assert.Null(task.ProductTypesAt(now));
        Assert.Equal("ACTIVE", task.StatusAt(task.OptimisedAt));
        Assert.Equal("DONE", task.StatusAt(task.AcquiredAt));
        Assert.Equal(new[] { "GRD", "QLK" }, task.ProductTypesAt(task.AcquiredAt));
        Assert.False(task.TryCancel(task.DoneAt));
        Assert.True(task.TryCancel(now));
        Assert.Equal("CANCELED", task.StatusAt(task.DoneAt));
    }

    [Fact]
    public void Asset_layout_follows_the_documented_key_pattern()
    {
        Assert.Equal(new[] { "grd-tif", "grd-xml", "quicklook-png", "thumbnail-json", "thumbnail-png" }, IceyeEmulator.AssetLayout("GRD").Select(a => a.Key));
        Assert.Equal("image/tiff; application=geotiff; profile=cloud-optimized", IceyeEmulator.AssetLayout("SLC-COG")[0].MediaType);
        Assert.Equal("vid-mp4", IceyeEmulator.AssetLayout("VID").Single(a => a.IsData).Key);
        Assert.NotEqual(IceyeEmulator.ProductIdFor("t", "GRD"), IceyeEmulator.ProductIdFor("t", "SLC"));
        Assert.Equal(IceyeEmulator.ProductIdFor("t", "GRD"), IceyeEmulator.ProductIdFor("t", "grd"));
    }
}
