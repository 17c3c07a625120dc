using System.Globalization;
using Spectre.Console;

namespace SatDownload.Samples.Quickstart;

/// <summary>
/// Shows the flow: on a terminal, Spectre.Console bars (one line per provider with its phase, one bar per file, one
/// overall bar); otherwise one printed line per phase or file state change, for logs and CI.
/// </summary>
internal sealed class ProgressView
{
    private readonly ProgressContext? _context;
    private readonly ProgressTask? _overall;
    private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Bytes, long Total)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastLine = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ProgressView(ProgressContext? context)
    {
        _context = context;
        _overall = context?.AddTask("[bold]all files[/]", maxValue: 1);
    }

    public void Report(SatDownloadProgress p)
    {
        lock (_gate)
        {
            if (p.Download is { } download)
            {
                Report(download);
                return;
            }

            var line = p.Phase switch
            {
                SatDownloadPhase.WaitingForTask when p.Task is { } t =>
                    $"waiting for task {p.TaskId}: {t.ProviderStatus ?? t.Status.ToString()}{(t.PercentComplete is { } pc ? $" {pc:0}%" : string.Empty)}",
                SatDownloadPhase.ResumingTask => $"resuming task {p.TaskId} from the journal",
                _ => Phrase(p.Phase),
            };
            Show(p.Provider, line, p.Phase == SatDownloadPhase.Completed);
        }
    }

    public void Report(DownloadProgress p)
    {
        lock (_gate)
        {
            if (p.IsAggregate)
            {
                return;
            }

            var key = p.Asset!.Identity;
            _files[key] = (p.State is DownloadState.Done or DownloadState.Skipped ? Math.Max(p.BytesDownloaded, p.TotalBytes ?? 0) : p.BytesDownloaded, p.TotalBytes ?? p.BytesDownloaded);
            if (_context is null)
            {
                var state = p.State.ToString().ToLowerInvariant();
                if (!_lastLine.TryGetValue(key, out var last) || last != state)
                {
                    _lastLine[key] = state;
                    var size = p.TotalBytes is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "size unknown";
                    Console.WriteLine($"  {state,-11} {key} ({p.BytesDownloaded.ToString("N0", CultureInfo.InvariantCulture)} of {size})");
                }

                return;
            }

            if (!_bars.TryGetValue(key, out var bar))
            {
                bar = _context.AddTask(Markup.Escape(key), maxValue: Math.Max(1, p.TotalBytes ?? 1));
                _bars[key] = bar;
            }

            if (p.TotalBytes is { } total)
            {
                bar.MaxValue = Math.Max(1, total);
            }

            bar.Value = p.State is DownloadState.Done or DownloadState.Skipped ? bar.MaxValue : p.BytesDownloaded;
            bar.Description = $"{Markup.Escape(key)} [grey]{p.State.ToString().ToLowerInvariant()}[/]";
            _overall!.MaxValue = Math.Max(1, _files.Values.Sum(f => f.Total));
            _overall.Value = _files.Values.Sum(f => f.Bytes);
        }
    }

    private void Show(string provider, string line, bool done)
    {
        if (_lastLine.TryGetValue("provider:" + provider, out var last) && last == line)
        {
            return;
        }

        _lastLine["provider:" + provider] = line;
        if (_context is null)
        {
            Console.WriteLine($"{provider}: {line}");
            return;
        }

        if (!_bars.TryGetValue("provider:" + provider, out var task))
        {
            task = _context.AddTask(string.Empty, maxValue: 1);
            _bars["provider:" + provider] = task;
        }

        task.Description = $"[bold]{Markup.Escape(provider)}[/] {Markup.Escape(line)}";
        task.Value = done ? 1 : 0;
    }

    private static string Phrase(SatDownloadPhase phase) => phase switch
    {
        SatDownloadPhase.Validating => "checking the request",
        SatDownloadPhase.EstimatingCost => "estimating the cost",
        SatDownloadPhase.CreatingTask => "ordering",
        SatDownloadPhase.WaitingForTask => "waiting for the task",
        SatDownloadPhase.ListingAssets => "listing files",
        SatDownloadPhase.Downloading => "downloading",
        SatDownloadPhase.WritingManifest => "writing the STAC catalog",
        SatDownloadPhase.Completed => "done",
        _ => phase.ToString(),
    };
}
