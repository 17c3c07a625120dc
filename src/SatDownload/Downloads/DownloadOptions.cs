namespace SatDownload;

/// <summary>
/// How one <see cref="AssetDownloader.DownloadAsync(IEnumerable{ImageryAsset}, string, DownloadOptions?, IProgress{DownloadProgress}?, CancellationToken)"/>
/// call downloads: concurrency, segmenting, buffers, what to do with existing files, verification, naming, budget and retries.
/// </summary>
/// <remarks>Immutable; derive variants with <c>with</c>. Values are validated when a download starts, before any request.</remarks>
public sealed record DownloadOptions
{
    /// <summary>The default file name template.</summary>
    public const string DefaultFileNameTemplate = "{provider}/{productId}/{assetKey}{extension}";

    /// <summary>The defaults.</summary>
    public static DownloadOptions Default { get; } = new();

    /// <summary>How many files download at once. Default 4.</summary>
    public int MaxConcurrentDownloads { get; init; } = 4;

    /// <summary>
    /// How many connections one file may use for parallel ranged segments. Default 4. Splitting happens only when the
    /// server honours ranges, the size is known and the file is larger than <see cref="SegmentSizeBytes"/>.
    /// </summary>
    public int MaxConnectionsPerFile { get; init; } = 4;

    /// <summary>
    /// Adaptive splitting: a file starts on one connection, read in file order (so its SHA-256 is computed while it
    /// streams, with no second read of the file), and the other connections (up to <see cref="MaxConnectionsPerFile"/>)
    /// open as soon as that connection, measured over windows of about a quarter of a second, delivers less than this
    /// many bytes per second. Default 256 MiB/s: on the internet, where one connection to object storage rarely reaches
    /// that, every connection opens within the first quarter second; on a link where one connection already runs faster,
    /// more connections only add work (segments that finish out of order are read back from the file to be hashed).
    /// Null opens every connection as soon as the server has confirmed that it honours ranges.
    /// </summary>
    /// <remarks>
    /// Measured on loopback on 2 cores (docs/performance.md): one connection downloads a 1 GiB file about 10 % faster
    /// than four opened at once. A connection slower than a quarter of the threshold is judged after 50 ms (a server
    /// that paces each connection to 25 MB/s gets the other connections that soon); one merely below it, after a
    /// quarter second. A connection running alone that was measured fast fetches up to four planned segments per
    /// request, and keeps being measured: if it slows down later, or a fault breaks it, the other connections open then
    /// and share what is left.
    /// </remarks>
    public long? AddConnectionsBelowBytesPerSecond { get; init; } = 256L * 1024 * 1024;

    /// <summary>The size of one ranged segment. Default 16 MiB; at least 64 KiB.</summary>
    public long SegmentSizeBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// The pooled buffer per connection: it is filled from the socket, then written and hashed in one piece. Default 1 MiB
    /// (fewer writes and hand-overs per byte: faster than 128 KiB on a fast link, docs/performance.md); a smaller body
    /// uses a buffer of its own size. Between 4 KiB and 16 MiB. A connection holds at most two buffers at a time.
    /// </summary>
    public int BufferSize { get; init; } = 1024 * 1024;

    /// <summary>What to do when the file, or a partial download of it, exists. Default <see cref="SatDownload.ExistingFilePolicy.Resume"/>.</summary>
    public ExistingFilePolicy ExistingFilePolicy { get; init; } = ExistingFilePolicy.Resume;

    /// <summary>Verify provider checksums (MD5, SHA-256, S3 single-part ETag) when present. Default true.</summary>
    public bool VerifyChecksums { get; init; } = true;

    /// <summary>Compute each file's SHA-256 (reported in <see cref="DownloadResult.Sha256"/>). Default true.</summary>
    public bool ComputeSha256 { get; init; } = true;

