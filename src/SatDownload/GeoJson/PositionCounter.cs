using System.Globalization;

namespace SatDownload.GeoJson;

/// <summary>
/// Counts positions while a document is read and stops early past a limit. Why: the AOI vertex limit would otherwise
/// only be checked after a hostile multi-megabyte document had been turned into objects.
/// </summary>
internal sealed class PositionCounter
{
    public PositionCounter(int limit)
    {
        Limit = limit;
    }

    public static PositionCounter Unlimited => new(int.MaxValue);

    public int Limit { get; }

    public int Count { get; private set; }

    public void Add(JsonPathTracker path)
    {
        Count++;
        if (Count > Limit)
        {
            throw new PositionLimitExceededException(
                path.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"Invalid GeoJSON at {path}: the document has more than {Limit:N0} positions."),
                Limit);
        }
    }
}
