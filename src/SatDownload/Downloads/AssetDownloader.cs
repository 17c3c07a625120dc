using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SatDownload.Downloads;

namespace SatDownload;

/// <summary>
/// The one streaming downloader every provider adapter hands its assets to. Streams with pooled buffers into
/// <c>&lt;final&gt;.part</c> files, splits large files into parallel ranged segments, retries and resumes broken bodies
/// (<c>If-Range</c>, so a changed file restarts instead of mixing versions), re-resolves expired or refused signed
/// locations, honours <c>Retry-After</c>, enforces a <see cref="DownloadBudget"/>, verifies length and checksums, and
/// renames atomically. A later run, or another instance, continues partial files from their sidecar records.
/// </summary>
/// <remarks>
/// <para>Thread-safe; one instance can serve concurrent calls.</para>
/// <para>
/// The <see cref="HttpClient"/> should carry no authentication handlers (locations bring their own headers), should not
/// decompress bodies (ranges, sizes and checksums refer to the stored bytes), and should
/// not follow redirects itself (<see cref="SocketsHttpHandler.AllowAutoRedirect"/> false, as in
/// <see cref="Http.ProviderHttpPipeline.CreateDownloadPrimaryHandler"/> and the client registered by
/// <c>AddSatDownloadClient</c>). The downloader then follows redirects itself, up to
/// <see cref="AssetDownloaderOptions.MaxRedirects"/>: a location's headers go only to their own scheme, host and port,
/// and https is never followed to http. A client that follows redirects on its own applies .NET's rules instead,
/// which drop <c>Authorization</c> but forward every other header (for example <c>x-api-key</c>) to the new host; the
/// downloader notices afterwards and logs a warning (once per client) naming both origins and the headers' names.
/// Handlers that add credentials themselves (a bearer-token handler) add them to every hop the downloader sends.
/// </para>
/// </remarks>
public class AssetDownloader
{
    private readonly HttpClient? _httpClient;
    private readonly IHttpClientFactory? _httpClientFactory;
    private readonly AssetDownloaderOptions _settings = new();
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>Creates a downloader over an <see cref="HttpClient"/> (no DI needed).</summary>
    /// <param name="httpClient">The client; its handler should pool connections (the default <see cref="SocketsHttpHandler"/> does).</param>
    /// <param name="options">Downloader settings; defaults when null.</param>
    public AssetDownloader(HttpClient httpClient, AssetDownloaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _settings = Validate(options ?? new AssetDownloaderOptions());
        _logger = _settings.LoggerFactory?.CreateLogger<AssetDownloader>() ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates a downloader that takes its client from a factory (named <see cref="AssetDownloaderOptions.HttpClientName"/>).</summary>
    /// <param name="httpClientFactory">The factory.</param>
    /// <param name="options">Downloader settings; defaults when null.</param>
    public AssetDownloader(IHttpClientFactory httpClientFactory, AssetDownloaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _settings = Validate(options ?? new AssetDownloaderOptions());
        _httpClientFactory = httpClientFactory;
        _logger = _settings.LoggerFactory?.CreateLogger<AssetDownloader>() ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>For mocking.</summary>
    protected AssetDownloader()
    {
    }

    /// <summary>
    /// Downloads assets into <paramref name="destinationDirectory"/>, at most <see cref="DownloadOptions.MaxConcurrentDownloads"/>
    /// at a time, and returns one result per asset in input order. One failure does not stop the others unless
    /// <see cref="DownloadOptions.StopOnFirstFailure"/> is set.
    /// </summary>
    /// <param name="assets">The assets. An asset needs a <see cref="ImageryAsset.Resolver"/> or an http(s) <see cref="ImageryAsset.Href"/>.</param>
    /// <param name="destinationDirectory">The folder the file name template is expanded under; created when missing.</param>
    /// <param name="options">How to download; <see cref="AssetDownloaderOptions.DefaultDownloadOptions"/> when null.</param>
    /// <param name="progress">Receives per-asset and aggregate reports, at most ten a second each.</param>
    /// <param name="cancellationToken">Cancels the downloads; partial files stay resumable.</param>
    /// <returns>One result per asset, in the order given.</returns>
    /// <exception cref="ArgumentException">An asset cannot be downloaded (no resolver, no http(s) href), two assets map to one file, a name escapes the destination, or an option is invalid. Thrown before any request.</exception>
    /// <exception cref="BudgetExceededException">The files, known sizes or costs exceed <see cref="DownloadOptions.Budget"/>; nothing was downloaded.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public virtual async Task<IReadOnlyList<DownloadResult>> DownloadAsync(
        IEnumerable<ImageryAsset> assets,
        string destinationDirectory,
        DownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        // A factory's client is taken per call, so that handler rotation (DNS changes) applies to long-lived downloaders.
        var http = _httpClient ?? _httpClientFactory?.CreateClient(_settings.HttpClientName)
            ?? throw new InvalidOperationException("This AssetDownloader was created for mocking and has no HttpClient.");
        options ??= _settings.DefaultDownloadOptions;
        options.Validate();

        var list = assets.ToList();
        var paths = new string[list.Count];
        var seen = new Dictionary<string, ImageryAsset>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var asset = list[i] ?? throw new ArgumentException($"The asset at index {i} is null.", nameof(assets));
            EnsureDownloadable(asset);
            paths[i] = DownloadPathBuilder.Build(destinationDirectory, options.FileNameTemplate, asset);
            if (!seen.TryAdd(paths[i], asset))
            {
                throw new ArgumentException(
                    $"{seen[paths[i]].Identity} and {asset.Identity} would both be saved as '{paths[i]}'. Use a FileNameTemplate with {{assetKey}} and {{productId}}, or download them separately.",
                    nameof(assets));
            }
        }

        Directory.CreateDirectory(destinationDirectory);
        var budget = new BudgetTracker(options.Budget);
        await PreCheckBudgetAsync(http, list, paths, options, budget, cancellationToken).ConfigureAwait(false);

        var tracker = new ProgressTracker(progress);
        var progresses = list.Select(tracker.Track).ToArray();
        foreach (var p in progresses)
        {
            p.AnnounceQueued();
        }

        var results = new DownloadResult?[list.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;

        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, list.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentDownloads, CancellationToken = stop.Token },
                async (i, token) =>
                {
                    var transfer = new AssetTransfer(http, _settings, options, _logger, budget, progresses[i], list[i], paths[i]);
                    DownloadResult result;
                    try
                    {
                        result = await transfer.RunAsync(token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        return; // Stopped because another asset failed; its partial file stays resumable.
                    }

                    results[i] = result;
                    if (!result.Succeeded && options.StopOnFirstFailure && Interlocked.CompareExchange(ref firstFailure, result.Exception, null) is null)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (firstFailure is not null && !cancellationToken.IsCancellationRequested)
        {
            // Stopped on the first failure: reported below.
        }

        if (firstFailure is not null)
        {
            ExceptionDispatchInfo.Capture(firstFailure).Throw();
        }

        return results.Select((r, i) => r ?? new DownloadResult
        {
            Asset = list[i],
            FilePath = paths[i],
            Exception = new OperationCanceledException("The download was not started."),
        }).ToArray();
    }

    /// <summary>Downloads one asset; see the many-asset overload. Failures are reported in the result, not thrown.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="destinationDirectory">The destination folder.</param>
    /// <param name="options">How to download.</param>
    /// <param name="progress">Progress reports.</param>
    /// <param name="cancellationToken">Cancels the download; the partial file stays resumable.</param>
    /// <returns>The result.</returns>
    public virtual async Task<DownloadResult> DownloadAsync(
        ImageryAsset asset,
        string destinationDirectory,
        DownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var results = await DownloadAsync(new[] { asset }, destinationDirectory, options, progress, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    private static AssetDownloaderOptions Validate(AssetDownloaderOptions options)
    {
        if (options.ReadIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReadIdleTimeout, "AssetDownloaderOptions.ReadIdleTimeout must be positive.");
        }

        if (options.ResponseHeadersTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ResponseHeadersTimeout, "AssetDownloaderOptions.ResponseHeadersTimeout must be positive.");
        }

        if (options.MaxResolverRefreshes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxResolverRefreshes, "AssetDownloaderOptions.MaxResolverRefreshes must be zero or positive.");
        }

        if (options.MaxRedirects is < 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRedirects, "AssetDownloaderOptions.MaxRedirects must be between 0 and 20.");
        }

        if (options.CheckpointBytes < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointBytes, "AssetDownloaderOptions.CheckpointBytes must be at least 1048576 (1 MiB).");
        }

