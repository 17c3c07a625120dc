using Microsoft.Extensions.Logging;

namespace SatDownload;

/// <summary>Settings of an <see cref="AssetDownloader"/> that hold for every call: clock, logging, timeouts, defaults.</summary>
public sealed class AssetDownloaderOptions
{
    /// <summary>
    /// The clock for backoff delays and signed-URL expiry; <see cref="TimeProvider.System"/> when null. The read-idle
    /// timeout always runs on real time, because a virtual clock must not cut a live connection.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Logging; nothing is logged when null. Signed URLs are always redacted.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>A body that delivers no byte for this long is cut and resumed. Default 30 seconds.</summary>
    public TimeSpan ReadIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for response headers of one request. Default 100 seconds.</summary>
    public TimeSpan ResponseHeadersTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The options used when a call passes none.</summary>
    public DownloadOptions DefaultDownloadOptions { get; set; } = DownloadOptions.Default;

    /// <summary>How many times per asset the resolver may be asked for a fresh location after an expiry or a 401/403. Default 5.</summary>
    public int MaxResolverRefreshes { get; set; } = 5;

    /// <summary>How long before a location's stated expiry it is re-resolved. Default 30 seconds.</summary>
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the partial file is flushed and its sidecar rewritten while bytes flow. Default 2 seconds.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A checkpoint is also taken once this many bytes arrived since the last one (a fast link writes much more than a
    /// checkpoint interval's worth). With <see cref="FlushToDisk"/>, each checkpoint's fsync runs in the background and
    /// starts the write-back early, so the fsync before the final rename has at most about this much left to write.
    /// Default 64 MiB; at least 1 MiB.
    /// </summary>
    public long CheckpointBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Force written bytes to the storage device (fsync) before each checkpoint and before the final rename. Default true:
    /// then not even a power loss can leave a file at its final name, or a sidecar claiming bytes, that never reached the
    /// disk. When false, a process crash still loses nothing (the operating system holds the bytes) and large files
    /// finish faster on slow disks.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>
    /// At each checkpoint, tell the operating system that the bytes already on disk (and hashed) will not be
    /// read again, so their page-cache pages are reused. Default true: a download of many gigabytes then uses a bounded
    /// share of the page cache instead of evicting everything else the machine caches, and on virtual machines that return
    /// free memory to the host it writes faster (docs/performance.md). Only the part behind the last checkpoint is
    /// released, so a file's last tens of MiB stay cached (without <see cref="FlushToDisk"/>, one checkpoint later: only
    /// pages already written back can be dropped). Linux only (<c>posix_fadvise</c>).
    /// Set false to keep whole files cached for a reader that opens them right away.
    /// </summary>
    public bool ReleaseWrittenPages { get; set; } = true;

    /// <summary>
    /// Reserve each partial file's full size on disk as soon as the server states it, before the body is read. Default
    /// true: a file larger than the free space fails at once with an <see cref="IOException"/> that says so, instead of
    /// gigabytes later; the file is laid out in few extents; and writing costs the file system less CPU
    /// (docs/performance.md). The file's length still grows only as bytes are written; a cancelled download keeps its
    /// reservation until it is resumed or deleted. Linux only (<c>fallocate</c>; on a file system without it, only the
    /// free-space check runs); elsewhere files are written without a reservation. Set false on file systems whose free
    /// space understates what fits (compression, deduplication).
    /// </summary>
    public bool ReserveDiskSpace { get; set; } = true;

    /// <summary>
    /// How many redirects (301, 302, 303, 307, 308) one request may follow. Default 5; 0 treats a redirect as an error.
    /// The downloader follows redirects itself: a location's headers (credentials such as <c>Authorization</c> or
    /// <c>x-api-key</c>) are sent only to the scheme, host and port they were issued for, and an https location is never
    /// followed to plain http.
    /// </summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The User-Agent sent with download requests; the locations' own headers win. Null sends the client's default.</summary>
    public string? UserAgent { get; set; } = "SatDownload/" + (typeof(AssetDownloaderOptions).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>The named client taken from an <see cref="System.Net.Http.IHttpClientFactory"/>. Default <c>SatDownload.Downloads</c>.</summary>
    public string HttpClientName { get; set; } = "SatDownload.Downloads";
}
