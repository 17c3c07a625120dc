// Package smoke test, built by .ci/run in a temporary directory against the packages in artifacts/ (never the sources):
// proof that SatDownload works as a user gets it from a feed. Runs an ICEYE task through SatDownloadClient on the
// in-process emulator, checks every file's SHA-256 against the emulator's copy, the STAC catalog and the journal, and
// that a re-run orders and downloads nothing.
using System.Security.Cryptography;
using SatDownload;
using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

var output = Path.GetFullPath(args.Length > 0 ? args[0] : "smoke-output");
var clock = new VirtualClock(DateTimeOffset.UtcNow) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10), AutoAdvance = true };
var iceye = new IceyeEmulator(new IceyeEmulatorOptions
{
    ReceivedDuration = TimeSpan.FromMinutes(1),
    ActiveDuration = TimeSpan.FromMinutes(2),
    FulfilledDuration = TimeSpan.FromMinutes(1),
});
await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye }, Clock = clock });
var options = new IceyeClientOptions
{
    BaseAddress = iceye.GetApiBaseAddress(),
    TokenEndpoint = iceye.GetTokenEndpoint(),
    ClientId = iceye.Options.ClientId,
    ClientSecret = iceye.Options.ClientSecret,
    TimeProvider = clock,
    Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) },
};
var satOptions = new SatDownloadClientOptions { TimeProvider = clock, DownloaderOptions = new AssetDownloaderOptions { TimeProvider = clock } };
satOptions.Providers.Add(new IceyeImageryProvider(new IceyeClient(options)));
var client = new SatDownloadClient(satOptions);

var now = clock.GetUtcNow();
var request = new IceyeTaskImageryRequest(new IceyeCreateTaskRequest
{
    ContractId = IceyeEmulator.DefaultContractId,
    PointOfInterest = IceyePointOfInterest.FromAoi(Aoi.FromBoundingBox(24.90, 60.15, 24.97, 60.19)),
    AcquisitionWindow = new IceyeAcquisitionWindow(now.AddHours(2), now.AddHours(50)),
    ImagingMode = IceyeImagingMode.Spotlight,
    Reference = "package-smoke",
});
var flow = await client.DownloadAsync(request, output);
var results = flow.Downloads;
if (flow.ManifestPath is null || !File.Exists(flow.ManifestPath) || flow.JournalPath is null || !File.Exists(flow.JournalPath))
{
    Console.Error.WriteLine("FAIL: no STAC catalog or journal at the destination");
    return 1;
}

// A second run finds the task in the journal: nothing is ordered again and no file is fetched again.
var again = await client.DownloadAsync(request, output);
if (!again.ResumedFromJournal || again.TaskId != flow.TaskId || iceye.Tasks.Count != 1 || !again.Downloads.All(d => d.Skipped))
{
    Console.Error.WriteLine($"FAIL: the re-run ordered again or downloaded again ({again})");
    return 1;
}

// Every file must be byte-identical to one the emulator serves.
var served = emulator.Blobs.Names.Select(n => Convert.ToHexStringLower(emulator.Blobs.Get(n).Sha256.Span)).ToHashSet(StringComparer.Ordinal);
var failures = 0;
foreach (var result in results)
{
    if (!result.Succeeded || result.FilePath is null || !File.Exists(result.FilePath))
    {
        Console.Error.WriteLine($"FAIL {result.Asset.Identity}: {result.Exception?.Message ?? "no file"}");
        failures++;
        continue;
    }

    var onDisk = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(result.FilePath)));
    if (!served.Contains(onDisk) || result.BytesWritten != new FileInfo(result.FilePath).Length)
    {
        Console.Error.WriteLine($"FAIL {result.Asset.Identity}: sha256 {onDisk} on disk matches no file the emulator serves");
        failures++;
        continue;
    }

    Console.WriteLine($"ok {Path.GetRelativePath(output, result.FilePath)} {result.BytesWritten} bytes sha256 {onDisk}");
}

Console.WriteLine($"package smoke: {results.Count - failures} of {results.Count} files verified in {output}");
return failures == 0 && results.Count > 0 ? 0 : 1;
