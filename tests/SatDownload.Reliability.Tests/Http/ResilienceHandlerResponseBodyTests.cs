using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SatDownload.Http;
using SatDownload.Testing;

namespace SatDownload.Reliability.Tests.Http;

/// <summary>
/// The shared <see cref="ResilienceHandler"/> reads API (document) bodies inside its retry scope: a connection dropped,
/// cut short or stalled mid-body is retried for idempotent calls, never for a POST that may have been processed, and
/// streamed bodies (binary media types, opted-out requests, bodies past the cap) are left alone. Real HTTP against the emulator.
/// </summary>
public sealed class ResilienceHandlerResponseBodyTests : IAsyncLifetime
{
    private const string ListingBlob = "api/listing.json";
    private ProviderEmulator _emulator = null!;
    private byte[] _listing = null!;

    public async Task InitializeAsync()
    {
        _emulator = await ProviderEmulator.StartAsync();
        var page = new ListingPage(Enumerable.Range(0, 400).Select(i => "scene-" + i.ToString("D5", CultureInfo.InvariantCulture)).ToArray(), "cursor-2");
        _listing = JsonSerializer.SerializeToUtf8Bytes(page, ListingPageJsonContext.Default.ListingPage);
        _emulator.Blobs.Put(ListingBlob, _listing, "application/json");
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private HttpClient CreateClient(Action<HttpRetryOptions>? configure = null, TimeProvider? clock = null)
    {
        var retry = new HttpRetryOptions
        {
            ProviderName = "testprov",
            MaxAttempts = 4,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            PerAttemptTimeout = TimeSpan.FromSeconds(5),
            ResponseIdleTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(retry);
        return ProviderHttpPipeline.CreateClient(_emulator.BaseUri, ProviderHttpPipeline.CreateStandardHandlers(retry, timeProvider: clock ?? TimeProvider.System));
    }

    private async Task<ListingPage> GetListingAsync(HttpClient client, HttpCompletionOption completion = HttpCompletionOption.ResponseHeadersRead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl(ListingBlob)).WithOperation("GET /listing");
        using var response = await client.SendAsync(request, completion);
        return await ProviderJson.ReadAsync(response, ListingPageJsonContext.Default.ListingPage, "testprov");
    }

    public static TheoryData<int> Offsets() => new() { 0, 1, 10, 1000, 4000, -1 };

    [Theory]
    [MemberData(nameof(Offsets))]
    public async Task A_listing_dropped_mid_body_is_retried_and_read_whole(int offset)
    {
        var cut = offset < 0 ? _listing.Length - 1 : offset;
        _emulator.Faults.OnBlob(ListingBlob).AbortAfterBytes(cut, 2);
        using var client = CreateClient();

        var page = await GetListingAsync(client);

        Assert.Equal(400, page.Items.Count);
        Assert.Equal("cursor-2", page.Next);
        var log = _emulator.Requests.ForBlob(ListingBlob);
        Assert.Equal(3, log.Count);
        Assert.Equal(2, log.Count(e => e.Aborted));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2000)]
    [InlineData(-1)]
    public async Task A_listing_reset_after_its_headers_and_first_bytes_reached_the_client_is_retried(int offset)
    {
        // Deterministically after the headers: the bytes are flushed and given time to arrive before the reset.
        var cut = offset < 0 ? _listing.Length - 1 : offset;
        _emulator.Faults.OnBlob(ListingBlob).OnRequest(ctx => WritePartThenResetAsync(ctx, _listing, cut), times: 2);
        using var client = CreateClient();

        var page = await GetListingAsync(client);

        Assert.Equal(400, page.Items.Count);
        Assert.Equal(3, await CountAsync(ListingBlob, 3));
    }

    [Fact]
    public async Task A_listing_dropped_mid_body_is_retried_with_ResponseContentRead_too()
    {
        _emulator.Faults.OnBlob(ListingBlob).AbortAfterBytes(100, 1);
        using var client = CreateClient();

        var page = await GetListingAsync(client, HttpCompletionOption.ResponseContentRead);

        Assert.Equal(400, page.Items.Count);
        Assert.Equal(2, _emulator.Requests.ForBlob(ListingBlob).Count);
    }

    [Fact]
    public async Task A_truncated_listing_is_retried()
    {
        _emulator.Faults.OnBlob(ListingBlob).TruncateBody(_listing.Length / 2, 1);
        using var client = CreateClient();

        var page = await GetListingAsync(client);

        Assert.Equal(400, page.Items.Count);
        Assert.Equal(2, _emulator.Requests.ForBlob(ListingBlob).Count);
    }

