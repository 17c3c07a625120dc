using System.Globalization;
using Microsoft.AspNetCore.Http;
using SatDownload.Testing;

namespace SatDownload.Benchmarks.Soak;

/// <summary>
/// Seeded decisions for the provider soak: which requests (any route, API or data) get which fault. API routes get a
/// 429 in the provider's own Retry-After form (Sentinel Hub milliseconds, ICEYE and EOS seconds, ClearSKY an HTTP date,
/// Capella's gateway JSON body without Retry-After) or a 500/502/503/504; data routes (emulator blobs, plain or signed)
/// also get a connection dropped mid-body or a truncated body (Content-Length larger than what is sent), and signed URLs an
/// expired-URL 403 (answered by the adapter's resolver signing again).
/// </summary>
internal sealed class SoakFaultPlan(int seed, double rate, TimeProvider clock)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _apiRequests;
    private int _dataRequests;

    /// <summary>The emulator's blob store, set once the emulator has started (drop and truncate replay its bytes).</summary>
    public EmulatorBlobStore? Blobs { get; set; }

    public int ApiRequests => Volatile.Read(ref _apiRequests);

    public int DataRequests => Volatile.Read(ref _dataRequests);

    public string Summary()
    {
        lock (_gate)
        {
            return string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")) + $" (total {_counts.Values.Sum()})";
        }
    }

    public async Task<bool> MaybeInjectAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var prefix = path.StartsWith(EmulatorBlobStore.SignedPathPrefix, StringComparison.Ordinal) ? EmulatorBlobStore.SignedPathPrefix
            : path.StartsWith(EmulatorBlobStore.BlobsPathPrefix, StringComparison.Ordinal) ? EmulatorBlobStore.BlobsPathPrefix
            : null;
        var provider = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        Interlocked.Increment(ref prefix is null ? ref _apiRequests : ref _dataRequests);
        int kind;
        double fraction;
        lock (_gate)
        {
            if (_random.NextDouble() >= rate)
            {
                return false;
            }

            // An expired-URL 403 only makes sense on a signed URL; plain blob URLs (Sentinel Hub thumbnails) get the others.
            kind = _random.Next(prefix is null ? 5 : prefix == EmulatorBlobStore.SignedPathPrefix ? 8 : 7);
            fraction = _random.NextDouble();
            var name = kind switch { 0 => "429", 1 => "500", 2 => "502", 3 => "503", 4 => "504", 5 => "drop", 6 => "truncate", _ => "expired-403" };
            name = (prefix is null ? "api " : "data ") + name;
            _counts[name] = _counts.GetValueOrDefault(name) + 1;
        }

        var response = context.Response;
        switch (kind)
        {
            case 0:
                response.StatusCode = 429;
                switch (provider)
                {
                    case "sentinel-hub":
                        response.Headers.RetryAfter = "300";
                        response.ContentType = "application/json";
                        await response.WriteAsync("""{"error":{"status":429,"reason":"Too Many Requests","message":"You have exceeded your rate limit","code":"RATE_LIMIT_EXCEEDED"}}""");
                        break;
                    case "clearsky":
                        response.Headers.RetryAfter = clock.GetUtcNow().AddSeconds(2).ToString("R", CultureInfo.InvariantCulture);
                        break;
                    case "capella":
                        response.ContentType = "application/json";
                        await response.WriteAsync("""{"message":"Too Many Requests"}""");
                        break;
                    default:
                        response.Headers.RetryAfter = "1";
                        break;
                }

                return true;
            case 1 or 2 or 3 or 4:
                response.StatusCode = kind switch { 1 => 500, 2 => 502, 3 => 503, _ => 504 };
                return true;
            case 7:
                response.StatusCode = 403;
                response.ContentType = "text/plain";
                await response.WriteAsync("Request has expired");
                return true;
        }

        // Drop or truncate: a full 200 (ignoring any Range), part of the body, then a reset or an early end.
        var name2 = string.Join('/', path[prefix!.Length..].Split('/').Select(Uri.UnescapeDataString));
        if (Blobs is null || !Blobs.TryGet(name2, out var blob))
        {
            response.StatusCode = 503;
            return true;
        }

        var bytes = blob.ToArray();
        response.StatusCode = 200;
        response.ContentType = blob.ContentType;
        response.ContentLength = bytes.Length;
        response.Headers.ETag = blob.ETag;
        response.Headers.AcceptRanges = "bytes";
        await response.Body.WriteAsync(bytes.AsMemory(0, (int)(bytes.Length * fraction * 0.9)));
        await response.Body.FlushAsync();
        if (kind == 5)
        {
            context.Abort();
        }

        return true;
    }
}
