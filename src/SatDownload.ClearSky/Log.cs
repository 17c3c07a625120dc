using Microsoft.Extensions.Logging;

namespace SatDownload.ClearSky;

/// <summary>Source-generated log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "ClearSKY estimate for payload {PayloadHash}: {Cost} processing units, {AreaKm2} km²")]
    public static partial void Estimated(ILogger logger, string payloadHash, decimal cost, double areaKm2);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "ClearSKY answered an upload request with {Status} instead of 201 Created")]
    public static partial void UnexpectedUploadStatus(ILogger logger, int status);
}
