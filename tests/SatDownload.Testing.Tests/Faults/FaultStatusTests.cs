using System.Net;

namespace SatDownload.Testing.Tests.Faults;

public sealed class FaultStatusTests
{
    [Fact]
    public async Task Status_fault_answers_the_first_n_requests_then_the_real_handler()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Blobs.PutText("a.txt", "real");
        var rule = emulator.Faults.OnBlob("a.txt").RespondWithStatus(503, times: 2, retryAfter: "7", body: "{\"error\":\"busy\"}");
        using var client = new HttpClient();

        using var first = await client.GetAsync(emulator.Blobs.GetUrl("a.txt"));
        using var second = await client.GetAsync(emulator.Blobs.GetUrl("a.txt"));
        using var third = await client.GetAsync(emulator.Blobs.GetUrl("a.txt"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter!.Delta);
        Assert.Equal("{\"error\":\"busy\"}", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("real", await third.Content.ReadAsStringAsync());
        Assert.Equal(3, rule.Hits);
        Assert.Equal(2, rule.Applied);
        Assert.Equal([503, 503, 200], emulator.Requests.ForBlob("a.txt").Select(e => e.StatusCode));
    }

    [Fact]
    public async Task Truncated_body_gives_exactly_k_bytes_then_response_ended()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var blob = emulator.Blobs.PutGenerated("t.bin", 1_000_000, seed: 5);
        emulator.Faults.OnBlob("t.bin").TruncateBody(300_000);
        using var client = new HttpClient();

        using var response = await client.GetAsync(emulator.Blobs.GetUrl("t.bin"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(1_000_000, response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var ex = await Assert.ThrowsAsync<HttpIOException>(() => body.CopyToAsync(received));

        Assert.Equal(HttpRequestError.ResponseEnded, ex.HttpRequestError);
        Assert.Equal(300_000, received.Length);
        Assert.Equal(blob.ToArray().AsSpan(0, 300_000).ToArray(), received.ToArray());
    }
}
