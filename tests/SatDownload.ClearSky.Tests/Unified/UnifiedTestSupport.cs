using System.Text.Json;
using SatDownload.ClearSky.Tests.EndToEnd;
using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.ClearSky.Unified;

namespace SatDownload.ClearSky.Tests.Unified;

/// <summary>Requests and a <see cref="SatDownloadClient"/> over the ClearSKY emulator for the unified-flow tests.</summary>
internal static class UnifiedTestSupport
{
    public const string CompositePath = "/clearsky/api/satelliteimages/process/composite";
    public const string EstimatePath = "/clearsky/api/satelliteimages/process/composite/estimate";
    public const string AvailablePath = "/clearsky/api/satelliteimages/process/composite/available";
    public const string TilePath = "/clearsky/api/satelliteimages/process/tile";
    public const string MiniTilePath = "/clearsky/api/satelliteimages/process/minitile";

    public static readonly Guid TileGuid = Guid.Parse("6f1c2f7e-2b7c-4c2e-9d55-0a3c1b1d2e01");
    public static readonly Guid MiniTileGuid = Guid.Parse("0b9e4a51-8a0c-4d4e-b1f2-7c2d4e5f6a02");

    /// <summary>The founding document's minimal composite (TestData/minimal-composite.json).</summary>
    public static ClearSkyCompositeImageryRequest Composite() => new(CompositeSequenceTests.MinimalRequest());

    public static ClearSkyTileImageryRequest Tile() => new(new ClearSkyTileRequest
    {
        TileGuid = TileGuid,
        Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
        Model = "Stratus2",
        SatelliteConstellations = ["Sentinel2"],
    });

    public static ClearSkyMinitileImageryRequest MiniTile() => new(new ClearSkyTileRequest
    {
        MiniTileGuid = MiniTileGuid,
        Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
        Model = "Stratus2",
        SatelliteConstellations = ["Sentinel1", "Sentinel2"],
    });

    public static DownloadOptions Fast(DownloadBudget? budget = null) => new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        Budget = budget,
    };

    public static SatDownloadClient SatClient(ClearSkyTestContext ctx, Action<SatDownloadClientOptions>? configure = null)
    {
        var options = new SatDownloadClientOptions { DownloadOptions = Fast() };
        options.Providers.Add(new ClearSkyImageryProvider(ctx.Client()));
        configure?.Invoke(options);
        return new SatDownloadClient(options);
    }

    public static int Posts(ClearSkyTestContext ctx, string path) =>
        ctx.Emulator.Requests.Count(r => r.Method == "POST" && r.Path == path);

    /// <summary>The STAC item the catalog links to, and its directory.</summary>
    public static (JsonDocument Item, string Directory) ReadItem(string catalogPath)
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(catalogPath));
        var link = Assert.Single(catalog.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "item");
        var itemPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(catalogPath)!, link.GetProperty("href").GetString()!));
        return (JsonDocument.Parse(File.ReadAllText(itemPath)), Path.GetDirectoryName(itemPath)!);
    }
}
