using System.Net;
using SatDownload.Http;

namespace SatDownload.Testing.Tests.Integration;

/// <summary>The emulator's faults drive SatDownload's own HTTP plumbing the way the fault table says.</summary>
public sealed class CoreHttpIntegrationTests
{
    [Fact]
    public async Task Resilience_handler_waits_out_retry_after_in_virtual_time_and_succeeds()
    {
        // Only the retry delays run on the auto-advancing clock; timeouts are off (see the VirtualClock pitfall).
        var clock = new VirtualClock { AutoAdvance = true };
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Clock = clock });
        emulator.Blobs.PutText("r.txt", "finally");
        var rule = emulator.Faults.OnBlob("r.txt").RespondWithStatus(503, times: 2, retryAfter: "90");
        var options = new HttpRetryOptions { MaxAttempts = 4, Jitter = false, PerAttemptTimeout = null, TotalTimeout = null };
        using var client = new HttpClient(new ResilienceHandler(options, clock) { InnerHandler = new SocketsHttpHandler() });

        var text = await client.GetStringAsync(emulator.Blobs.GetUrl("r.txt")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("finally", text);
        Assert.Equal(2, rule.Applied);
        var log = emulator.Requests.ForBlob("r.txt");
        Assert.Equal([503, 503, 200], log.Select(e => e.StatusCode));
        Assert.True(log[2].Timestamp - log[0].Timestamp >= TimeSpan.FromSeconds(180), $"virtual gap {log[2].Timestamp - log[0].Timestamp}");
    }

    [Fact]
    public async Task Idle_timeout_stream_detects_a_paced_body()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Blobs.PutGenerated("slow.bin", 10_000, seed: 1);
        emulator.Faults.OnBlob("slow.bin").PaceBody(bytesPerSecond: 2);
        using var client = new HttpClient();

        using var response = await client.GetAsync(emulator.Blobs.GetUrl("slow.bin"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(), TimeSpan.FromMilliseconds(150), description: "slow.bin");

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => body.CopyToAsync(Stream.Null));

        Assert.Contains("No data received", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
