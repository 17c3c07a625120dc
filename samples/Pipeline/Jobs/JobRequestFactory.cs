using System.Globalization;
using SatDownload.Capella;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;
using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;

namespace SatDownload.Samples.Pipeline.Jobs;

/// <summary>
/// Turns a configured job into the provider's <see cref="ImageryRequest"/>. Parameters per provider:
/// <list type="bullet">
/// <item><description><c>clearsky</c>: <c>Date</c> (yyyy-MM-dd), <c>Resolution</c> (m), <c>Model</c>, <c>Constellations</c> (comma-separated); needs <c>Aoi</c>.</description></item>
/// <item><description><c>iceye</c>: <c>TaskId</c> (download an existing task, orders nothing), or <c>ContractId</c>, <c>ImagingMode</c>,
/// <c>WindowStartHours</c> and <c>WindowHours</c> (from the current hour) to create a task over the AOI's centroid.</description></item>
/// <item><description><c>capella</c>: <c>AoiId</c> (a Capella AOI registered for change monitoring).</description></item>
/// <item><description><c>sentinel-hub</c>: a Process API GeoTIFF of the AOI in its UTM zone: <c>Collection</c> (default <c>sentinel-2-l2a</c>),
/// <c>From</c> and <c>To</c> (yyyy-MM-dd), <c>MaxCloudCoverage</c> (%), <c>Resolution</c> (m), <c>Evalscript</c> (default true colour); needs <c>Aoi</c>.</description></item>
/// <item><description><c>eos</c>: a load-by-extent clip of one archive scene: <c>ViewId</c> (from an EOS scene search, see
/// <c>samples/scripts/eos.cs</c>), <c>Bands</c> (comma-separated), <c>Merge</c> (true/false); needs <c>Aoi</c>.</description></item>
/// </list>
/// </summary>
internal static class JobRequestFactory
{
    public static ImageryRequest Create(DownloadJob job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Provider.ToLowerInvariant() switch
        {
            ProviderNames.ClearSky => ClearSky(job),
            ProviderNames.Iceye => Iceye(job, now),
            ProviderNames.Capella => new CapellaChangeMapImageryRequest { AoiId = Required(job, "AoiId"), Files = CapellaAssetFilter.CloudOptimizedOnly },
            ProviderNames.SentinelHub => SentinelHub(job),
            ProviderNames.Eos => Eos(job),
            _ => throw new ArgumentException(
                $"Job '{job.Name}': provider '{job.Provider}' is not supported by this pipeline (supported: sentinel-hub, iceye, capella, eos, clearsky). Fix Pipeline:Jobs[].Provider.",
                nameof(job)),
        };
    }

    private static ClearSkyCompositeImageryRequest ClearSky(DownloadJob job) => new(new ClearSkyCompositeRequest
    {
        Aoi = RequiredAoi(job),
        Date = DateTimeOffset.ParseExact(Required(job, "Date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        Resolution = int.Parse(job.Parameters.GetValueOrDefault("Resolution", "10"), CultureInfo.InvariantCulture),
        EpsgProjection = RequiredAoi(job).UtmEpsgCode,
        Model = job.Parameters.GetValueOrDefault("Model", ClearSkyModels.Stratus2),
        SatelliteConstellations = job.Parameters.GetValueOrDefault("Constellations", ClearSkyModels.Sentinel2).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        Bandnames = "all",
    });

    private const string TrueColourEvalscript = """
        //VERSION=3
        function setup() { return { input: ["B02", "B03", "B04", "dataMask"], output: { bands: 4 } }; }
        function evaluatePixel(s) { return [2.5 * s.B04, 2.5 * s.B03, 2.5 * s.B02, s.dataMask]; }
        """;

    private static SentinelHubProcessImageryRequest SentinelHub(DownloadJob job)
    {
        var resolution = double.Parse(job.Parameters.GetValueOrDefault("Resolution", "10"), CultureInfo.InvariantCulture);
        var maxCloud = job.Parameters.TryGetValue("MaxCloudCoverage", out var cloud) ? double.Parse(cloud, CultureInfo.InvariantCulture) : (double?)null;
        var request = ProcessRequestBuilder.For(RequiredAoi(job))
            .InUtm()
            .AddData(job.Parameters.GetValueOrDefault("Collection", "sentinel-2-l2a"), Date(job, "From"), Date(job, "To"), d =>
            {
                d.DataFilter!.MaxCloudCoverage = maxCloud;
                d.DataFilter.MosaickingOrder = "leastCC";
            })
            .WithResolution(resolution, resolution)
            .AddResponse("default", SentinelHubFormats.Tiff)
            .WithEvalscript(job.Parameters.GetValueOrDefault("Evalscript", TrueColourEvalscript))
            .Build();
        return new SentinelHubProcessImageryRequest(request);
    }

    private static EosLoadByExtentImageryRequest Eos(DownloadJob job) => new(new EosLoadByExtentRequest
    {
        ViewId = Required(job, "ViewId"),
        Bands = Required(job, "Bands").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        Merge = bool.Parse(job.Parameters.GetValueOrDefault("Merge", "true")),
        Aoi = RequiredAoi(job),
    });

    private static DateTimeOffset Date(DownloadJob job, string key) =>
        DateTimeOffset.ParseExact(Required(job, key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static IceyeTaskImageryRequest Iceye(DownloadJob job, DateTimeOffset now)
    {
        if (job.Parameters.TryGetValue("TaskId", out var taskId))
        {
            return IceyeTaskImageryRequest.ForExistingTask(taskId);
        }

        // Whole hours: a restart within the hour is the same request, so the journal resumes the task it created.
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var start = hour.AddHours(double.Parse(job.Parameters.GetValueOrDefault("WindowStartHours", "3"), CultureInfo.InvariantCulture));
        return new IceyeTaskImageryRequest(new IceyeCreateTaskRequest
        {
            ContractId = Required(job, "ContractId"),
            PointOfInterest = IceyePointOfInterest.FromAoi(RequiredAoi(job)),
            AcquisitionWindow = new IceyeAcquisitionWindow(start, start.AddHours(double.Parse(job.Parameters.GetValueOrDefault("WindowHours", "48"), CultureInfo.InvariantCulture))),
            ImagingMode = new IceyeImagingMode(job.Parameters.GetValueOrDefault("ImagingMode", "SPOTLIGHT")),
            Reference = "satdownload-pipeline/" + job.Name,
        });
    }

    private static string Required(DownloadJob job, string key) =>
        job.Parameters.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"Job '{job.Name}' ({job.Provider}) needs Parameters:{key}. Add it under Pipeline:Jobs in appsettings.json.", nameof(job));

    private static Aoi RequiredAoi(DownloadJob job) => job.Aoi is { Length: > 0 } text
        ? text.TrimStart().StartsWith('{') ? SatDownload.Aoi.FromGeoJson(text) : SatDownload.Aoi.FromWkt(text)
        : throw new ArgumentException($"Job '{job.Name}' ({job.Provider}) needs an Aoi (WKT or GeoJSON).", nameof(job));
}
