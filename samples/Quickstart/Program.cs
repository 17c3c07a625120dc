using System.Diagnostics;
using System.Globalization;
using SatDownload;
using SatDownload.Samples.Quickstart;
using SatDownload.Samples.Quickstart.Providers;
using SatDownload.Testing;
using Spectre.Console;

// The README's first command: `dotnet run --project samples/Quickstart`.
// Offline by default: every provider runs against its emulator in-process (one emulator host, one virtual clock on
// which hours of tasking pass in seconds), so this needs no network and no credentials. One SatDownloadClient runs every
// provider's request: validate, estimate, budget check, order (or resume from the journal), wait, download, STAC catalog.
QuickstartOptions options;
try
{
    options = QuickstartOptions.Parse(args);
}
catch (ArgumentException ex)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(QuickstartOptions.Help);
    return 0;
}

IQuickstartProvider[] unifiedProviders = [new SentinelHubQuickstart(), new IceyeQuickstart(), new CapellaQuickstart(), new EosQuickstart(), new ClearSkyQuickstart()];
string[] order = [ProviderNames.SentinelHub, ProviderNames.Iceye, ProviderNames.Capella, ProviderNames.Eos, ProviderNames.ClearSky];
bool Selected(string name) => options.Provider is null || string.Equals(name, options.Provider, StringComparison.OrdinalIgnoreCase);
var unified = unifiedProviders.Where(p => Selected(p.Name)).ToArray();
if (unified.Length == 0)
{
    AnsiConsole.MarkupLine($"[red]Unknown provider '{Markup.Escape(options.Provider ?? string.Empty)}'.[/] Known: {string.Join(", ", order)}.");
    return 2;
}

if (options.Live)
{
    var missing = unified.SelectMany(p => p.LiveEnvironmentVariables)
        .Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).Distinct().ToArray();
    if (missing.Length > 0)
    {
        AnsiConsole.MarkupLine("[red]--live needs credentials in these environment variables[/] (use --provider to run fewer providers):");
        foreach (var name in missing)
        {
            AnsiConsole.MarkupLine($"  {name}");
        }

        return 2;
    }
}

Aoi aoi;
try
{
    aoi = SampleAoi.Load(options.AoiPath);
}
catch (AoiValidationException ex)
{
    AnsiConsole.MarkupLine("[red]The AOI is not valid:[/]");
    AnsiConsole.WriteLine(ex.Message);
    return 2;
}

AnsiConsole.MarkupLine($"[bold]SatDownload Quickstart[/]: AOI {Markup.Escape(aoi.ToString())}");
AnsiConsole.MarkupLine($"  area {aoi.AreaSquareKilometers:0.00} km², centroid {aoi.Centroid.Y:0.0000}°N {aoi.Centroid.X:0.0000}°E, UTM EPSG:{aoi.UtmEpsgCode}");

// One emulator host for every provider, on one virtual clock: short timers (polling, retry delays) jump ahead at once,
// long ones (request and idle timeouts) keep real time.
ProviderEmulator? emulator = null;
TimeProvider clock = TimeProvider.System;
if (!options.Live)
{
    var virtualClock = new VirtualClock(DateTimeOffset.UtcNow) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10), AutoAdvance = true };
    var emulatorOptions = new ProviderEmulatorOptions { Clock = virtualClock };
    foreach (var provider in unified)
    {
        emulatorOptions.Providers.Add(provider.CreateEmulator());
    }

    emulator = await ProviderEmulator.StartAsync(emulatorOptions);
    clock = virtualClock;
    AnsiConsole.MarkupLine($"  emulators listening on {emulator.BaseUri} (started in {emulator.StartupDuration.TotalMilliseconds:0} ms)");
}

await using var emulatorLifetime = emulator;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C stops cleanly: the journal keeps the task ids and partial files stay resumable; run again to continue.
    e.Cancel = true;
    cancel.Cancel();
};

var downloadOptions = new DownloadOptions
{
    Budget = options.BudgetBytes is { } maxBytes ? new DownloadBudget { MaxBytes = maxBytes } : null,
    RetryBaseDelay = TimeSpan.FromMilliseconds(200),
};
var clientOptions = new SatDownloadClientOptions
{
    TimeProvider = clock,
    DownloadOptions = downloadOptions,
    DownloaderOptions = new AssetDownloaderOptions { TimeProvider = clock },
};
foreach (var provider in unified)
{
    clientOptions.Providers.Add(emulator is null ? provider.CreateLive() : provider.CreateEmulated(emulator, clock));
}

