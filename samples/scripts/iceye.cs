#:project ../../src/SatDownload.Iceye/SatDownload.Iceye.csproj
#:project ../../src/SatDownload.Testing/SatDownload.Testing.csproj
#:property PublishAot=false

// ICEYE tasking from task to files on disk.
//
//   dotnet run samples/scripts/iceye.cs [output-directory]
//
// By default it runs against the in-process ICEYE emulator (virtual clock: hours of tasking pass in seconds).
// With SATDOWNLOAD_ICEYE_CLIENT_ID, SATDOWNLOAD_ICEYE_CLIENT_SECRET and SATDOWNLOAD_ICEYE_TOKEN_URL set it talks to
// ICEYE instead. Creating a real task costs money, so against ICEYE it only lists contracts and tasks, downloads the
// products of SATDOWNLOAD_ICEYE_TASK_ID when set, and creates a task only when SATDOWNLOAD_ICEYE_CREATE_TASK=1.

using SatDownload;
using SatDownload.Iceye;
using SatDownload.Iceye.Assets;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tasks;
using SatDownload.Iceye.Unified;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

var output = args.Length > 0 ? args[0] : Path.Combine(Directory.GetCurrentDirectory(), "iceye-output");
var useIceye = IceyeClientOptions.EnvironmentHasCredentials();
ProviderEmulator? emulator = null;
IceyeClientOptions options;
TimeProvider clock = TimeProvider.System;

if (useIceye)
{
    options = IceyeClientOptions.FromEnvironment();
    Console.WriteLine($"Using ICEYE at {options.BaseAddress}");
}
else
{
    // Short timers (retry delays, polling) jump ahead at once; long ones (request timeouts) stay real.
    var virtualClock = new VirtualClock(DateTimeOffset.UtcNow) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(10), AutoAdvance = true };
    var iceyeEmulator = new IceyeEmulator(new IceyeEmulatorOptions
    {
        ReceivedDuration = TimeSpan.FromMinutes(1),
        ActiveDuration = TimeSpan.FromMinutes(3),
        FulfilledDuration = TimeSpan.FromMinutes(2),
    });
    emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceyeEmulator }, Clock = virtualClock });
    clock = virtualClock;
    options = new IceyeClientOptions
    {
        BaseAddress = iceyeEmulator.GetApiBaseAddress(),
        TokenEndpoint = iceyeEmulator.GetTokenEndpoint(),
        ClientId = iceyeEmulator.Options.ClientId,
        ClientSecret = iceyeEmulator.Options.ClientSecret,
        TimeProvider = virtualClock,
        Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) },
    };
    Console.WriteLine($"Using the ICEYE emulator at {iceyeEmulator.GetApiBaseAddress()} (set SATDOWNLOAD_ICEYE_* to use ICEYE)");
}

