using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>The point ICEYE images, WGS84 degrees (the wire object <c>pointOfInterest{lat,lon}</c>).</summary>
public sealed class IceyePointOfInterest
{
    /// <summary>Creates an empty point (for deserialization).</summary>
    public IceyePointOfInterest()
    {
    }

    /// <summary>Creates a point.</summary>
    /// <param name="latitude">Latitude in degrees, -90 to 90.</param>
    /// <param name="longitude">Longitude in degrees, -180 to 180.</param>
    public IceyePointOfInterest(double latitude, double longitude)
    {
        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>
    /// The point to task for an area of interest: its centroid (ICEYE tasks a point; the imaging mode decides the
    /// footprint around it, so check that the mode's scene size covers the area).
    /// </summary>
    /// <param name="aoi">A validated area of interest.</param>
    /// <returns>The centroid as latitude/longitude.</returns>
    public static IceyePointOfInterest FromAoi(Aoi aoi)
    {
        ArgumentNullException.ThrowIfNull(aoi);
        var centroid = aoi.Centroid;
        return new IceyePointOfInterest(centroid.Y, centroid.X);
    }

    /// <summary>Latitude in degrees, -90 to 90.</summary>
    [JsonPropertyName("lat")]
    public double Latitude { get; init; }

    /// <summary>Longitude in degrees, -180 to 180.</summary>
    [JsonPropertyName("lon")]
    public double Longitude { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({Latitude}, {Longitude})");
}
