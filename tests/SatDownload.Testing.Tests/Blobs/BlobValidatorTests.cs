using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace SatDownload.Testing.Tests.Blobs;

public sealed class BlobValidatorTests : IAsyncLifetime
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
    public async Task Head_returns_the_get_headers_without_a_body()
    {
        var blob = _emulator.Blobs.PutGenerated("h.bin", 12_345, seed: 2, contentType: "image/tiff");
        using var request = new HttpRequestMessage(HttpMethod.Head, _emulator.Blobs.GetUrl("h.bin"));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12_345, response.Content.Headers.ContentLength);
        Assert.Equal(blob.ETag, response.Headers.ETag!.Tag);
        Assert.Equal("image/tiff", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, Assert.Single(_emulator.Requests).BytesSent);
    }

    [Fact]
    public async Task Head_with_range_reports_the_partial_length()
    {
        _emulator.Blobs.PutGenerated("hr.bin", 1000, seed: 2);
        using var request = new HttpRequestMessage(HttpMethod.Head, _emulator.Blobs.GetUrl("hr.bin"));
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, response.Content.Headers.ContentLength);
        Assert.Equal("bytes 100-199/1000", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task If_range_with_the_current_etag_keeps_the_range_and_a_stale_one_gets_the_full_new_body()
    {
        var first = _emulator.Blobs.PutGenerated("ir.bin", 1000, seed: 4);
        Assert.Equal(HttpStatusCode.PartialContent, (await RangeWithIfRange("ir.bin", first.ETag)).StatusCode);

        var second = _emulator.Blobs.Replace("ir.bin", GeneratedContent.Generate(99, 800));
        Assert.NotEqual(first.ETag, second.ETag);

        using var stale = await RangeWithIfRange("ir.bin", first.ETag);
        var body = await stale.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Null(stale.Content.Headers.ContentRange);
        Assert.Equal(GeneratedContent.Generate(99, 800), body);
        Assert.Equal(second.ETag, stale.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task If_range_with_a_date_compares_against_last_modified()
    {
        var blob = _emulator.Blobs.PutGenerated("ird.bin", 1000, seed: 4);
        Assert.Equal(HttpStatusCode.PartialContent, (await RangeWithIfRange("ird.bin", blob.LastModified.ToString("r"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RangeWithIfRange("ird.bin", blob.LastModified.AddDays(-1).ToString("r"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RangeWithIfRange("ird.bin", "W/" + blob.ETag)).StatusCode); // weak never matches
    }

    [Fact]
    public async Task If_match_mismatch_answers_412_and_a_match_serves_the_body()
    {
        var blob = _emulator.Blobs.PutText("im.txt", "abc");
        using var mismatch = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("im.txt"));
        mismatch.Headers.TryAddWithoutValidation("If-Match", "\"other\"");
        using var match = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("im.txt"));
        match.Headers.TryAddWithoutValidation("If-Match", "\"other\", " + blob.ETag);

        using var failed = await _client.SendAsync(mismatch);
        using var ok = await _client.SendAsync(match);

        Assert.Equal(HttpStatusCode.PreconditionFailed, failed.StatusCode);
        Assert.Equal("abc", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_answers_304()
    {
        var blob = _emulator.Blobs.PutText("inm.txt", "abc");
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("inm.txt"));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(blob.ETag));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Theory]
    [InlineData("bytes=-0")]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=5000-6000")]
    public async Task Unsatisfiable_ranges_answer_416(string range)
    {
        _emulator.Blobs.PutGenerated("u.bin", 1000, seed: 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("u.bin"));
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange!.ToString());
    }

    [Theory]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes=9-3")]
    [InlineData("items=0-5")]
    [InlineData("bytes=abc")]
    public async Task Multi_range_and_malformed_ranges_are_ignored_with_a_full_200(string range)
    {
        _emulator.Blobs.PutGenerated("m.bin", 1000, seed: 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("m.bin"));
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Checksum_headers_are_sent_when_enabled()
    {
        _emulator.Blobs.IncludeChecksumHeaders = true;
        var data = GeneratedContent.Generate(8, 5000);
        _emulator.Blobs.Put("c.bin", data);

        using var full = await _client.GetAsync(_emulator.Blobs.GetUrl("c.bin"));
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl("c.bin"));
        request.Headers.Range = new RangeHeaderValue(0, 9);
        using var partial = await _client.SendAsync(request);

        Assert.Equal(MD5.HashData(data), full.Content.Headers.ContentMD5);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant(), full.Headers.GetValues(EmulatorBlobStore.Sha256HeaderName).Single());
        Assert.Null(partial.Content.Headers.ContentMD5); // describes the body sent, so only on full responses
        Assert.True(partial.Headers.Contains(EmulatorBlobStore.Sha256HeaderName));
    }

    [Fact]
    public async Task Checksum_headers_are_off_by_default()
    {
        _emulator.Blobs.PutText("nc.txt", "x");
        using var response = await _client.GetAsync(_emulator.Blobs.GetUrl("nc.txt"));
        Assert.Null(response.Content.Headers.ContentMD5);
        Assert.False(response.Headers.Contains(EmulatorBlobStore.Sha256HeaderName));
    }

    [Fact]
    public async Task Remove_makes_the_blob_404_and_names_with_spaces_and_folders_round_trip()
    {
        _emulator.Blobs.PutText("folder/a b+c.txt", "spaced");
        var url = _emulator.Blobs.GetUrl("folder/a b+c.txt");
        Assert.Equal("spaced", await _client.GetStringAsync(url));
        Assert.Equal("spaced", await _client.GetStringAsync(_emulator.Blobs.GetSignedUrl("folder/a b+c.txt", TimeSpan.FromMinutes(1))));

        Assert.True(_emulator.Blobs.Remove("folder/a b+c.txt"));
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(_emulator.Blobs.TryGet("folder/a b+c.txt", out _));
    }

    [Fact]
    public void Replace_of_a_missing_blob_names_it()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => _emulator.Blobs.Replace("nope.bin", [1]));
        Assert.Contains("'nope.bin'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_names_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => _emulator.Blobs.Put("/abs.bin", [1]));
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Change_content_keeps_the_length_and_changes_bytes_and_etag()
    {
        var generated = _emulator.Blobs.PutGenerated("cc.bin", 4096, seed: 1);
        var changed = _emulator.Blobs.ChangeContent("cc.bin");
        var bytes = _emulator.Blobs.Put("cb.bin", [1, 2, 3]);
        var changedBytes = _emulator.Blobs.ChangeContent("cb.bin");

        Assert.Equal(4096, changed.Length);
        Assert.NotEqual(generated.ETag, changed.ETag);
        Assert.NotEqual(generated.Sha256Hex, changed.Sha256Hex);
        Assert.Equal(new byte[] { 254, 253, 252 }, changedBytes.ToArray());
        Assert.NotEqual(bytes.ETag, changedBytes.ETag);
    }

    [Fact]
    public async Task A_large_generated_blob_streams_with_the_expected_sha256()
    {
        const long length = 48L * 1024 * 1024 + 17;
        _emulator.Blobs.PutGenerated("big.bin", length, seed: 42);
        using var response = await _client.GetAsync(_emulator.Blobs.GetUrl("big.bin"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();

        var hash = await SHA256.HashDataAsync(body);

        Assert.Equal(GeneratedContent.ComputeSha256Hex(42, length), Convert.ToHexString(hash).ToLowerInvariant());
        Assert.Equal(length, Assert.Single(_emulator.Requests).BytesSent);
    }

    private async Task<HttpResponseMessage> RangeWithIfRange(string name, string ifRange)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl(name));
        request.Headers.Range = new RangeHeaderValue(0, 9);
        request.Headers.TryAddWithoutValidation("If-Range", ifRange);
        var response = await _client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
