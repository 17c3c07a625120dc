using NetTopologySuite.Geometries;

namespace SatDownload;

/// <summary>
/// Adds 360° to longitudes at or west of a given eastern edge, so the two halves of an area split at the antimeridian
/// become contiguous (for example -175° becomes 185°) and planar computations such as the centroid work across it.
/// </summary>
internal sealed class LongitudeShiftFilter : ICoordinateSequenceFilter
{
    private readonly double _east;

    public LongitudeShiftFilter(double east)
    {
        _east = east;
    }

    public bool Done => false;

    public bool GeometryChanged => true;

    public void Filter(CoordinateSequence seq, int i)
    {
        var x = seq.GetX(i);
        if (x <= _east)
        {
            seq.SetX(i, x + 360);
        }
    }
}
