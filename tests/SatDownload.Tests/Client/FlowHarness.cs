using System.Security.Cryptography;
using SatDownload.Testing;

namespace SatDownload.Tests.Client;

/// <summary>An emulator with <see cref="FakeSatEmulator"/>, a temporary destination and clients over them.</summary>
internal sealed class FlowHarness : IAsyncDisposable
{
    private FlowHarness(ProviderEmulator emulator, FakeSatEmulator fakeSat, string directory)
    {
        Emulator = emulator;
        FakeSat = fakeSat;
        Directory = directory;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 });
    }

    public ProviderEmulator Emulator { get; }

    public FakeSatEmulator FakeSat { get; }

    public string Directory { get; }

    public HttpClient Http { get; }

    /// <summary>Test-speed download retries.</summary>
    public static DownloadOptions Fast { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    public int TaskCreations => Emulator.Requests.Count(r => r.Method == "POST" && r.Path == "/fakesat/tasks");

    public static async Task<FlowHarness> StartAsync()
    {
        var fakeSat = new FakeSatEmulator();
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { fakeSat } });

        // Polling waits on the emulator's clock, which jumps to each due timer: ten virtual minutes take no real time.
        emulator.Clock.AutoAdvance = true;
        var dir = System.IO.Directory.CreateTempSubdirectory("satdl-flow").FullName;
        return new FlowHarness(emulator, fakeSat, dir);
    }

    public FakeSatProvider CreateProvider() => new(Http, Emulator.GetProviderUri(FakeSat), Emulator.Clock);

    public SatDownloadClient CreateClient(Action<SatDownloadClientOptions>? configure = null)
    {
        var options = new SatDownloadClientOptions { TimeProvider = Emulator.Clock, DownloadOptions = Fast };
        options.Providers.Add(CreateProvider());
        configure?.Invoke(options);

        // The downloader keeps real time: its idle timeouts must not make the virtual clock jump.
        return new SatDownloadClient(options, new AssetDownloader(Http));
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    public string VisualPath => Path.Combine(Directory, "fakesat", "scene-S1", "visual.tif");

    public string AnalyticPath => Path.Combine(Directory, "fakesat", "scene-S1", "analytic.tif");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
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
