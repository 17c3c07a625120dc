using System.Security.Cryptography;
using SatDownload.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SatDownload.Client;
using SatDownload.Downloads;
using SatDownload.Http;
using SatDownload.Journal;

namespace SatDownload;

/// <summary>
/// The one entry point for every provider: runs an <see cref="ImageryRequest"/> from validation to files on disk with a
/// STAC catalog, through the registered <see cref="ImageryProvider"/> that handles it and the shared
/// <see cref="AssetDownloader"/>.
/// </summary>
/// <remarks>
/// <para>The flow: validate (no network) → estimate the cost → check it against <see cref="DownloadBudget.MaxCost"/>
/// before anything is ordered → find the request's task in the destination's journal and resume it by id, or create it
/// and record its id at once → wait for it (reporting progress) → list and filter its assets → download them (partial
/// files resume) → write the STAC catalog → record each file's state.</para>
/// <para>Re-running the same request into the same destination after a crash, a kill or Ctrl+C continues where it
/// stopped and never orders twice. Runs on one destination are serialised by a lock; concurrent runs on different
/// destinations are fine. The client is thread-safe and meant to be shared.</para>
/// </remarks>
public class SatDownloadClient
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new(
        () => new HttpClient(ProviderHttpPipeline.CreateDownloadPrimaryHandler()) { Timeout = Timeout.InfiniteTimeSpan });

    private readonly SatDownloadClientOptions _options = new();
    private readonly IReadOnlyList<ImageryProvider> _providers = [];
    private readonly AssetDownloader? _downloader;
    private readonly StacManifestWriter _manifestWriter = new();
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>Creates a client from options, without DI.</summary>
    /// <param name="options">The providers and settings.</param>
    /// <param name="downloader">The downloader to use; when null the client creates one over a shared <see cref="HttpClient"/>
    /// with <see cref="SatDownloadClientOptions.DownloaderOptions"/>.</param>
    /// <exception cref="ArgumentException">Two providers share a name.</exception>
    public SatDownloadClient(SatDownloadClientOptions options, AssetDownloader? downloader = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.DownloadOptions);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        options.DownloadOptions.Validate();
        options.Polling?.Validate();
        foreach (var polling in options.PollingByProvider.Values)
        {
            polling.Validate();
        }

        var providers = new List<ImageryProvider>();
        foreach (var provider in options.Providers)
        {
            ArgumentNullException.ThrowIfNull(provider, nameof(options));
            if (providers.Any(p => ReferenceEquals(p, provider)))
            {
                continue;
            }

            if (providers.Any(p => string.Equals(p.Name, provider.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException(
                    $"Two imagery providers are named '{provider.Name}' ({providers.First(p => string.Equals(p.Name, provider.Name, StringComparison.OrdinalIgnoreCase)).GetType().Name} and {provider.GetType().Name}). Register each provider once.",
                    nameof(options));
            }

            providers.Add(provider);
        }

        _options = options;
        _providers = providers;
        _logger = options.LoggerFactory?.CreateLogger<SatDownloadClient>() ?? (ILogger)NullLogger.Instance;
        _manifestWriter = new StacManifestWriter(options.TimeProvider, _logger);
        _downloader = downloader ?? new AssetDownloader(SharedHttpClient.Value, CreateDownloaderOptions(options));
    }

    /// <summary>For mocking.</summary>
    protected SatDownloadClient()
    {
    }

    /// <summary>The providers this client can run requests on.</summary>
    public virtual IReadOnlyList<ImageryProvider> Providers => _providers;

    /// <summary>The provider registered under a name.</summary>
    /// <param name="name">The provider name (<see cref="ProviderNames"/>), case-insensitive.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="ArgumentException">No provider has that name; the message lists the registered ones.</exception>
    public virtual ImageryProvider GetProvider(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No imagery provider named '{name}' is registered ({Registered()}). {HowToRegister(name)}", nameof(name));
    }

    /// <summary>Validates a request and asks its provider what it would cost, without ordering anything.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The estimate, or null when the provider cannot estimate.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid (no network call was made).</exception>
    /// <exception cref="ArgumentException">No registered provider handles the request.</exception>
    public virtual async Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var provider = ResolveProvider(request);
        return await provider.EstimateCostAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the whole flow for <paramref name="request"/> into <paramref name="destinationDirectory"/>: validate,
    /// estimate, budget check, create or resume the task, wait, list and filter assets, download, write the STAC catalog.
    /// </summary>
    /// <param name="request">What to get.</param>
    /// <param name="destinationDirectory">Where the files, the journal and the catalog go; created when missing.</param>
    /// <param name="options">How to download (budget, concurrency, file names); <see cref="SatDownloadClientOptions.DownloadOptions"/> when null.</param>
    /// <param name="progress">File progress, per asset and aggregate.</param>
    /// <param name="cancellationToken">Cancels the run. The task keeps its journal entry and partial files stay resumable: run again to continue.</param>
    /// <returns>What was done; check <see cref="SatDownloadResult.Succeeded"/> (one file failing does not throw).</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ArgumentException">No registered provider handles the request, or an option is invalid; nothing was sent.</exception>
    /// <exception cref="BudgetExceededException">The estimate exceeds the budget; nothing was ordered.</exception>
    /// <exception cref="DestinationLockedException">Another run is using the destination.</exception>
    /// <exception cref="ProviderTaskFailedException">The provider task failed or was cancelled.</exception>
    /// <exception cref="ProviderTaskTimeoutException">The task did not finish within the polling timeout; run again later to resume it.</exception>
    /// <exception cref="JournaledTaskNotFoundException">The journal's task for this request is unknown to the provider; nothing was ordered again.</exception>
    /// <exception cref="ProviderRequestException">The provider refused a call.</exception>
    public virtual Task<SatDownloadResult> DownloadAsync(
        ImageryRequest request,
        string destinationDirectory,
        DownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(request, destinationDirectory, options, progress, null, cancellationToken);

    /// <summary>
    /// Runs the whole flow like <see cref="DownloadAsync(ImageryRequest, string, DownloadOptions?, IProgress{DownloadProgress}?, CancellationToken)"/>,
    /// reporting every phase (task status while waiting, file progress while downloading).
    /// </summary>
    /// <param name="request">What to get.</param>
    /// <param name="destinationDirectory">Where the files, the journal and the catalog go.</param>
    /// <param name="options">How to download; the client's defaults when null.</param>
    /// <param name="progress">Receives phase, task and file progress.</param>
    /// <param name="cancellationToken">Cancels the run; run again to continue.</param>
    /// <returns>What was done.</returns>
    public virtual Task<SatDownloadResult> DownloadAsync(
        ImageryRequest request,
        string destinationDirectory,
        DownloadOptions? options,
        IProgress<SatDownloadProgress>? progress,
        CancellationToken cancellationToken = default) =>
        RunAsync(request, destinationDirectory, options, null, progress, cancellationToken);

    /// <summary>The polling settings used for a provider: per-provider override, then the global override, then the provider's own.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The polling settings.</returns>
    protected virtual TaskPollingOptions GetPolling(ImageryProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return _options.PollingByProvider.TryGetValue(provider.Name, out var specific)
            ? specific
            : _options.Polling ?? provider.DefaultPolling ?? new TaskPollingOptions();
    }

    /// <summary>The registered provider that handles a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="ArgumentException">None does.</exception>
    protected virtual ImageryProvider ResolveProvider(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _providers.FirstOrDefault(p => p.CanHandle(request))
            ?? throw new ArgumentException(
                $"No registered imagery provider handles a {request.GetType().Name} for '{request.Provider}' ({Registered()}). {HowToRegister(request.Provider)}",
                nameof(request));
    }

    private static AssetDownloaderOptions CreateDownloaderOptions(SatDownloadClientOptions options)
    {
        var settings = options.DownloaderOptions ?? new AssetDownloaderOptions();
        settings.LoggerFactory ??= options.LoggerFactory;

        // One clock for the whole flow: backoff delays and signed-URL expiry follow the same clock as polling and the journal.
        settings.TimeProvider ??= options.TimeProvider;
        return settings;
    }

    private static string HowToRegister(string provider) =>
        $"Register its adapter (for example services.AddSatDownload().Add{(provider.Length > 0 ? char.ToUpperInvariant(provider[0]) + provider[1..] : "Provider")}(...)) or add it to SatDownloadClientOptions.Providers.";

    private static string RelativePath(string template, ImageryAsset asset) =>
        DownloadPathBuilder.Expand(template, asset).Replace('\\', '/');

    private string Registered() =>
        _providers.Count == 0 ? "none are registered" : "registered: " + string.Join(", ", _providers.Select(p => p.Name));

    private async Task<SatDownloadResult> RunAsync(
        ImageryRequest request,
        string destinationDirectory,
        DownloadOptions? options,
        IProgress<DownloadProgress>? fileProgress,
        IProgress<SatDownloadProgress>? flowProgress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        var downloader = _downloader ?? throw new InvalidOperationException("This SatDownloadClient was created for mocking and cannot download.");
        flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.Validating, Provider = request.Provider });

        // Everything that can be wrong without the network is checked before the first request.
        request.Validate();
        options ??= _options.DownloadOptions;
        options.Validate();
        var provider = ResolveProvider(request);
        var polling = GetPolling(provider);
        polling.Validate();
        var root = Path.GetFullPath(destinationDirectory);
        var fingerprint = request.GetFingerprint();

        using var activity = SatDownloadDiagnostics.ActivitySource.StartActivity("SatDownload.Flow");
        activity?.SetTag("satdownload.provider", provider.Name);
        activity?.SetTag("satdownload.request_kind", request.Kind);

        Directory.CreateDirectory(root);
        using var destinationLock = _options.EnableJournal ? DestinationLock.Acquire(root, _options.TimeProvider, _logger) : null;
        var journal = _options.EnableJournal ? DownloadJournal.Open(root, _options.TimeProvider, _logger) : null;
        var entry = journal?.Find(fingerprint);

        ProviderTask task;
        CostEstimate? cost;
        var resumed = false;
        if (entry is { TaskId: { Length: > 0 } recordedId } && string.Equals(entry.Provider, provider.Name, StringComparison.OrdinalIgnoreCase))
        {
            resumed = true;
            cost = entry.CostEstimate;
            flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.ResumingTask, Provider = provider.Name, TaskId = recordedId });
            ClientLog.TaskResumed(_logger, provider.Name, recordedId, journal!.FilePath);
            try
            {
                task = await provider.GetTaskAsync(request, recordedId, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderRequestException ex) when (ex.Status is 404 or 410)
            {
                throw new JournaledTaskNotFoundException(provider.Name, recordedId, fingerprint, journal.FilePath, ex);
            }
        }
        else
        {
            if (entry is { Status: JournalEntryStatus.Creating })
            {
                ClientLog.PossibleOrphan(_logger, provider.Name, entry.UpdatedAt);
            }

            flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.EstimatingCost, Provider = provider.Name });
            cost = await provider.EstimateCostAsync(request, cancellationToken).ConfigureAwait(false);
            CheckCost(options.Budget, cost, provider);

            if (journal is not null)
            {
                entry = journal.GetOrAdd(fingerprint, provider.Name, request.Kind);
                entry.CostEstimate = cost;
                entry.Status = JournalEntryStatus.Creating;
                journal.Touch(entry);
                await journal.TrySaveAsync(cancellationToken).ConfigureAwait(false);
            }

            flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.CreatingTask, Provider = provider.Name });
            try
            {
                task = await provider.StartTaskAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderRequestException ex) when (ex.Status is >= 400 and < 500 && ex.Status is not 408 and not 429 && journal is not null)
            {
                // The provider refused the order outright, so nothing exists to resume or to warn about next time.
                journal.Remove(fingerprint);
                await journal.TrySaveAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            ClientLog.TaskCreated(_logger, provider.Name, task.Id, cost?.ToString() ?? "none");
            if (journal is not null && entry is not null)
            {
                entry.TaskId = task.Id;
                entry.TaskKind = task.Kind;
                entry.RehydrationToken = task.RehydrationToken;
                entry.TaskStatus = task.Status;
                entry.Status = JournalEntryStatus.TaskCreated;
                journal.Touch(entry);

                // Money may have been spent: the id is written even if the caller cancels right now.
                await journal.TrySaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        activity?.SetTag("satdownload.task_id", task.Id);
        ProviderTaskStatus status;
        try
        {
            status = await WaitAsync(task, polling, provider, journal, entry, flowProgress, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderRequestException ex) when (resumed && ex.Status is 404 or 410)
        {
            // Adapters that rebuild tasks without a request learn on the first poll that the id is gone.
            throw new JournaledTaskNotFoundException(provider.Name, task.Id, fingerprint, journal!.FilePath, ex);
        }

        flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.ListingAssets, Provider = provider.Name, TaskId = task.Id });
        var all = new List<ImageryAsset>();
        await foreach (var asset in task.GetAssetsAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(asset);
        }

        var filter = request.AssetFilter;
        var selected = filter is null || filter.IsEmpty ? all : all.Where(filter.Matches).ToList();
        if (selected.Count == 0 && all.Count > 0)
        {
            ClientLog.FilterExcludedAll(_logger, all.Count, provider.Name, task.Id, filter?.ToString() ?? string.Empty);
        }

        // Files the journal records as complete, and that are still on disk unchanged, are not fetched again: no signing
        // call, no request. Everything else is pending (or partial, when a .part file is waiting to be resumed).
        var fromJournal = new Dictionary<string, DownloadResult>(StringComparer.Ordinal);
        var toDownload = selected;
        if (journal is not null && entry is not null)
        {
            toDownload = [];
            foreach (var asset in selected)
            {
                var record = entry.FindAsset(asset.Identity);
                if (record is { State: JournalAssetState.Done }
                    && options.ExistingFilePolicy is ExistingFilePolicy.Resume or ExistingFilePolicy.SkipIfComplete
                    && await FindCompleteFileAsync(root, record, cancellationToken).ConfigureAwait(false) is { } complete)
                {
                    ClientLog.AssetCompleteInJournal(_logger, asset.Identity, record.Path ?? complete.Path);
                    fromJournal[asset.Identity] = new DownloadResult
                    {
                        Asset = asset,
                        Succeeded = true,
                        Skipped = true,
                        FilePath = complete.Path,
                        BytesWritten = record.Size ?? 0,
                        Sha256 = complete.Sha256,
                        Attribution = asset.Attribution,
                    };
                    continue;
                }

                var relativePath = RelativePath(options.FileNameTemplate, asset);
                var state = File.Exists(Path.Combine(root, relativePath) + PartSidecarStore.PartSuffix) ? JournalAssetState.Downloading : JournalAssetState.Pending;
                record = journal.SetAssetState(entry, asset.Identity, state);
                record.Path = relativePath;
                record.Size ??= asset.Size;
                record.Error = null;
                toDownload.Add(asset);
            }

            entry.Status = JournalEntryStatus.Downloading;
            await journal.TrySaveAsync(cancellationToken).ConfigureAwait(false);
        }

        var downloadProgress = flowProgress is null
            ? fileProgress
            : new InlineProgress<DownloadProgress>(p => flowProgress.Report(new SatDownloadProgress
            {
                Phase = SatDownloadPhase.Downloading,
                Provider = provider.Name,
                TaskId = task.Id,
                Download = p,
            }));
        flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.Downloading, Provider = provider.Name, TaskId = task.Id });
        IReadOnlyList<DownloadResult> downloaded;
        try
        {
            downloaded = toDownload.Count == 0
                ? []
                : await downloader.DownloadAsync(toDownload, root, options, downloadProgress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (journal is not null && entry is not null)
        {
            // Cancelled or broken mid-way: record which files have partial data, so the next run's picture is right.
            foreach (var asset in toDownload)
            {
                var record = entry.FindAsset(asset.Identity);
                if (record is { State: not JournalAssetState.Done, Path: { } relative })
                {
                    var file = Path.Combine(root, relative);
                    if (File.Exists(file + PartSidecarStore.PartSuffix))
                    {
                        record.State = JournalAssetState.Downloading;
                    }
                    else if (File.Exists(file))
                    {
                        // The downloader only renames a verified file into place; its digest is taken on the next run.
                        record.State = JournalAssetState.Done;
                        record.Size = new FileInfo(file).Length;
                        record.Sha256 = null;
                    }
                    else
                    {
                        record.State = JournalAssetState.Pending;
                    }
                }
            }

            journal.Touch(entry);
            await journal.TrySaveAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var results = selected.Count == toDownload.Count
            ? downloaded
            : MergeInListedOrder(selected, fromJournal, downloaded);

        var knownSha256 = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            results = await ProcessDownloadedFilesAsync(provider, results, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (journal is not null && entry is not null)
        {
            // The files are complete even though the provider's step did not finish: recorded as done, the next run skips
            // them and runs the (idempotent) step again on the files as they are.
            RecordResults(journal, entry, results, root, knownSha256);
            await journal.TrySaveAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (journal is not null && entry is not null)
        {
            RecordResults(journal, entry, results, root, knownSha256);
            await journal.TrySaveAsync(CancellationToken.None).ConfigureAwait(false);
        }

        string? manifestPath = null;
        if (_options.WriteManifest && results.Any(r => r.Succeeded))
        {
            flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.WritingManifest, Provider = provider.Name, TaskId = task.Id });
            manifestPath = await _manifestWriter.WriteAsync(root, task.Id, results, knownSha256, cancellationToken).ConfigureAwait(false);
        }

        ClientLog.Finished(_logger, provider.Name, task.Id, results.Count(r => r.Succeeded), results.Count, root);
        flowProgress?.Report(new SatDownloadProgress { Phase = SatDownloadPhase.Completed, Provider = provider.Name, TaskId = task.Id });
        return new SatDownloadResult
        {
            Provider = provider.Name,
            TaskId = task.Id,
            RequestFingerprint = fingerprint,
            CostEstimate = cost,
            TaskStatus = status,
            ResumedFromJournal = resumed,
            Downloads = results,
            AssetsExcludedByFilter = all.Count - selected.Count,
            ManifestPath = manifestPath,
            JournalPath = journal?.FilePath,
        };
    }

    private async Task<ProviderTaskStatus> WaitAsync(
        ProviderTask task,
        TaskPollingOptions polling,
        ImageryProvider provider,
        DownloadJournal? journal,
        JournalEntry? entry,
        IProgress<SatDownloadProgress>? flowProgress,
        CancellationToken cancellationToken)
    {
        var taskProgress = flowProgress is null
            ? null
            : new InlineProgress<ProviderTaskProgress>(p => flowProgress.Report(new SatDownloadProgress
            {
                Phase = SatDownloadPhase.WaitingForTask,
                Provider = provider.Name,
                TaskId = task.Id,
                Task = p,
            }));
        ProviderTaskStatus status;
        try
        {
            status = await task.WaitForCompletionAsync(polling, taskProgress, cancellationToken).ConfigureAwait(false);
            if (!status.HasOutput())
            {
                throw new ProviderTaskFailedException(provider.Name, task.Id, status, task.ProviderStatus, task.StatusMessage);
            }
        }
        catch (ProviderTaskFailedException ex)
        {
            if (journal is not null && entry is not null)
            {
                entry.TaskStatus = ex.Status;
                entry.Status = JournalEntryStatus.Failed;
                journal.Touch(entry);
                await journal.TrySaveAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        if (journal is not null && entry is not null)
        {
            entry.TaskStatus = status;
            journal.Touch(entry);
            await journal.TrySaveAsync(cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>
    /// Runs the provider's post-download step (<see cref="ImageryProvider.ProcessDownloadedFileAsync"/>) on every
    /// succeeded result, one file after the other. A step that fails turns only its own result into a failed one.
    /// </summary>
    private async Task<IReadOnlyList<DownloadResult>> ProcessDownloadedFilesAsync(ImageryProvider provider, IReadOnlyList<DownloadResult> results, CancellationToken cancellationToken)
    {
        var processed = new DownloadResult[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            processed[i] = result;
            if (!result.Succeeded)
            {
                continue;
            }

            try
            {
                var finished = await provider.ProcessDownloadedFileAsync(result, cancellationToken).ConfigureAwait(false);
                if (finished is null || !string.Equals(finished.Asset.Identity, result.Asset.Identity, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"{provider.GetType().Name}.ProcessDownloadedFileAsync returned {(finished is null ? "null" : "a result for " + finished.Asset.Identity)} for {result.Asset.Identity}; it must return a result for the asset it was given (result with {{ ... }}).");
                }

                processed[i] = finished;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ClientLog.PostDownloadFailed(_logger, ex, provider.Name, result.Asset.Identity, result.FilePath ?? string.Empty);
                processed[i] = result with { Succeeded = false, Exception = ex };
            }
        }

        return processed;
    }

    private void CheckCost(DownloadBudget? budget, CostEstimate? cost, ImageryProvider provider)
    {
        if (budget?.MaxCost is not { } max)
        {
            return;
        }

        if (cost is { } known)
        {
            budget.EnsureCostAllowed(known);
            return;
        }

        if (_options.RequireCostEstimate)
        {
            throw new BudgetExceededException(
                BudgetLimit.Cost,
                0m,
                max,
                budget.CostUnit,
                $"{provider.Name} cannot estimate this request's cost and SatDownloadClientOptions.RequireCostEstimate is set, so nothing was ordered. Remove DownloadBudget.MaxCost or turn RequireCostEstimate off to order anyway.");
        }

        ClientLog.NoEstimate(_logger, provider.Name, max);
    }

    private static IReadOnlyList<DownloadResult> MergeInListedOrder(List<ImageryAsset> selected, Dictionary<string, DownloadResult> fromJournal, IReadOnlyList<DownloadResult> downloaded)
    {
        var byIdentity = new Dictionary<string, DownloadResult>(StringComparer.Ordinal);
        foreach (var result in downloaded)
        {
            byIdentity[result.Asset.Identity] = result;
        }

        var merged = new List<DownloadResult>(selected.Count);
        foreach (var asset in selected)
        {
            if (fromJournal.TryGetValue(asset.Identity, out var skipped))
            {
                merged.Add(skipped);
            }
            else if (byIdentity.TryGetValue(asset.Identity, out var result))
            {
                merged.Add(result);
            }
        }

        return merged;
    }

    /// <summary>
    /// The full path and SHA-256 of a file the journal records as complete, when it is still there with the recorded size
    /// and (when recorded) SHA-256; null when it was deleted, truncated or changed, so it is downloaded again.
    /// </summary>
    private async Task<(string Path, string Sha256)?> FindCompleteFileAsync(string root, JournalAssetEntry record, CancellationToken cancellationToken)
    {
        if (record.Path is not { Length: > 0 } relative || record.Size is not { } size)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path) || new FileInfo(path).Length != size)
        {
            ClientLog.JournalFileChanged(_logger, record.Identity, relative);
            return null;
        }

        // Hashing the local file is far cheaper than fetching it again, and it is the only way to notice an in-place change.
        string actual;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            actual = Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
        }

        if (record.Sha256 is { Length: > 0 } expected && !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            // The downloader would keep a complete-looking file as it is; the provider's copy replaces the changed one.
            ClientLog.JournalFileChanged(_logger, record.Identity, relative);
            File.Delete(path);
            return null;
        }

        return (path, actual);
    }

    private static void RecordResults(DownloadJournal journal, JournalEntry entry, IReadOnlyList<DownloadResult> results, string root, Dictionary<string, string> knownSha256)
    {
        foreach (var result in results)
        {
            var identity = result.Asset.Identity;
            var previous = entry.FindAsset(identity);
            var previousSha = previous?.Sha256;
            var previousSize = previous?.Size;
            if (result.Succeeded)
            {
                var record = journal.SetAssetState(entry, identity, JournalAssetState.Done);
                if (result.FilePath is { } path)
                {
                    record.Path = Path.GetRelativePath(root, path).Replace('\\', '/');
                }

                record.Size = result.FilePath is { } p && File.Exists(p) ? new FileInfo(p).Length : result.BytesWritten;
                record.Error = null;

                // A skipped (already complete) file has no fresh digest; the one recorded with it still holds when the size does.
                record.Sha256 = result.Sha256 ?? (previousSize == record.Size ? previousSha : null);
                if (record.Sha256 is { } sha)
                {
                    knownSha256[identity] = sha;
                }
            }
            else
            {
                var record = journal.SetAssetState(entry, identity, JournalAssetState.Failed);
                record.Error = Redactor.Redact(result.Exception?.Message ?? "unknown error");
            }
        }

        entry.Status = results.All(r => r.Succeeded) ? JournalEntryStatus.Completed : JournalEntryStatus.Failed;
        journal.Touch(entry);
    }
}