    /// <summary>
    /// Where each file goes, relative to the destination directory. Tokens: <c>{provider}</c>, <c>{productId}</c>,
    /// <c>{assetKey}</c>, <c>{fileName}</c> (the suggested or URL file name), <c>{extension}</c> (with its dot, or empty),
    /// <c>{acquired}</c> (acquisition date, <c>yyyyMMdd</c>). <c>/</c> in the template separates folders; token values are
    /// sanitised so that they can never add folders or leave the destination.
    /// </summary>
    public string FileNameTemplate { get; init; } = DefaultFileNameTemplate;

    /// <summary>Limits on bytes, files and provider cost; checked before the first byte and enforced while downloading. Null: unlimited.</summary>
    public DownloadBudget? Budget { get; init; }

    /// <summary>
    /// The maximum number of attempts per asset that make no progress (a fault after new bytes were written does not
    /// count, so a flaky link that keeps delivering finishes). Default 6.
    /// </summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The first backoff delay; doubled per consecutive failure, with jitter. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest backoff delay. Default 30 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest <c>Retry-After</c> honoured; a longer one fails the attempt series instead of parking it. Default 5 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Stop at the first failed asset: the others are cancelled (their partial files stay resumable) and the failure is
    /// thrown. Default false: every asset gets its own <see cref="DownloadResult"/>.
    /// </summary>
    public bool StopOnFirstFailure { get; init; }

    /// <summary>Checks every value and throws a clear <see cref="ArgumentException"/> naming the option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The file name template is empty or rooted.</exception>
    public void Validate()
    {
        Require(MaxConcurrentDownloads is >= 1 and <= 256, nameof(MaxConcurrentDownloads), MaxConcurrentDownloads, "between 1 and 256");
        Require(MaxConnectionsPerFile is >= 1 and <= 64, nameof(MaxConnectionsPerFile), MaxConnectionsPerFile, "between 1 and 64");
        Require(AddConnectionsBelowBytesPerSecond is null or >= 1, nameof(AddConnectionsBelowBytesPerSecond), AddConnectionsBelowBytesPerSecond, "null or at least 1");
        Require(SegmentSizeBytes >= 64 * 1024, nameof(SegmentSizeBytes), SegmentSizeBytes, "at least 65536 (64 KiB)");
        Require(BufferSize is >= 4096 and <= 16 * 1024 * 1024, nameof(BufferSize), BufferSize, "between 4096 and 16777216");
        Require(MaxAttempts is >= 1 and <= 100, nameof(MaxAttempts), MaxAttempts, "between 1 and 100");
        Require(RetryBaseDelay >= TimeSpan.Zero, nameof(RetryBaseDelay), RetryBaseDelay, "zero or positive");
        Require(RetryMaxDelay >= RetryBaseDelay, nameof(RetryMaxDelay), RetryMaxDelay, "at least RetryBaseDelay");
        Require(MaxRetryAfter >= TimeSpan.Zero, nameof(MaxRetryAfter), MaxRetryAfter, "zero or positive");
        if (!Enum.IsDefined(ExistingFilePolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(ExistingFilePolicy), ExistingFilePolicy, "DownloadOptions.ExistingFilePolicy is not a defined value.");
        }

        if (string.IsNullOrWhiteSpace(FileNameTemplate))
        {
            throw new ArgumentException("DownloadOptions.FileNameTemplate is empty; use for example \"" + DefaultFileNameTemplate + "\".", nameof(FileNameTemplate));
        }

        if (Path.IsPathRooted(FileNameTemplate) || FileNameTemplate.StartsWith('/') || FileNameTemplate.StartsWith('\\'))
        {
            throw new ArgumentException(
                $"DownloadOptions.FileNameTemplate '{FileNameTemplate}' is an absolute path; it must be relative to the destination directory.",
                nameof(FileNameTemplate));
        }
    }

    private static void Require<T>(bool condition, string name, T value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"DownloadOptions.{name} must be {rule}.");
        }
    }
}
