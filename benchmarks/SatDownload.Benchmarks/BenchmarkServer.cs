using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SatDownload.Benchmarks;

/// <summary>
/// The loopback file server the benchmark runs in its own process: <c>GET /data/{size}/{name}</c> with single byte
/// ranges, a strong ETag, optional per-response pacing (<c>?rate=</c> bytes per second, i.e. per connection, since a
/// connection carries one response at a time) and optional connection drops every N bytes served for that URL path
/// (<c>?drop=</c>); <c>GET /stats</c> returns the total body bytes served.
/// </summary>
internal static class BenchmarkServer
{
    private const int ChunkSize = 256 * 1024;
    private static readonly ConcurrentDictionary<string, long> ServedPerPath = new(StringComparer.Ordinal);
    private static long _totalServed;

    public static async Task RunAsync()
    {
        _ = PatternContent.Block;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0);
            k.Limits.MaxResponseBufferSize = 4 * 1024 * 1024;
        });
        var app = builder.Build();
        app.MapGet("/stats", () => Interlocked.Read(ref _totalServed).ToString(CultureInfo.InvariantCulture));
        app.MapMethods("/data/{size:long}/{name}", new[] { "GET", "HEAD" }, ServeAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        Console.WriteLine("URL=" + address);
        Console.Out.Flush();

        // Runs until the parent closes our stdin.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    private static async Task ServeAsync(HttpContext context, long size, string name)
    {
        var request = context.Request;
        var response = context.Response;
        var etag = "\"pattern-" + size.ToString(CultureInfo.InvariantCulture) + "\"";
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = etag;
        response.Headers.LastModified = "Thu, 01 Jan 2026 00:00:00 GMT";
        response.ContentType = "application/octet-stream";
        long start = 0, end = size - 1;
        var range = request.Headers.Range.ToString();
        var ifRange = request.Headers.IfRange.ToString();
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != etag && ifMatch != "*")
        {
            response.StatusCode = 412;
            return;
        }

        if (range.StartsWith("bytes=", StringComparison.Ordinal) && (ifRange.Length == 0 || ifRange == etag))
        {
            var parts = range["bytes=".Length..].Split('-');
            start = long.Parse(parts[0], CultureInfo.InvariantCulture);
            if (parts[1].Length > 0)
            {
                end = Math.Min(end, long.Parse(parts[1], CultureInfo.InvariantCulture));
            }

            if (start >= size)
            {
                response.StatusCode = 416;
                response.Headers.ContentRange = "bytes */" + size.ToString(CultureInfo.InvariantCulture);
                return;
            }

            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {start}-{end}/{size}";
        }

        var count = end - start + 1;
        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Method) || count == 0)
        {
            return;
        }

        var rate = long.TryParse(request.Query["rate"], CultureInfo.InvariantCulture, out var r) ? r : 0;
        var drop = long.TryParse(request.Query["drop"], CultureInfo.InvariantCulture, out var d) ? d : 0;
        var key = request.Path.Value!;
        var block = PatternContent.Block;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var chunk = rate > 0 ? 64 * 1024 : ChunkSize;
        long sent = 0;
        var aborted = context.RequestAborted;
        while (sent < count && !aborted.IsCancellationRequested)
        {
            var pos = start + sent;
            var offset = (int)(pos % PatternContent.BlockSize);
            var n = (int)Math.Min(Math.Min(chunk, PatternContent.BlockSize - offset), count - sent);
            var cut = false;
            if (drop > 0)
            {
                var before = ServedPerPath.AddOrUpdate(key, n, (_, v) => v + n) - n;
                var boundary = ((before / drop) + 1) * drop;
                if (before + n >= boundary)
                {
                    n = (int)(boundary - before);
                    cut = true;
                }
            }

            try
            {
                await response.Body.WriteAsync(block.AsMemory(offset, n), aborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                return;
            }

            sent += n;
            Interlocked.Add(ref _totalServed, n);
            if (cut)
            {
                await response.Body.FlushAsync(CancellationToken.None);
                context.Abort();
                return;
            }

            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds((double)sent / rate);
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (due > elapsed)
                {
                    try
                    {
                        await Task.Delay(due - elapsed, aborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }
}
