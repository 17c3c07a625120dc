namespace SatDownload;

/// <summary>The kinds of problem <see cref="AoiValidationException"/> reports.</summary>
public enum AoiProblemCode
{
    /// <summary>The input holds no polygon, or a polygon without coordinates.</summary>
    Empty,

    /// <summary>A geometry is not a Polygon or MultiPolygon (for example a Point or LineString).</summary>
    NotPolygonal,

    /// <summary>A ring's last position differs from its first.</summary>
    UnclosedRing,

    /// <summary>A ring has fewer than four positions (three corners plus the closing position).</summary>
    RingTooShort,

    /// <summary>A ring crosses itself or another ring of the same polygon (for example a bow-tie).</summary>
    SelfIntersection,

    /// <summary>Another topology error: a hole outside its shell, nested holes, overlapping shells, a disconnected interior.</summary>
    InvalidTopology,

    /// <summary>A longitude is outside [-180, 180].</summary>
    LongitudeOutOfRange,

    /// <summary>A latitude is outside [-90, 90].</summary>
    LatitudeOutOfRange,

    /// <summary>The coordinates look like latitude, longitude instead of GeoJSON's longitude, latitude.</summary>
    LikelySwappedAxes,

    /// <summary>A polygon encloses no area (all of its corners are on one line or coincide).</summary>
    ZeroArea,

    /// <summary>The AOI has more vertices than <see cref="AoiValidationOptions.MaxVertices"/>.</summary>
    TooManyVertices,

    /// <summary>A coordinate is NaN or infinite.</summary>
    NonFiniteCoordinate,

    /// <summary>An edge jumps more than 180° of longitude, which usually means an antimeridian crossing written the wrong way.</summary>
    AntimeridianJump,

    /// <summary>The geometry carries a coordinate reference system other than WGS84 (EPSG:4326).</summary>
    UnsupportedCrs,

    /// <summary>The bounding box's edges are inconsistent (south above north, or zero width).</summary>
    InvalidBoundingBox,

    /// <summary>The GeoJSON text is malformed or not GeoJSON.</summary>
    InvalidGeoJson,

    /// <summary>The WKT text is malformed.</summary>
    InvalidWkt,
}
