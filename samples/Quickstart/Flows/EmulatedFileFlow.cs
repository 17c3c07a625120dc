using SatDownload.Testing;

namespace SatDownload.Samples.Quickstart.Flows;

/// <summary>
/// The provider-independent flow: a georeferenced GeoTIFF of the AOI behind a one-hour signed URL, plus a larger file
/// whose connection drops half-way, downloaded through the shared <see cref="AssetDownloader"/> (resume, SHA-256, atomic commit).
/// </summary>
internal sealed class EmulatedFileFlow : IQuickstartFlow
{
    public string Provider => ProviderNames.Url;

    public IReadOnlyList<string> LiveEnvironmentVariables => Array.Empty<string>();

    public async Task<FlowOutcome> RunAsync(FlowContext context, CancellationToken cancellationToken)
    {
        var emulator = context.Emulator ?? throw new InvalidOperationException("The file flow only runs against the emulator.");
        var bbox = context.Aoi.BoundingBox;
        var tiff = new GeoTiffWriter
        {
            Width = 256,
            Height = 256,
            BandCount = 3,
            Extent = new GeoTiffExtent(bbox.West, bbox.South, bbox.East, bbox.North),
            EpsgCode = GeoTiffWriter.Wgs84EpsgCode,
        }.ToArray();
        emulator.Blobs.Put("quickstart/scene-rgb.tif", tiff, GeoTiffWriter.ContentType);
        emulator.Blobs.PutGenerated("quickstart/scene-large.bin", 24L * 1024 * 1024, seed: 42);

        // A dropped connection half-way through the large file: the downloader resumes from the last byte written.
        emulator.Faults.OnBlob("quickstart/scene-large.bin").AbortAfterBytes(12L * 1024 * 1024, times: 1);

        var signedResolver = new DelegateSignedUrlResolver((asset, _, _) =>
            ValueTask.FromResult(new DownloadLocation(emulator.Blobs.GetSignedUrl("quickstart/scene-rgb.tif", TimeSpan.FromHours(1)))
            {
                ExpiresAt = emulator.Clock.GetUtcNow().AddHours(1),
            }));

        var assets = new[]
        {
            new ImageryAsset
            {
                Provider = "emulated",
                ProductId = "quickstart-scene",
                AssetKey = "rgb",
                Title = "RGB GeoTIFF of the AOI",
                MediaType = GeoTiffWriter.ContentType,
                Roles = new[] { AssetRoles.Data, AssetRoles.Visual },
                Href = new Uri("emulated://quickstart/scene-rgb.tif"),
                SuggestedFileName = "scene-rgb.tif",
                Resolver = signedResolver,
                Footprint = context.Aoi.Geometry,
            },
            ImageryAsset.FromUrl(emulator.Blobs.GetUrl("quickstart/scene-large.bin")) with
            {
                Provider = "emulated",
                ProductId = "quickstart-scene",
                AssetKey = "large",
                SuggestedFileName = "scene-large.bin",
            },
        };

        var results = await context.Downloader.DownloadAsync(assets, context.OutputDirectory, context.DownloadOptions, context.Progress, cancellationToken).ConfigureAwait(false);
        return new FlowOutcome { Provider = "emulated", Files = FlowOutcome.FromResults(results), Note = "signed URL, resumed" };
    }
}
