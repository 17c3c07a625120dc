using System.Security.Cryptography;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tests.Emulator;
using SatDownload.Iceye.Unified;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Iceye.Tests.Unified;

/// <summary>
/// The ICEYE emulator, a temporary destination and <see cref="SatDownloadClient"/>s over an <see cref="IceyeImageryProvider"/>.
/// An ICEYE task takes about ten virtual hours (20 min RECEIVED, 6 h ACTIVE, 4 h FULFILLED): the clock jumps to timers up to
/// two hours away and the client polls every 30 minutes to 2 hours, so a whole task takes a dozen polls and no real time.
/// The downloader keeps real time (its idle timeouts must not make the clock jump).
/// </summary>
internal sealed class IceyeUnifiedHarness : IAsyncDisposable
{
    private IceyeUnifiedHarness(IceyeTestEnvironment env, string directory)
    {
        Env = env;
        Directory = directory;
        Http = new HttpClient();
        Origin = env.Clock.GetUtcNow();
    }

    /// <summary>The virtual time the harness started at: requests are built from it, so a later run builds the same request.</summary>
    public DateTimeOffset Origin { get; }

    public IceyeTestEnvironment Env { get; }

    public string Directory { get; }

    public HttpClient Http { get; }

    public static TaskPollingOptions Polling { get; } = new() { InitialInterval = TimeSpan.FromMinutes(30), MaxInterval = TimeSpan.FromHours(2) };

    public static DownloadOptions Fast { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>Task creations (<c>POST /api/tasking/v2/tasks</c>) the emulator received.</summary>
    public int TaskCreations => Env.Host.Requests.Count(r => r.Method == "POST" && r.Path == "/iceye/api/tasking/v2/tasks");

    public static async Task<IceyeUnifiedHarness> StartAsync(IceyeEmulatorOptions? options = null)
    {
        var env = await IceyeTestEnvironment.StartAsync(options ?? new IceyeEmulatorOptions { GeoTiffImagery = false, DataFileSize = 200_000 });
        env.Clock.AutoAdvanceMaxDelay = TimeSpan.FromHours(2);
        return new IceyeUnifiedHarness(env, System.IO.Directory.CreateTempSubdirectory("satdl-iceye-unified").FullName);
    }

    public IceyeImageryProvider CreateProvider() => new(Env.Client);

    public SatDownloadClient CreateClient(Action<SatDownloadClientOptions>? configure = null)
    {
        var options = new SatDownloadClientOptions { TimeProvider = Env.Clock, DownloadOptions = Fast };
        options.Providers.Add(CreateProvider());
        options.PollingByProvider[ProviderNames.Iceye] = Polling;
        configure?.Invoke(options);
        return new SatDownloadClient(options, new AssetDownloader(Http));
    }

    /// <summary>A valid new-task request: spotlight over Helsinki, GRD (an SLA type) plus SLC (delivered when DONE).</summary>
    public IceyeTaskImageryRequest NewRequest(Action<IceyeCreateTaskRequest>? configure = null)
    {
        var task = Env.NewRequest();
        task.AcquisitionWindow = new IceyeAcquisitionWindow(Origin.AddHours(1), Origin.AddDays(2));
        task.ProductTypes = new List<IceyeProductType> { IceyeProductType.Grd, IceyeProductType.Slc };
        configure?.Invoke(task);
        return new IceyeTaskImageryRequest(task);
    }

    /// <summary>The SHA-256 of the emulator blob an asset's signed URL points at.</summary>
    public string ExpectedSha256Of(ImageryAsset asset)
    {
        var path = asset.Href!.AbsolutePath;
        foreach (var prefix in new[] { EmulatorBlobStore.SignedPathPrefix, EmulatorBlobStore.BlobsPathPrefix })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                var name = string.Join('/', path[prefix.Length..].Split('/').Select(Uri.UnescapeDataString));
                return Env.Host.Blobs.Get(name).Sha256Hex;
            }
        }

        throw new InvalidOperationException("Not an emulator blob URL: " + path);
    }

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Env.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
