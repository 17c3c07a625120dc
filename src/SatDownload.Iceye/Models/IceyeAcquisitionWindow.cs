using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>
/// When the acquisition may happen (the wire object <c>acquisitionWindow{start,end}</c>, RFC 3339). ICEYE requires the
/// window to last at least 24 hours and to end at most 14 days ahead.
/// </summary>
public sealed class IceyeAcquisitionWindow
{
    /// <summary>Creates an empty window (for deserialization).</summary>
    public IceyeAcquisitionWindow()
    {
    }

    /// <summary>Creates a window.</summary>
    /// <param name="start">The earliest acquisition time.</param>
    /// <param name="end">The latest acquisition time.</param>
    public IceyeAcquisitionWindow(DateTimeOffset start, DateTimeOffset end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The earliest acquisition time.</summary>
    [JsonPropertyName("start")]
    public DateTimeOffset Start { get; init; }

    /// <summary>The latest acquisition time.</summary>
    [JsonPropertyName("end")]
    public DateTimeOffset End { get; init; }

    /// <summary>The window's length.</summary>
    [JsonIgnore]
    public TimeSpan Duration => End - Start;
}
