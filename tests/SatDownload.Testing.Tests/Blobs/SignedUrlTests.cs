using System.Net;

namespace SatDownload.Testing.Tests.Blobs;

public sealed class SignedUrlTests : IAsyncLifetime
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
    public async Task Signed_url_carries_expires_and_sig_and_is_valid_until_the_last_second()
    {
        _emulator.Blobs.PutText("v.txt", "ok");
        var url = _emulator.Blobs.GetSignedUrl("v.txt", TimeSpan.FromSeconds(60));

        Assert.StartsWith(new Uri(_emulator.BaseUri, "signed/v.txt?expires=").AbsoluteUri, url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("&sig=", url.Query, StringComparison.Ordinal);
        Assert.Equal((VirtualClock.DefaultStart + TimeSpan.FromSeconds(60)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Web.HttpUtility.ParseQueryString(url.Query)["expires"]);

        _emulator.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("ok", await _client.GetStringAsync(url));
        _emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("application/xml", expired.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Tampered_signature_or_expiry_answers_403_signature_does_not_match()
    {
        _emulator.Blobs.PutText("t.txt", "ok");
        var url = _emulator.Blobs.GetSignedUrl("t.txt", TimeSpan.FromMinutes(5)).AbsoluteUri;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        var expires = long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        var longer = url.Replace("expires=" + expires, "expires=" + (expires + 3600), StringComparison.Ordinal);
        var badSig = url[..^2] + (url.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        var otherBlob = url.Replace("signed/t.txt", "signed/u.txt", StringComparison.Ordinal);

        foreach (var tampered in new[] { longer, badSig, otherBlob })
        {
            using var response = await _client.GetAsync(tampered);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_query_parameters_answer_403_access_denied()
    {
        _emulator.Blobs.PutText("m.txt", "ok");
        using var response = await _client.GetAsync(new Uri(_emulator.BaseUri, "signed/m.txt"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signatures_from_another_emulator_are_rejected()
    {
        await using var other = await ProviderEmulator.StartAsync();
        _emulator.Blobs.PutText("x.txt", "ok");
        var foreign = other.Blobs.GetSignedUrl("x.txt", TimeSpan.FromMinutes(5));
        var rebased = new Uri(_emulator.BaseUri, foreign.PathAndQuery.TrimStart('/'));

        using var response = await _client.GetAsync(rebased);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Signed_range_requests_work_like_unsigned_ones()
    {
        var blob = _emulator.Blobs.PutGenerated("sr.bin", 2048, seed: 9);
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetSignedUrl("sr.bin", TimeSpan.FromMinutes(1)));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1024, null);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(blob.ToArray()[1024..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void Non_positive_ttl_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _emulator.Blobs.GetSignedUrl("a", TimeSpan.Zero));
        Assert.Equal("timeToLive", ex.ParamName);
    }
}
