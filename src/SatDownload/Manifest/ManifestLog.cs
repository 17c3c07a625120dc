using Microsoft.Extensions.Logging;

namespace SatDownload.Manifest;

/// <summary>Log messages of the STAC manifest writer.</summary>
internal static partial class ManifestLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The STAC file {Path} could not be read ({Problem}); it was kept as {Aside} and written anew")]
    public static partial void Replaced(ILogger logger, string path, string problem, string aside);
}
