namespace SatDownload.GeoJson;

/// <summary>
/// The <c>coordinates</c> member as read, before its shape is checked against the geometry type. Why: GeoJSON members
/// may come in any order, so <c>coordinates</c> can arrive before <c>type</c>; the nesting is kept and checked later.
/// </summary>
internal abstract class CoordinateNode
{
    /// <summary>Array nesting below this node: 0 for a position, 1 for a list of positions, ...; -1 when unknown (empty array).</summary>
    public abstract int Depth { get; }
}
