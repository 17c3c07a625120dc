using System.Globalization;
using SatDownload.Capella;
using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;

namespace SatDownload.Samples.Pipeline.Jobs;

/// <summary>
/// Turns a configured job into the provider's <see cref="ImageryRequest"/>. Parameters per provider:
/// <list type="bullet">
/// <item><description><c>clearsky</c>: <c>Date</c> (yyyy-MM-dd), <c>Resolution</c> (m), <c>Model</c>, <c>Constellations</c> (comma-separated); needs <c>Aoi</c>.</description></item>
/// <item><description><c>iceye</c>: <c>TaskId</c> (download an existing task, orders nothing), or <c>ContractId</c>, <c>ImagingMode</c>,
/// <c>WindowStartHours</c> and <c>WindowHours</c> (from the current hour) to create a task over the AOI's centroid.</description></item>
/// <item><description><c>capella</c>: <c>AoiId</c> (a Capella AOI registered for change monitoring).</description></item>
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
            _ => throw new ArgumentException(
                $"Job '{job.Name}': provider '{job.Provider}' is not supported by this pipeline (supported: clearsky, iceye, capella). Fix Pipeline:Jobs[].Provider.",
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
