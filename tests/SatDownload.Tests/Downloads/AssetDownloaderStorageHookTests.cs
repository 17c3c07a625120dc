using SatDownload.Http;
using SatDownload.Testing;

namespace SatDownload.Tests.Downloads;

/// <summary>
/// The provider hooks on <see cref="DownloadLocation"/>: <see cref="DownloadLocation.OnResponse"/> sees every storage
/// response's status and headers; <see cref="DownloadLocation.ErrorDecoder"/> turns a provider's error body into the
/// exception's details, and can mark it retryable.
/// </summary>
public sealed class AssetDownloaderStorageHookTests
{
    private static ImageryAsset PostAsset(Uri endpoint, Func<ProviderErrorBody, DecodedProviderError?>? decoder, Action<StorageResponse>? observer) => new()
    {
        Provider = "test",
        ProductId = "p1",
        AssetKey = "render",
        SuggestedFileName = "render.tif",
        Resolver = new DelegateSignedUrlResolver((_, _, _) => ValueTask.FromResult(new DownloadLocation(endpoint)
        {
            Method = HttpMethod.Post,
            Body = "{\"evalscript\":\"...\"}"u8.ToArray(),
            BodyContentType = "application/json",
            AllowRanges = false,
            ErrorDecoder = decoder,
            OnResponse = observer,
        })),
    };

    private static DecodedProviderError? DecodeRendererError(ProviderErrorBody body) =>
        body.TryParseJson(out var root) && root.TryGetProperty("error", out var error)
            ? new DecodedProviderError
            {
                ErrorCode = error.GetProperty("code").GetString(),
                Message = error.GetProperty("message").GetString(),
                IsRetryable = error.TryGetProperty("retry", out var retry) && retry.GetBoolean(),
            }
            : null;

    [Fact]
    public async Task OnResponse_sees_the_headers_of_a_POST_produced_file()
    {
        await using var h = await DownloadHarness.StartAsync();
        var content = GeneratedContent.Generate(81, 250_000);
        h.Emulator.Faults.On("/process").OnRequest(async ctx =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.Headers["x-processingunits-spent"] = "3.25";
            ctx.Response.ContentLength = content.Length;
            await ctx.Response.Body.WriteAsync(content);
            return true;
        });
        var seen = new List<StorageResponse>();

        var result = await h.CreateDownloader().DownloadAsync(
            PostAsset(new Uri(h.Emulator.BaseUri, "process"), DecodeRendererError, seen.Add), h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(81, 250_000), 250_000);
        var response = Assert.Single(seen);
        Assert.Equal(200, response.StatusCode);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("3.25", response.GetHeader("x-processingunits-spent"));
        Assert.Equal(250_000, response.ContentHeaders?.ContentLength);
        Assert.Same(result.Asset, response.Asset);
    }

    [Fact]
    public async Task ErrorDecoder_puts_the_providers_code_and_message_into_the_exception()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Faults.On("/process").RespondWithStatus(
            400, times: 1, body: "{\"error\":{\"code\":\"RENDERER_EXCEPTION\",\"message\":\"Output size exceeds 2500 px\"}}", contentType: "application/json");
        var statuses = new List<int>();

        var result = await h.CreateDownloader().DownloadAsync(
            PostAsset(new Uri(h.Emulator.BaseUri, "process"), DecodeRendererError, r => statuses.Add(r.StatusCode)), h.Directory, DownloadHarness.Fast);

        Assert.False(result.Succeeded);
        var ex = Assert.IsType<ProviderRequestException>(result.Exception);
        Assert.Equal(400, ex.Status);
        Assert.Equal("RENDERER_EXCEPTION", ex.ErrorCode);
        Assert.Contains("Output size exceeds 2500 px", ex.Message, StringComparison.Ordinal);
        Assert.Contains("render", ex.Message, StringComparison.Ordinal);
        Assert.Equal([400], statuses);
        Assert.Single(h.Emulator.Requests.ForPath("/process"));
        Assert.False(File.Exists(result.FilePath));
        Assert.False(File.Exists(result.FilePath + ".part"));
    }

    [Fact]
    public async Task ErrorDecoder_that_calls_an_error_retryable_gets_the_request_retried()
    {
        await using var h = await DownloadHarness.StartAsync();
        var content = GeneratedContent.Generate(82, 120_000);
        var calls = 0;
        h.Emulator.Faults.On("/process").OnRequest(async ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ctx.Response.StatusCode = 409;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.Body.WriteAsync("{\"error\":{\"code\":\"NOT_READY\",\"message\":\"composite still rendering\",\"retry\":true}}"u8.ToArray());
                return true;
            }

            ctx.Response.StatusCode = 200;
            ctx.Response.ContentLength = content.Length;
            await ctx.Response.Body.WriteAsync(content);
            return true;
        });

        var result = await h.CreateDownloader().DownloadAsync(
            PostAsset(new Uri(h.Emulator.BaseUri, "process"), DecodeRendererError, null), h.Directory, DownloadHarness.Fast);

        DownloadHarness.AssertDownloaded(result, GeneratedContent.ComputeSha256Hex(82, 120_000), 120_000);
        Assert.Equal(2, h.Emulator.Requests.ForPath("/process").Count);
    }

    [Fact]
    public async Task A_throwing_decoder_or_observer_does_not_hide_the_real_error()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Emulator.Faults.On("/process").RespondWithStatus(403, times: 10, body: "{\"message\":\"quota exhausted\"}", contentType: "application/json");

        var result = await h.CreateDownloader().DownloadAsync(
            PostAsset(new Uri(h.Emulator.BaseUri, "process"), _ => throw new FormatException("bad shape"), _ => throw new InvalidOperationException("observer bug")),
            h.Directory,
            DownloadHarness.Fast);

        var ex = Assert.IsType<ProviderRequestException>(result.Exception);
        Assert.Equal(403, ex.Status);
        Assert.Contains("quota exhausted", ex.Message, StringComparison.Ordinal); // the common JSON shape still decodes it
    }
}
