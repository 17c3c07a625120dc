namespace SatDownload.GeoJson;

/// <summary>A GeoJSON position: longitude, latitude and an optional elevation (<see cref="double.NaN"/> when absent).</summary>
internal sealed class PositionNode : CoordinateNode
{
    public PositionNode(double x, double y, double z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public double X { get; }

    public double Y { get; }

    public double Z { get; }

    public override int Depth => 0;
}
