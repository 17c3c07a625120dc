namespace SatDownload.GeoJson;

/// <summary>A JSON array of positions or of further arrays inside <c>coordinates</c>.</summary>
internal sealed class CoordinateArrayNode : CoordinateNode
{
    public CoordinateArrayNode(List<CoordinateNode> items)
    {
        Items = items;
    }

    public List<CoordinateNode> Items { get; }

    public override int Depth => Items.Count == 0 ? -1 : Items[0].Depth < 0 ? -1 : Items[0].Depth + 1;
}