    [Fact]
    public async Task A_listing_that_stalls_mid_body_is_retried_after_the_idle_timeout()
    {
        _emulator.Faults.OnBlob(ListingBlob).OnRequest(StallAfterFirstBytesAsync, times: 1);
        using var client = CreateClient(o => o.ResponseIdleTimeout = TimeSpan.FromMilliseconds(300));

        var page = await GetListingAsync(client).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(400, page.Items.Count);
        Assert.Equal(2, await CountAsync(ListingBlob, 2));
    }

    [Fact]
    public async Task A_listing_dropped_every_time_ends_in_a_typed_error_naming_the_provider_call_and_cause()
    {
        _emulator.Faults.OnBlob(ListingBlob).AbortAfterBytes(10, int.MaxValue);
        using var client = CreateClient(o => o.MaxAttempts = 3);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.SendForJsonAsync(
            new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl(ListingBlob)).WithOperation("GET /listing"),
            ListingPageJsonContext.Default.ListingPage, "testprov"));

        Assert.Equal("testprov", ex.Provider);
        Assert.Equal("GET /listing", ex.Operation);
        Assert.Equal(0, ex.Status);
        // The last attempt breaks off either mid-body or (when the reset overtakes the bytes) before the headers.
        Assert.True(ex.Message.Contains("broke off after", StringComparison.Ordinal) || ex.Message.Contains("reset", StringComparison.Ordinal), ex.ToString());
        Assert.Equal(3, await CountAsync(ListingBlob, 3));
    }

    [Fact]
    public async Task A_POST_whose_answer_is_dropped_mid_body_is_not_sent_again()
    {
        const string path = "/testprov/orders";
        _emulator.Faults.On(path).AbortAfterBytes(5, 1);
        _emulator.Faults.On(path).OnRequest(ctx => WriteJsonAsync(ctx, _listing));
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.SendForJsonAsync(
            new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.BaseUri, path)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") }.WithOperation("POST /orders"),
            ListingPageJsonContext.Default.ListingPage, "testprov"));

        Assert.Equal("POST /orders", ex.Operation);
        Assert.Single(_emulator.Requests.ForPath(path));
    }

    [Fact]
    public async Task A_POST_marked_as_a_query_is_retried_when_its_answer_is_dropped()
    {
        const string path = "/testprov/search";
        _emulator.Faults.On(path).AbortAfterBytes(5, 1);
        _emulator.Faults.On(path).OnRequest(ctx => WriteJsonAsync(ctx, _listing));
        using var client = CreateClient(o => o.RetryNonIdempotentMethods = true);

        var page = await client.SendForJsonAsync(
            new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.BaseUri, path)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") },
            ListingPageJsonContext.Default.ListingPage, "testprov");

        Assert.Equal(400, page.Items.Count);
        Assert.Equal(2, _emulator.Requests.ForPath(path).Count);
    }

    [Fact]
    public async Task A_binary_body_streams_from_the_headers_and_is_not_buffered()
    {
        var blob = _emulator.Blobs.PutGenerated("data/scene.tif", 3 * 1024 * 1024, seed: 7, contentType: "image/tiff");
        _emulator.Faults.OnBlob("data/scene.tif").AbortAfterBytes(100_000, 1);
        using var client = CreateClient();

        using var response = await client.GetAsync(_emulator.Blobs.GetUrl("data/scene.tif"), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();

        // The drop reaches the caller (who resumes with Range, as the downloader does); nothing was read behind its back.
        await Assert.ThrowsAnyAsync<Exception>(() => body.CopyToAsync(Stream.Null));
        Assert.Single(_emulator.Requests.ForBlob("data/scene.tif"));
        Assert.Equal(3 * 1024 * 1024, blob.Length);
    }

    [Fact]
    public async Task A_request_marked_as_streamed_is_not_buffered()
    {
        _emulator.Faults.OnBlob(ListingBlob).OnRequest(ctx => WritePartThenResetAsync(ctx, _listing, 2000), times: 1);
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Blobs.GetUrl(ListingBlob));
        request.Options.Set(ResilienceHandler.StreamResponseOption, true);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => ProviderJson.ReadAsync(response, ListingPageJsonContext.Default.ListingPage, "testprov"));

        Assert.Equal(0, ex.Status);
        await LoggedAsync(ListingBlob);
        Assert.Single(_emulator.Requests.ForBlob(ListingBlob));
    }

    [Fact]
    public async Task A_body_of_unknown_length_past_the_cap_is_handed_back_whole()
    {
        const string path = "/testprov/big";
        _emulator.Faults.On(path).OnRequest(ctx => WriteJsonAsync(ctx, _listing, chunked: true));
        using var client = CreateClient(o => o.MaxBufferedResponseBytes = 1000);

        var page = await client.SendForJsonAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.BaseUri, path)), ListingPageJsonContext.Default.ListingPage, "testprov");

        Assert.Equal(400, page.Items.Count);
        Assert.Single(_emulator.Requests.ForPath(path));
    }

    [Fact]
    public async Task A_body_with_a_Content_Length_past_the_cap_streams()
    {
        _emulator.Faults.OnBlob(ListingBlob).OnRequest(ctx => WritePartThenResetAsync(ctx, _listing, 2000), times: 1);
        using var client = CreateClient(o => o.MaxBufferedResponseBytes = 1000);

        var error = await Record.ExceptionAsync(() => GetListingAsync(client));
        Assert.True(error is ProviderRequestException, string.Join("\n", _emulator.Requests.Snapshot()) + error);
        await LoggedAsync(ListingBlob);
        Assert.Single(_emulator.Requests.ForBlob(ListingBlob));
    }

    [Fact]
    public void The_buffer_cap_is_validated()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ResilienceHandler(new HttpRetryOptions { MaxBufferedResponseBytes = -1 }));
        Assert.Contains("MaxBufferedResponseBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderJson_measures_an_HTTP_date_Retry_After_on_the_handlers_clock()
    {
        // The virtual clock is far from the system clock: against the system clock this date is years in the future or past.
        var clock = new VirtualClock(new DateTimeOffset(2031, 5, 4, 3, 2, 1, TimeSpan.Zero));
        var date = clock.GetUtcNow().AddSeconds(40).ToString("R", CultureInfo.InvariantCulture);
        _emulator.Faults.OnBlob(ListingBlob).RespondWithStatus(429, int.MaxValue, retryAfter: date);
        using var client = CreateClient(o => o.MaxAttempts = 1, clock);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => GetListingAsync(client));

        Assert.Equal(429, ex.Status);
        Assert.Equal(TimeSpan.FromSeconds(40), ex.RetryAfter);
    }

    [Fact]
    public async Task ProviderJson_uses_an_explicit_clock_for_an_HTTP_date_Retry_After()
    {
        var clock = new VirtualClock(new DateTimeOffset(2031, 5, 4, 3, 2, 1, TimeSpan.Zero));
        var date = clock.GetUtcNow().AddSeconds(90).ToString("R", CultureInfo.InvariantCulture);
        _emulator.Faults.OnBlob(ListingBlob).RespondWithStatus(503, 1, retryAfter: date);
        using var plain = new HttpClient();

        using var response = await plain.GetAsync(_emulator.Blobs.GetUrl(ListingBlob));
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() =>
            ProviderJson.ReadAsync(response, ListingPageJsonContext.Default.ListingPage, "testprov", "GET /listing", null, clock));

        Assert.Equal(TimeSpan.FromSeconds(90), ex.RetryAfter);
    }

    private async Task<int> CountAsync(string blob, int atLeast) =>
        (await _emulator.Requests.WaitForCountAsync(e => e.Path.EndsWith(blob, StringComparison.Ordinal), atLeast)).Count;

    private static async Task<bool> WriteJsonAsync(HttpContext context, byte[] body, bool chunked = false)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (!chunked)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
            return true;
        }

        for (var i = 0; i < body.Length; i += 512)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(i, Math.Min(512, body.Length - i)));
            await context.Response.Body.FlushAsync();
        }

        return true;
    }

    private static async Task<bool> WritePartThenResetAsync(HttpContext context, byte[] body, int bytes)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, bytes));
        await context.Response.Body.FlushAsync();
        await Task.Delay(150);
        context.Abort();
        return true;
    }

    private async Task<bool> StallAfterFirstBytesAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = _listing.Length;
        await context.Response.Body.WriteAsync(_listing.AsMemory(0, 50));
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up on the stalled body: that is the point.
        }

        return true;
    }
    /// <summary>
    /// Waits until the emulator has logged a request for the blob: after a reset the client can see the error before
    /// the server's pipeline has written its log entry.
    /// </summary>
    private Task LoggedAsync(string blob) =>
        _emulator.Requests.WaitForAsync(e =>
            string.Equals(e.Path, EmulatorBlobStore.BlobsPathPrefix + blob, StringComparison.Ordinal) ||
            string.Equals(e.Path, EmulatorBlobStore.SignedPathPrefix + blob, StringComparison.Ordinal));
}
