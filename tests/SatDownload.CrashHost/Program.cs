using SatDownload;
using SatDownload.Tests.Client;

// Usage: SatDownload.CrashHost <fakesat base uri> <destination>
// Runs one download flow and prints "bytes <n>" for aggregate progress, then "done". Meant to be killed midway.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SatDownload.CrashHost <fakesat base uri> <destination>");
    return 2;
}

using var http = new HttpClient();
var options = new SatDownloadClientOptions
{
    // Real time here: the emulator's clock lives in the test process, and its tasks are ready at once for this test.
    Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromMilliseconds(50), MaxInterval = TimeSpan.FromMilliseconds(50) },
};
options.Providers.Add(new FakeSatProvider(http, new Uri(args[0]), TimeProvider.System));

// Frequent checkpoints so the partial file records its progress before the kill.
var downloader = new AssetDownloader(http, new AssetDownloaderOptions { CheckpointInterval = TimeSpan.FromMilliseconds(100) });
var client = new SatDownloadClient(options, downloader);
var progress = new ConsoleProgress();
await client.DownloadAsync(new FakeSatRequest(), args[1], new DownloadOptions { MaxConnectionsPerFile = 1 }, progress);
Console.Out.WriteLine("done");
Console.Out.Flush();
return 0;

/// <summary>Prints aggregate byte counts, one line each, flushed at once for the parent to read.</summary>
internal sealed class ConsoleProgress : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value)
    {
        if (value.IsAggregate)
        {
            Console.Out.WriteLine("bytes " + value.BytesDownloaded.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }
    }
}
