using Spectre.Console;

namespace SatDownload.Samples.Quickstart;

/// <summary>Maps downloader progress reports onto Spectre.Console bars: one per file and one overall.</summary>
internal static class ProgressBars
{
    public static void Update(ProgressContext context, ProgressTask overall, Dictionary<string, ProgressTask> bars, DownloadProgress p)
    {
        if (p.IsAggregate)
        {
            overall.MaxValue = Math.Max(1, p.TotalBytes ?? p.BytesDownloaded);
            overall.Value = p.BytesDownloaded;
            return;
        }

        var key = p.Asset!.Identity;
        if (!bars.TryGetValue(key, out var bar))
        {
            bar = context.AddTask(Markup.Escape(key), maxValue: Math.Max(1, p.TotalBytes ?? 1));
            bars[key] = bar;
        }

        if (p.TotalBytes is { } total)
        {
            bar.MaxValue = Math.Max(1, total);
        }

        bar.Value = p.State is DownloadState.Done or DownloadState.Skipped ? bar.MaxValue : p.BytesDownloaded;
        bar.Description = $"{Markup.Escape(key)} [grey]{p.State.ToString().ToLowerInvariant()}[/]";
    }
}
