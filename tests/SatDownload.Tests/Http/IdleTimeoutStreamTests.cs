using System.Diagnostics;
using System.Security.Cryptography;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

public class IdleTimeoutStreamTests
{
    [Fact]
    public async Task A_body_that_stalls_fails_with_a_clear_TimeoutException()
    {
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            ctx.Response.ContentLength = 1000;
            await ctx.Response.Body.WriteAsync(new byte[100], ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await client.GetAsync(new Uri(server.BaseUri, "file.tif?sig=abcdef123456"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(), TimeSpan.FromMilliseconds(300),
            description: "https://bucket.example/file.tif?sig=abcdef123456");
        var buffer = new byte[4096];
        var received = 0;
        var sw = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        });

        Assert.Equal(100, received);
        Assert.Contains("No data received for 0.3 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("file.tif?sig=***", ex.Message, StringComparison.Ordinal);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public async Task A_slow_but_steady_body_is_read_completely()
    {
        var data = RandomNumberGenerator.GetBytes(4000);
        await using var server = await LoopbackServer.StartAsync(async (ctx, n) =>
        {
            ctx.Response.ContentLength = data.Length;
            for (var i = 0; i < data.Length; i += 1000)
            {
                await ctx.Response.Body.WriteAsync(data.AsMemory(i, 1000), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await Task.Delay(100, ctx.RequestAborted);
            }
        });
        using var client = new HttpClient();
        using var response = await client.GetAsync(server.BaseUri, HttpCompletionOption.ResponseHeadersRead);
        await using var body = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(), TimeSpan.FromSeconds(2));
        using var copy = new MemoryStream();

        await body.CopyToAsync(copy);

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(copy.ToArray()));
    }

    [Fact]
    public void Synchronous_reads_of_a_stalled_stream_time_out_too()
    {
        using var stalled = new StallingStream();
        using var body = new IdleTimeoutStream(stalled, TimeSpan.FromMilliseconds(200));

        var ex = Assert.Throws<TimeoutException>(() => body.Read(new byte[10], 0, 10));

        Assert.Contains("No data received", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_stays_a_cancellation()
    {
        using var stalled = new StallingStream();
        await using var body = new IdleTimeoutStream(stalled, TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await body.ReadAsync(new byte[10], cts.Token));
    }

    /// <summary>Never returns data until disposed (like a stalled socket).</summary>
    private sealed class StallingStream : Stream
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _disposedEvent = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            _disposedEvent.Wait(TimeSpan.FromSeconds(30));
            throw new ObjectDisposedException(nameof(StallingStream));
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _disposed.Task.WaitAsync(cancellationToken);
            throw new ObjectDisposedException(nameof(StallingStream));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult();
            _disposedEvent.Set();
            base.Dispose(disposing);
        }
    }
}
