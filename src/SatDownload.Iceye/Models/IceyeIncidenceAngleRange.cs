using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>The accepted incidence angles in degrees (the wire object <c>incidenceAngle{min,max}</c>); defaults to the imaging mode's performant range when omitted.</summary>
public sealed class IceyeIncidenceAngleRange
{
    /// <summary>Creates an empty range (for deserialization).</summary>
    public IceyeIncidenceAngleRange()
    {
    }

    /// <summary>Creates a range.</summary>
    /// <param name="minimum">The smallest accepted angle, degrees.</param>
    /// <param name="maximum">The largest accepted angle, degrees.</param>
    public IceyeIncidenceAngleRange(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The smallest accepted angle, degrees.</summary>
    [JsonPropertyName("min")]
    public double Minimum { get; init; }

    /// <summary>The largest accepted angle, degrees.</summary>
    [JsonPropertyName("max")]
    public double Maximum { get; init; }
}
