using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Eos.Unified;

namespace SatDownload.Eos.Tests.Unified;

/// <summary>Builds SatDownloadClient over the EOS emulator harness.</summary>
internal static class UnifiedHarness
{
    public static DownloadOptions Fast { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    public static SatDownloadClient CreateSatDownloadClient(
        this EosHarness h, Action<SatDownloadClientOptions>? configure = null, EosClient? client = null, EosImageryProviderOptions? providerOptions = null)
    {
        var options = new SatDownloadClientOptions { TimeProvider = h.Clock, DownloadOptions = Fast };
        options.Providers.Add(new EosImageryProvider(client ?? h.CreateClient(), providerOptions));
        configure?.Invoke(options);
        return new SatDownloadClient(options, h.CreateDownloader());
    }

    public static EosLoadByExtentImageryRequest Request(string[]? bands = null, bool? merge = true) =>
        new(new EosLoadByExtentRequest
        {
            ViewId = "S2/13/R/EL/2023/7/19/0",
            Bands = bands ?? ["B04", "B08"],
            Merge = merge,
            Aoi = EosHarness.Square(),
        });

    public static int Creates(this EosHarness h) =>
        h.EosRequests().Count(r => r.Method == "POST" && r.Path == "/eos/api/gdw/api");
}
