using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace SatDownload.Testing.Tests.Faults;

public sealed class BodyFaultTests : IAsyncLifetime
{
    private readonly HttpClient _client = new();
    private ProviderEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await ProviderEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Abort_after_bytes_resets_the_connection_mid_body()
    {
        _emulator.Blobs.PutGenerated("a.bin", 2_000_000, seed: 1);
        var rule = _emulator.Faults.OnBlob("a.bin").AbortAfterBytes(500_000);

        using var response = await _client.GetAsync(_emulator.Blobs.GetUrl("a.bin"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(received));

        // A reset may discard in-flight data, so only the upper bound is certain.
        Assert.True(received.Length <= 500_000, $"received {received.Length}");
        var entry = await _emulator.Requests.WaitForAsync(e => e.Path == "/blobs/a.bin");
        Assert.True(entry.Aborted);
        Assert.Equal(500_000, entry.BytesSent);
        Assert.Equal([FaultKind.AbortAfterBytes], entry.Faults);
        Assert.Equal(1, rule.Applied);

        // Only the first request is affected.
        Assert.Equal(2_000_000, (await _client.GetByteArrayAsync(_emulator.Blobs.GetUrl("a.bin"))).Length);
    }

    [Fact]
    public async Task Truncation_of_a_range_response_gives_the_first_k_bytes_of_that_range()
    {
        var blob = _emulator.Blobs.PutGenerated("tr.bin", 100_000, seed: 1);
        _emulator.Faults.OnBlob("tr.bin").TruncateBody(1000);
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("tr.bin"));
        request.Headers.Range = new RangeHeaderValue(50_000, null);

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var ex = await Assert.ThrowsAsync<HttpIOException>(() => body.CopyToAsync(received));

        Assert.Equal(HttpRequestError.ResponseEnded, ex.HttpRequestError);
        Assert.Equal(blob.ToArray().AsSpan(50_000, 1000).ToArray(), received.ToArray());
        var entry = await _emulator.Requests.WaitForAsync(e => e.Path == "/blobs/tr.bin");
        Assert.Equal(206, entry.StatusCode);
        Assert.Equal(1000, entry.BytesSent);
    }

    [Fact]
    public async Task Truncation_longer_than_the_body_changes_nothing()
    {
        _emulator.Blobs.PutText("short.txt", "tiny");
        _emulator.Faults.OnBlob("short.txt").TruncateBody(1000);

        Assert.Equal("tiny", await _client.GetStringAsync(_emulator.Blobs.GetUrl("short.txt")));
    }

    [Fact]
    public async Task Paced_body_arrives_no_faster_than_the_rate()
    {
        _emulator.Blobs.PutGenerated("p.bin", 3000, seed: 3);
        _emulator.Faults.OnBlob("p.bin").PaceBody(bytesPerSecond: 10_000);

        var stopwatch = Stopwatch.StartNew();
        var bytes = await _client.GetByteArrayAsync(_emulator.Blobs.GetUrl("p.bin"));
        stopwatch.Stop();

        Assert.Equal(GeneratedContent.Generate(3, 3000), bytes);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(250), $"took {stopwatch.Elapsed}"); // 3000 B at 10 kB/s = 300 ms
    }

    [Fact]
    public async Task Paced_body_trips_a_read_timeout_on_the_client()
    {
        _emulator.Blobs.PutGenerated("slow.bin", 100_000, seed: 3);
        _emulator.Faults.OnBlob("slow.bin").PaceBody(bytesPerSecond: 10);

        using var response = await _client.GetAsync(_emulator.Blobs.GetUrl("slow.bin"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[100_000];
        var first = await body.ReadAsync(buffer);
        using var idle = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var total = first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (true)
            {
                total += await body.ReadAsync(buffer.AsMemory(total), idle.Token);
            }
        });

        Assert.InRange(total, 1, 10);
    }

    [Fact]
    public async Task Change_blob_content_after_n_requests_breaks_a_resume_with_if_range()
    {
        var original = _emulator.Blobs.PutGenerated("c.bin", 10_000, seed: 1);
        var rule = _emulator.Faults.OnBlob("c.bin").AfterRequests(1).ChangeBlobContent();

        using var first = await _client.GetAsync(_emulator.Blobs.GetUrl("c.bin"));
        Assert.Equal(original.ETag, first.Headers.ETag!.Tag);

        using var resume = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("c.bin"));
        resume.Headers.Range = new RangeHeaderValue(5000, null);
        resume.Headers.TryAddWithoutValidation("If-Range", original.ETag);
        using var second = await _client.SendAsync(resume);
        var body = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(original.ETag, second.Headers.ETag!.Tag);
        Assert.Equal(GeneratedContent.Generate(2, 10_000), body);
        Assert.Equal(2, rule.Hits);
        Assert.Equal(1, rule.Applied);
        Assert.Equal(second.Headers.ETag!.Tag, _emulator.Blobs.Get("c.bin").ETag);
    }

    [Fact]
    public void Change_blob_content_needs_a_blob_target()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => _emulator.Faults.On("/x").ChangeBlobContent());
        Assert.Contains("OnBlob", ex.Message, StringComparison.Ordinal);
    }
}
