using System.Globalization;

namespace SatDownload;

/// <summary>
/// A longitude/latitude bounding box in WGS84 degrees, in RFC 7946 §5 order (west, south, east, north). When
/// <see cref="West"/> is greater than <see cref="East"/> the box crosses the antimeridian (for example west 170,
/// east -170 is 20° wide).
/// </summary>
/// <param name="West">Western edge, longitude in degrees [-180, 180].</param>
/// <param name="South">Southern edge, latitude in degrees [-90, 90].</param>
/// <param name="East">Eastern edge, longitude in degrees [-180, 180]; less than <paramref name="West"/> across the antimeridian.</param>
/// <param name="North">Northern edge, latitude in degrees [-90, 90].</param>
public readonly record struct BoundingBox(double West, double South, double East, double North)
{
    /// <summary>Whether the box crosses the antimeridian (<see cref="West"/> greater than <see cref="East"/>).</summary>
    public bool CrossesAntimeridian => West > East;

    /// <summary>Width in degrees of longitude, taking the antimeridian into account.</summary>
    public double Width => CrossesAntimeridian ? East - West + 360.0 : East - West;

    /// <summary>Height in degrees of latitude.</summary>
    public double Height => North - South;

    /// <summary>The box as [west, south, east, north], the GeoJSON and STAC <c>bbox</c> order.</summary>
    /// <returns>A new four-element array.</returns>
    public double[] ToArray() => new[] { West, South, East, North };

    /// <summary>Invariant-culture text "[west, south, east, north]" with round-trip precision.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{West:R}, {South:R}, {East:R}, {North:R}]");
}
