using System.Text.Json;

namespace SatDownload.GeoJson;

/// <summary>The document has more positions than the caller allows; thrown before the rest is read.</summary>
internal sealed class PositionLimitExceededException : JsonException
{
    public PositionLimitExceededException(string path, string message, int limit)
        : base(message, path, null, null)
    {
        Limit = limit;
    }

    public int Limit { get; }
}