        if (options.CheckpointInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointInterval, "AssetDownloaderOptions.CheckpointInterval must be positive.");
        }

        ArgumentNullException.ThrowIfNull(options.DefaultDownloadOptions);
        options.DefaultDownloadOptions.Validate();
        return options;
    }

    private static void EnsureDownloadable(ImageryAsset asset)
    {
        if (asset.Resolver is not null)
        {
            return;
        }

        if (asset.Href is { IsAbsoluteUri: true } href && (href.Scheme == Uri.UriSchemeHttp || href.Scheme == Uri.UriSchemeHttps))
        {
            return;
        }

        throw new ArgumentException(
            $"{asset.Identity} cannot be downloaded: its Href is {(asset.Href is null ? "missing" : "'" + Redactor.RedactUri(asset.Href) + "', not an absolute http(s) URL,")} and it has no Resolver. Give it an http(s) Href or an ISignedUrlResolver (for example a DelegateSignedUrlResolver that presigns s3:// links).",
            "assets");
    }

    /// <summary>
    /// Checks the budget before the first byte: file count, costs, and sizes; sizes the listing lacks are probed with a
    /// one-byte ranged GET (never for POST-produced assets, whose request may cost).
    /// </summary>
    private async Task PreCheckBudgetAsync(HttpClient http, List<ImageryAsset> assets, string[] paths, DownloadOptions options, BudgetTracker budget, CancellationToken cancellationToken)
    {
        if (options.Budget is null)
        {
            return;
        }

        var work = new List<(long? Size, CostEstimate? Cost)>();
        for (var i = 0; i < assets.Count; i++)
        {
            var asset = assets[i];
            if (AssetTransfer.ShouldKeepExisting(asset, paths[i], options.ExistingFilePolicy == ExistingFilePolicy.Fail ? ExistingFilePolicy.Overwrite : options.ExistingFilePolicy))
            {
                continue;
            }

            var size = asset.Size;
            if (size is null && budget.LimitsBytes)
            {
                size = await ProbeSizeAsync(http, asset, cancellationToken).ConfigureAwait(false);
            }

            work.Add((size, asset.Cost));
        }

        budget.PreCheck(work);
    }

    private async Task<long?> ProbeSizeAsync(HttpClient http, ImageryAsset asset, CancellationToken cancellationToken)
    {
        try
        {
            var location = asset.Resolver is { } resolver
                ? await resolver.ResolveAsync(asset, SignedUrlResolveContext.Initial, cancellationToken).ConfigureAwait(false)
                : new DownloadLocation(asset.Href!);
            if (location.IsGeneratedByRequest)
            {
                return null;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.ResponseHeadersTimeout);
            var hop = DownloadRedirects.First(location);
            HttpResponseMessage response;
            while (true)
            {
                using (var request = DownloadRedirects.CreateRequest(location, hop, _settings.UserAgent))
                {
                    request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }

                if (!DownloadRedirects.IsRedirect(response.StatusCode))
                {
                    break;
                }

                using (response)
                {
                    hop = DownloadRedirects.Next(response, hop, _settings.MaxRedirects, asset);
                }
            }

            using var final = response;
            return response.StatusCode switch
            {
                HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable => ContentRangeHeader.TotalOf(response),
                HttpStatusCode.OK => response.Content.Headers.ContentLength,
                _ => null,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SatDownloadException ||
                                   (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unknown size: the budget is then enforced while downloading.
            return null;
        }
    }
}
