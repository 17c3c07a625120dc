using System.Net;
using System.Security.Cryptography;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

/// <summary>The HTTP plumbing against the shared provider emulator (blob store + fault injection).</summary>
public class EmulatorIntegrationTests
{
    [Fact]
    public async Task Injected_503s_with_RetryAfter_are_retried_and_the_bytes_arrive_intact()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var blob = emulator.Blobs.PutGenerated("scenes/s1.tif", 200_000, seed: 7, "image/tiff");
        emulator.Faults.OnBlob("scenes/s1.tif").RespondWithStatus(503, times: 2, retryAfter: "3");
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var options = new HttpRetryOptions { ProviderName = "blobs", Jitter = false, TotalTimeout = null, PerAttemptTimeout = null, ResponseIdleTimeout = null };
        using var client = ProviderHttpPipeline.CreateClient(null, new ResilienceHandler(options, clock));

        using var response = await client.GetAsync(emulator.Blobs.GetUrl("scenes/s1.tif"));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(blob.Sha256.ToArray(), SHA256.HashData(bytes));
        Assert.Equal(3, emulator.Requests.ForBlob("scenes/s1.tif").Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], clock.ScheduledDelays);
    }

    [Fact]
    public async Task A_404_from_the_emulator_is_not_retried_and_decodes_cleanly()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = ProviderHttpPipeline.CreateClient(null, new ResilienceHandler(new HttpRetryOptions { ProviderName = "blobs" }));
        var request = new HttpRequestMessage(HttpMethod.Get, emulator.Blobs.GetUrl("missing.tif"));

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.SendForProviderAsync(request, "blobs"));

        Assert.Equal(404, ex.Status);
        Assert.Single(emulator.Requests.ForBlob("missing.tif"));
    }
}
