namespace SatDownload.GeoJson;

/// <summary>The GeoJSON <c>type</c> names (RFC 7946 §1.4); they are case-sensitive.</summary>
internal static class GeoJsonTypes
{
    public const string Point = "Point";
    public const string MultiPoint = "MultiPoint";
    public const string LineString = "LineString";
    public const string MultiLineString = "MultiLineString";
    public const string Polygon = "Polygon";
    public const string MultiPolygon = "MultiPolygon";
    public const string GeometryCollection = "GeometryCollection";
    public const string Feature = "Feature";
    public const string FeatureCollection = "FeatureCollection";

    public const string AllNames = "Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection, Feature or FeatureCollection";

    public static bool IsGeometryType(string type) => type is Point or MultiPoint or LineString or MultiLineString or Polygon or MultiPolygon or GeometryCollection;

    public static bool IsKnown(string type) => IsGeometryType(type) || type is Feature or FeatureCollection;

    /// <summary>Array nesting of <c>coordinates</c> for a type: 0 position, 1 positions, 2 lists of positions, 3 polygons.</summary>
    public static int CoordinateDepth(string type) => type switch
    {
        Point => 0,
        MultiPoint or LineString => 1,
        MultiLineString or Polygon => 2,
        MultiPolygon => 3,
        _ => -1,
    };

    public static string DescribeDepth(int depth) => depth switch
    {
        0 => "a position [longitude, latitude]",
        1 => "an array of positions",
        2 => "an array of arrays of positions",
        3 => "an array of polygons (arrays of arrays of positions)",
        _ => "a deeper nesting of arrays",
    };
}
