namespace SatDownload.GeoJson;

/// <summary>
/// A GeoJSON object (geometry, Feature or FeatureCollection) as read in one forward pass, before it is turned into
/// NetTopologySuite geometries. Why: the AOI validator wants the raw rings (possibly unclosed or out of range) so it can
/// report every problem at once, while <see cref="GeoJsonReader"/> wants strict geometries.
/// </summary>
internal sealed class RawGeoJsonObject
{
    public RawGeoJsonObject(string type, string path)
    {
        Type = type;
        Path = path;
    }

    /// <summary>The <c>type</c> member.</summary>
    public string Type { get; }

    /// <summary>JSON path of the object itself.</summary>
    public string Path { get; }

    /// <summary>The <c>coordinates</c> member (geometries other than GeometryCollection).</summary>
    public CoordinateNode? Coordinates { get; set; }

    /// <summary>The <c>geometries</c> member of a GeometryCollection.</summary>
    public List<RawGeoJsonObject>? Geometries { get; set; }

    /// <summary>The <c>geometry</c> member of a Feature (null when the JSON value is null).</summary>
    public RawGeoJsonObject? Geometry { get; set; }

    /// <summary>Whether a Feature had a <c>geometry</c> member at all.</summary>
    public bool HasGeometryMember { get; set; }

    /// <summary>The <c>features</c> member of a FeatureCollection.</summary>
    public List<RawGeoJsonObject>? Features { get; set; }

    public string CoordinatesPath => Path + ".coordinates";

    public bool IsGeometry => GeoJsonTypes.IsGeometryType(Type);
}
