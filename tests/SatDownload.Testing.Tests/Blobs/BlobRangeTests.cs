using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace SatDownload.Testing.Tests.Blobs;

public sealed class BlobRangeTests : IAsyncLifetime
{
    private ProviderEmulator _emulator = null!;
    private readonly HttpClient _client = new();

    public async Task InitializeAsync() => _emulator = await ProviderEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=500-", 500, 999)]
    [InlineData("bytes=-100", 900, 999)]
    [InlineData("bytes=990-5000", 990, 999)]
    [InlineData("bytes=-5000", 0, 999)]
    public async Task Single_range_answers_206_with_content_range_and_exact_bytes(string range, long start, long end)
    {
        var blob = _emulator.Blobs.PutGenerated("r.bin", 1000, seed: 3);
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("r.bin"));
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {start}-{end}/1000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(blob.ToArray()[(int)start..((int)end + 1)], body);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal(blob.ETag, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Full_get_returns_200_with_validators_and_the_generated_sha256()
    {
        var blob = _emulator.Blobs.PutGenerated("dir/full.tif", 300_000, seed: 11, contentType: "image/tiff", contentDisposition: "attachment; filename=\"full.tif\"");
        using var response = await _client.GetAsync(_emulator.Blobs.GetUrl("dir/full.tif"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GeneratedContent.ComputeSha256Hex(11, 300_000), Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant());
        Assert.Equal("image/tiff", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("full.tif", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(blob.LastModified, response.Content.Headers.LastModified);
        Assert.Equal(300_000, response.Content.Headers.ContentLength);
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task Range_beyond_the_end_answers_416_with_the_length()
    {
        _emulator.Blobs.PutGenerated("small.bin", 10, seed: 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("small.bin"));
        request.Headers.Range = new RangeHeaderValue(10, null);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */10", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Signed_url_works_until_it_expires_on_the_virtual_clock()
    {
        _emulator.Blobs.PutText("s.txt", "secret scene");
        var url = _emulator.Blobs.GetSignedUrl("s.txt", TimeSpan.FromMinutes(10));

        Assert.Equal("secret scene", await _client.GetStringAsync(url));

        _emulator.Clock.Advance(TimeSpan.FromMinutes(10));
        using var expired = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        var xml = await expired.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AccessDenied</Code><Message>Request has expired</Message>", xml, StringComparison.Ordinal);
    }
}
