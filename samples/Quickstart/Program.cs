using System.Diagnostics;
using SatDownload;
using SatDownload.Samples.Quickstart;
using SatDownload.Samples.Quickstart.Flows;
using SatDownload.Testing;
using Spectre.Console;

// The README's first command: `dotnet run --project samples/Quickstart`.
// Offline by default: every provider runs against its emulator in-process, so this needs no network and no credentials.
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

IQuickstartFlow[] allFlows = [new SentinelHubFlow(), new IceyeFlow(), new CapellaFlow(), new EosFlow(), new ClearSkyFlow(), new EmulatedFileFlow()];
var flows = allFlows.Where(f => options.Provider is null || string.Equals(f.Provider, options.Provider, StringComparison.OrdinalIgnoreCase)).ToArray();
if (flows.Length == 0)
{
    AnsiConsole.MarkupLine($"[red]Unknown provider '{Markup.Escape(options.Provider ?? string.Empty)}'.[/] Known: {string.Join(", ", allFlows.Select(f => f.Provider))}.");
    return 2;
}

if (options.Live)
{
    var missing = flows.SelectMany(f => f.LiveEnvironmentVariables).Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToArray();
    if (missing.Length > 0)
    {
        AnsiConsole.MarkupLine("[red]--live needs credentials in these environment variables:[/]");
        foreach (var name in missing)
        {
            AnsiConsole.MarkupLine($"  {name}");
        }

        return 2;
    }

    AnsiConsole.MarkupLine("[yellow]Live mode is not available for the selected flows yet; run without --live to use the emulators.[/]");
    return 2;
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

// The shared blob store for the provider-independent flow; each provider flow starts its own emulator with its own clock.
await using var emulator = await ProviderEmulator.StartAsync();
AnsiConsole.MarkupLine($"  emulators listening on {emulator.BaseUri} (started in {emulator.StartupDuration.TotalMilliseconds:0} ms)");

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C stops cleanly: partial files stay resumable as .part files.
    e.Cancel = true;
    cancel.Cancel();
};

using var httpClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var downloader = new AssetDownloader(httpClient);
var downloadOptions = new DownloadOptions
{
    Budget = options.BudgetBytes is { } maxBytes ? new DownloadBudget { MaxBytes = maxBytes } : null,
    RetryBaseDelay = TimeSpan.FromMilliseconds(200),
};
var outputDirectory = Path.GetFullPath(options.OutputDirectory);
var outcomes = new List<(FlowOutcome Outcome, TimeSpan Elapsed)>();
var failures = 0;

async Task RunFlowsAsync(IProgress<DownloadProgress> progress)
{
    foreach (var flow in flows)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var context = new FlowContext
            {
                Aoi = aoi,
                OutputDirectory = outputDirectory,
                DownloadOptions = downloadOptions,
                Progress = progress,
                Downloader = downloader,
                HttpClient = httpClient,
                Emulator = emulator,
            };
            var outcome = await flow.RunAsync(context, cancel.Token);
            outcomes.Add((outcome, stopwatch.Elapsed));
            failures += outcome.Files.Count(r => !r.Succeeded);
        }
        catch (SatDownloadException ex)
        {
            failures++;
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(flow.Provider)} failed:[/] {Markup.Escape(ex.Message)}");
        }
    }
}

if (AnsiConsole.Profile.Capabilities.Interactive)
{
    await AnsiConsole.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
        .StartAsync(async ctx =>
        {
            var overall = ctx.AddTask("[bold]all files[/]", maxValue: 1);
            var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            await RunFlowsAsync(new SynchronousProgress<DownloadProgress>(p => ProgressBars.Update(ctx, overall, bars, p)));
        });
}
else
{
    // Redirected output (CI, logs): one line per state change instead of redrawn bars.
    await RunFlowsAsync(new SynchronousProgress<DownloadProgress>(new StateChangePrinter().Print));
}

var table = new Table().Title("Summary").AddColumns("provider", "files", "bytes", "time", "cost", "retries", "resumed", "note");
foreach (var (outcome, elapsed) in outcomes)
{
    var ok = outcome.Files.Where(r => r.Succeeded).ToArray();
    table.AddRow(
        Markup.Escape(outcome.Provider),
        $"{ok.Length}/{outcome.Files.Count}",
        ok.Sum(r => r.Bytes).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        $"{elapsed.TotalSeconds:0.0} s",
        outcome.Cost is { } c ? Markup.Escape(c.ToString()) : "-",
        outcome.Files.Sum(r => r.Retries).ToString(System.Globalization.CultureInfo.InvariantCulture),
        outcome.Files.Count(r => r.Resumed).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Markup.Escape(outcome.Note ?? string.Empty));
}

AnsiConsole.Write(table);
foreach (var file in outcomes.SelectMany(o => o.Outcome.Files))
{
    if (file.Succeeded)
    {
        Console.WriteLine($"  ok   {Path.GetRelativePath(Environment.CurrentDirectory, file.FilePath!)}  sha256 {file.Sha256}");
    }
    else
    {
        Console.WriteLine($"  FAIL {file.Identity}: {file.Error ?? "unknown error"}");
    }
}

AnsiConsole.MarkupLine($"Files are under [bold]{Markup.Escape(outputDirectory)}[/].");
return failures == 0 ? 0 : 1;