if (emulator is not null)
{
    // Every emulated task polls at 5-10 s: within the virtual clock's jump limit, so waiting costs no real time.
    clientOptions.Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) };
}

var client = new SatDownloadClient(clientOptions);
var outputDirectory = Path.GetFullPath(options.OutputDirectory);
var rows = new List<SummaryRow>();

async Task RunAllAsync(ProgressView view)
{
    foreach (var name in order)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (unified.FirstOrDefault(p => p.Name == name) is { } provider)
            {
                var request = await provider.CreateRequestAsync(aoi, clock.GetUtcNow(), options.Live, cancel.Token);
                var progress = new SynchronousProgress<SatDownloadProgress>(view.Report);
                SatDownloadResult result;
                try
                {
                    result = await client.DownloadAsync(request, outputDirectory, null, progress, cancel.Token);
                }
                catch (JournaledTaskNotFoundException) when (emulator is not null)
                {
                    // The emulators start empty on every run, so a task journaled by an earlier run is unknown to them.
                    // Against a real provider this is worth a look; here the request is simply ordered again.
                    Console.WriteLine($"{provider.Name}: the journal names a task of an earlier run that this run's fresh emulator does not know; ordering again.");
                    var journal = DownloadJournal.Open(outputDirectory);
                    journal.Remove(request.GetFingerprint());
                    await journal.SaveAsync();
                    result = await client.DownloadAsync(request, outputDirectory, null, progress, cancel.Token);
                }

                rows.Add(SummaryRow.From(result, stopwatch.Elapsed, provider.Description));
            }
        }
        catch (SatDownloadException ex)
        {
            rows.Add(SummaryRow.Failed(name, stopwatch.Elapsed, ex.Message));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            rows.Add(SummaryRow.Failed(name, stopwatch.Elapsed, "stopped by Ctrl+C; run again to resume"));
            return;
        }
    }
}

if (AnsiConsole.Profile.Capabilities.Interactive)
{
    await AnsiConsole.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
        .StartAsync(ctx => RunAllAsync(new ProgressView(ctx)));
}
else
{
    // Redirected output (CI, logs): one line per phase or file state change instead of redrawn bars, and a table as
    // wide as a log line rather than the default 80 columns.
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
    await RunAllAsync(new ProgressView(null));
}

var table = new Table().Title("Summary").AddColumns("provider", "files", "bytes", "time", "cost", "retries", "resumed", "note");
foreach (var row in rows)
{
    var ok = row.Files.Where(f => f.Succeeded).ToArray();
    table.AddRow(
        Markup.Escape(row.Provider),
        $"{ok.Length}/{row.Files.Count}",
        ok.Sum(f => f.Bytes).ToString("N0", CultureInfo.InvariantCulture),
        $"{row.Elapsed.TotalSeconds:0.0} s",
        row.Cost is { } c ? Markup.Escape(c.ToString()) : "-",
        row.Files.Sum(f => f.Retries).ToString(CultureInfo.InvariantCulture),
        row.Files.Count(f => f.Resumed).ToString(CultureInfo.InvariantCulture),
        row.Error is null ? Markup.Escape(row.Note) : $"[red]{Markup.Escape(row.Error)}[/]");
}

AnsiConsole.Write(table);
foreach (var file in rows.SelectMany(r => r.Files))
{
    Console.WriteLine(file.Succeeded
        ? $"  ok   {Path.GetRelativePath(Environment.CurrentDirectory, file.FilePath!)}  sha256 {file.Sha256}"
        : $"  FAIL {file.Identity}: {file.Error ?? "unknown error"}");
}

var catalog = Path.Combine(outputDirectory, "catalog.json");
AnsiConsole.MarkupLine($"Files are under [bold]{Markup.Escape(outputDirectory)}[/]{(File.Exists(catalog) ? $"; STAC catalog: [bold]{Markup.Escape(catalog)}[/]" : string.Empty)}.");
var failed = rows.Count(r => r.Error is not null) + rows.Sum(r => r.Files.Count(f => !f.Succeeded));
return failed == 0 && rows.Count > 0 ? 0 : 1;
