using NetTopologySuite.Geometries;

namespace SatDownload;

/// <summary>One polygon as given by the caller (rings possibly unclosed or out of range), with where it came from.</summary>
internal sealed class AoiPolygonInput
{
    public AoiPolygonInput(string location, Coordinate[][] rings)
    {
        Location = location;
        Rings = rings;
    }

    /// <summary>For messages, for example "polygon 0" or "feature 2, polygon 1".</summary>
    public string Location { get; }

    /// <summary>Exterior ring first, then holes; 2-D copies owned by the AOI.</summary>
    public Coordinate[][] Rings { get; }
}
