using System.Globalization;

namespace SatDownload.Samples.Quickstart;

/// <summary>Prints one line each time a file changes state, for output that is not a terminal.</summary>
internal sealed class StateChangePrinter
{
    private readonly Dictionary<string, DownloadState> _last = new(StringComparer.Ordinal);

    public void Print(DownloadProgress p)
    {
        if (p.IsAggregate)
        {
            return;
        }

        var key = p.Asset!.Identity;
        if (_last.TryGetValue(key, out var previous) && previous == p.State)
        {
            return;
        }

        _last[key] = p.State;
        var size = p.TotalBytes is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "size unknown";
        Console.WriteLine($"  {p.State.ToString().ToLowerInvariant(),-11} {key} ({p.BytesDownloaded.ToString("N0", CultureInfo.InvariantCulture)} of {size})");
    }
}