try
{
    var client = new IceyeClient(options);
    var downloader = new AssetDownloader(new HttpClient(), new AssetDownloaderOptions { TimeProvider = clock });

    IceyeContract? contract = null;
    await foreach (var c in client.GetContractsAsync())
    {
        Console.WriteLine($"contract {c.Id}: {c.Name}");
        contract ??= c;
    }

    IceyeTask? task = null;
    if (Environment.GetEnvironmentVariable("SATDOWNLOAD_ICEYE_TASK_ID") is { Length: > 0 } existing)
    {
        task = await client.GetTaskAsync(existing);
    }
    else if (!useIceye || Environment.GetEnvironmentVariable("SATDOWNLOAD_ICEYE_CREATE_TASK") == "1")
    {
        var now = clock.GetUtcNow();
        task = await client.CreateTaskAsync(new IceyeCreateTaskRequest
        {
            ContractId = contract?.Id ?? throw new InvalidOperationException("No ICEYE contract is available to task under."),
            PointOfInterest = new IceyePointOfInterest(60.1699, 24.9384),
            AcquisitionWindow = new IceyeAcquisitionWindow(now.AddHours(2), now.AddHours(50)),
            ImagingMode = IceyeImagingMode.Spotlight,
            Reference = "satdownload-sample",
            ProductTypes = useIceye ? null : new List<IceyeProductType> { IceyeProductType.Sicd },
        });
        Console.WriteLine($"created {task}");
    }
    else
    {
        await foreach (var t in client.GetTasksAsync())
        {
            Console.WriteLine($"task {t.Id}: {t.Status} {t.ImagingMode} {t.AcquisitionWindow?.Start:O}");
        }

        Console.WriteLine("Set SATDOWNLOAD_ICEYE_TASK_ID to download a task's products.");
        return 0;
    }

    string? lastStatus = null;
    var progress = new SynchronousProgress(p =>
    {
        if (p.ProviderStatus != lastStatus)
        {
            lastStatus = p.ProviderStatus;
            Console.WriteLine($"  {p.ProviderStatus} ({p.Status}) after {p.Elapsed}");
        }
    });

    // FULFILLED: the SLA products can be downloaded while the others are still being processed.
    await task.WaitForCompletionAsync(new TaskPollingOptions
    {
        InitialInterval = options.Polling.InitialInterval,
        MaxInterval = options.Polling.MaxInterval,
        CompleteWhenAssetsAvailable = true,
    }, progress);
    var first = await Download(task, new IceyeAssetFilter(), "available now");

    // DONE: everything else.
    await task.WaitForCompletionAsync(options.Polling, progress);
    var rest = new IceyeAssetFilter();
    foreach (var id in first.Select(r => r.Asset.ProductId).Distinct())
    {
        rest.ExcludeProductIds.Add(id);
    }

    var second = await Download(task, rest, "delivered when DONE");
    var all = first.Concat(second).ToList();
    Console.WriteLine($"{all.Count(r => r.Succeeded)} of {all.Count} files in {output}");

    // The same task through SatDownloadClient, the one flow every provider shares: a journal (a re-run resumes this
    // task instead of ordering again) and a STAC catalog next to the files. A new IceyeTaskImageryRequest(createRequest)
    // would create the task itself.
    var unifiedOptions = new SatDownloadClientOptions { TimeProvider = clock };
    unifiedOptions.Providers.Add(new IceyeImageryProvider(client));
    var unified = await new SatDownloadClient(unifiedOptions, downloader)
        .DownloadAsync(IceyeTaskImageryRequest.ForExistingTask(task.Id), Path.Combine(output, "unified"));
    Console.WriteLine($"SatDownloadClient: {unified}; catalog {unified.ManifestPath}");
    return all.All(r => r.Succeeded) && all.Count > 0 && unified.Succeeded ? 0 : 1;

    async Task<IReadOnlyList<DownloadResult>> Download(IceyeTask t, IceyeAssetFilter filter, string label)
    {
        var assets = new List<ImageryAsset>();
        await foreach (var a in t.GetAssetsAsync(filter))
        {
            assets.Add(a);
        }

        Console.WriteLine($"{t.ProviderStatus}: {assets.Count} files {label}");
        var results = await downloader.DownloadAsync(assets, output);
        foreach (var r in results)
        {
            Console.WriteLine(r.Succeeded
                ? $"  {r.Asset.Properties["sar:product_type"],-8} {r.Asset.AssetKey,-15} {r.BytesWritten,10:N0} bytes  sha256 {r.Sha256?[..16]}…  {Path.GetRelativePath(output, r.FilePath!)}"
                : $"  FAILED {r.Asset.Identity}: {r.Exception?.Message}");
        }

        return results;
    }
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}

/// <summary>Reports inline, so status lines print in order.</summary>
sealed class SynchronousProgress(Action<ProviderTaskProgress> report) : IProgress<ProviderTaskProgress>
{
    public void Report(ProviderTaskProgress value) => report(value);
}
