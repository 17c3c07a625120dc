using Microsoft.Extensions.Logging;

namespace SatDownload;

/// <summary>Settings of a <see cref="SatDownloadClient"/>.</summary>
public sealed class SatDownloadClientOptions
{
    /// <summary>The providers the client can run requests on. With DI, registered <see cref="ImageryProvider"/> services are added to these.</summary>
    public IList<ImageryProvider> Providers { get; } = new List<ImageryProvider>();

    /// <summary>How files are downloaded when a call passes no <see cref="SatDownload.DownloadOptions"/> (budget, concurrency, file names, resume policy).</summary>
    public DownloadOptions DownloadOptions { get; set; } = DownloadOptions.Default;

    /// <summary>Settings for the downloader the client creates when none is given (its clock defaults to <see cref="TimeProvider"/>); ignored when a downloader is passed in.</summary>
    public AssetDownloaderOptions? DownloaderOptions { get; set; }

    /// <summary>
    /// Whether the destination keeps a journal (<c>.satdownload/journal.json</c>) and is locked for the run. On by
    /// default: it is what lets a re-run resume a task by id instead of ordering again.
    /// </summary>
    public bool EnableJournal { get; set; } = true;

    /// <summary>Whether the destination gets a STAC catalog (<c>catalog.json</c> plus one item per product). On by default.</summary>
    public bool WriteManifest { get; set; } = true;

    /// <summary>
    /// When a budget sets <see cref="DownloadBudget.MaxCost"/> and the provider cannot estimate a request: true refuses
    /// with <see cref="BudgetExceededException"/>, false (the default) orders and logs a warning.
    /// </summary>
    public bool RequireCostEstimate { get; set; }

    /// <summary>Polling for every provider, overriding <see cref="ImageryProvider.DefaultPolling"/>; null keeps each provider's.</summary>
    public TaskPollingOptions? Polling { get; set; }

    /// <summary>Polling per provider name (case-insensitive); wins over <see cref="Polling"/>.</summary>
    public IDictionary<string, TaskPollingOptions> PollingByProvider { get; } = new Dictionary<string, TaskPollingOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The clock for polling delays and timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
