using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SatDownload.GeoJson;

namespace SatDownload;

/// <summary>
/// An area of interest: one Polygon or MultiPolygon in WGS84 longitude/latitude degrees (EPSG:4326), validated once
/// so every provider adapter can rely on it. Create it from GeoJSON, WKT, a bounding box or a NetTopologySuite geometry;
/// invalid input throws <see cref="AoiValidationException"/> listing every problem with its location and a fix.
/// </summary>
/// <remarks>
/// <para>
/// Rings are stored with RFC 7946 winding (exterior counter-clockwise, holes clockwise), elevations are dropped,
/// overlapping parts of a MultiPolygon or FeatureCollection are merged, and a single polygon is always a
/// <see cref="Polygon"/> (a one-part MultiPolygon becomes a Polygon). Coordinates are GeoJSON order: longitude first.
/// </para>
/// <para>
/// Antimeridian: longitudes must stay within [-180, 180]; an area crossing ±180° is a MultiPolygon split at the
/// antimeridian (RFC 7946 §3.1.9), which <see cref="FromBoundingBox(double, double, double, double, AoiValidationOptions?)"/>
/// builds for you when west is greater than east. <see cref="BoundingBox"/> then has West greater than East and
/// <see cref="CrossesAntimeridian"/> is true.
/// </para>
/// <para>
/// Instances are immutable and thread-safe: <see cref="Geometry"/>, <see cref="Polygons"/> and <see cref="Centroid"/>
/// return copies, so changing them does not change the AOI.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var field = Aoi.FromGeoJson(File.ReadAllText("field.geojson"));
/// var tile = Aoi.FromWkt("POLYGON ((9.87 56.47, 10.19 56.47, 10.19 56.27, 9.87 56.27, 9.87 56.47))");
/// var pacific = Aoi.FromBoundingBox(west: 170, south: -10, east: -170, north: 10); // crosses the antimeridian
/// Console.WriteLine($"{field.AreaSquareKilometers:0.0} km², UTM EPSG:{field.UtmEpsgCode}, bbox {field.BoundingBox}");
/// </code>
/// </example>
public sealed class Aoi
{
    private readonly Geometry _geometry;
    private readonly Coordinate _centroid;

    private Aoi(Geometry geometry)
    {
        _geometry = geometry;
        BoundingBox = LongitudeBounds.Compute(geometry);
        AreaSquareKilometers = EllipsoidalArea.SquareMetres(geometry) / 1_000_000.0;
        _centroid = ComputeCentroid(geometry, BoundingBox);
        UtmEpsgCode = UtmZones.EpsgCode(_centroid.X, _centroid.Y);
        VertexCount = geometry.NumPoints;
    }

    /// <summary>The area as a <see cref="Polygon"/> or <see cref="MultiPolygon"/> (SRID 4326, RFC 7946 winding); a copy.</summary>
    public Geometry Geometry => _geometry.Copy();

    /// <summary>The polygons of the area (one for a Polygon); copies.</summary>
    public IReadOnlyList<Polygon> Polygons
    {
        get
        {
            var polygons = new Polygon[_geometry.NumGeometries];
            for (var i = 0; i < polygons.Length; i++)
            {
                polygons[i] = (Polygon)_geometry.GetGeometryN(i).Copy();
            }

            return polygons;
        }
    }

    /// <summary>Whether the area is a MultiPolygon (several separate parts, including the two halves of an antimeridian crossing).</summary>
    public bool IsMultiPolygon => _geometry is MultiPolygon;

    /// <summary>
    /// The smallest longitude/latitude box around the area. Across the antimeridian West is greater than East
    /// (RFC 7946 §5.2).
    /// </summary>
    public BoundingBox BoundingBox { get; }

    /// <summary>
    /// Whether the area crosses the antimeridian: it has parts on both sides of ±180° that meet there (the RFC 7946 split
    /// form), and its <see cref="BoundingBox"/> has West greater than East.
    /// </summary>
    public bool CrossesAntimeridian => BoundingBox.CrossesAntimeridian;

    /// <summary>
    /// Area in square kilometres on the WGS84 ellipsoid (not planar degrees), holes subtracted, with edges read as straight
    /// lines in longitude/latitude as RFC 7946 specifies.
    /// </summary>
    public double AreaSquareKilometers { get; }

    /// <summary>
    /// The centre of the area: the area-weighted centroid in longitude/latitude (computed across the antimeridian when
    /// the area crosses it); a new point each time, SRID 4326.
    /// </summary>
    public Point Centroid => GeoJsonGeometryBuilder.DefaultFactory.CreatePoint(new Coordinate(_centroid.X, _centroid.Y));

    /// <summary>
    /// EPSG code of the WGS84 / UTM zone containing <see cref="Centroid"/>: 326zz north of the equator, 327zz south
    /// (for example 32633 for zone 33N), with the Norway (32V) and Svalbard (31X–37X) exceptions.
    /// </summary>
    public int UtmEpsgCode { get; }

    /// <summary>Number of vertices, counting each ring's closing position.</summary>
    public int VertexCount { get; }

    /// <summary>Creates an AOI from GeoJSON: a Polygon or MultiPolygon geometry, a Feature, a GeometryCollection or a FeatureCollection (polygons merged).</summary>
    /// <param name="geoJson">The GeoJSON text (RFC 7946, longitude first).</param>
    /// <param name="options">Validation limits; <see langword="null"/> for <see cref="AoiValidationOptions.Default"/>.</param>
    /// <returns>The AOI.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="geoJson"/> is null.</exception>
    /// <exception cref="AoiValidationException">The text is not valid GeoJSON or the area is invalid; every problem is listed.</exception>
    public static Aoi FromGeoJson(string geoJson, AoiValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(geoJson);
        options = Checked(options);
        RawGeoJsonObject raw;
        try
        {
            raw = GeoJsonReader.Parse(geoJson, options.MaxJsonDepth, options.MaxVertices);
        }
        catch (PositionLimitExceededException ex)
        {
            throw new AoiValidationException(
                new[]
                {
                    new AoiProblem(AoiProblemCode.TooManyVertices, string.Create(CultureInfo.InvariantCulture, $"The AOI has more than {ex.Limit:N0} vertices (reading stopped at {ex.Path})."), null, TooManyVerticesFix),
                },
                ex);
        }
        catch (JsonException ex)
        {
            throw new AoiValidationException(
                new[]
                {
                    new AoiProblem(AoiProblemCode.InvalidGeoJson, ex.Message, ex.Path, "Fix the GeoJSON at that path (RFC 7946: positions are [longitude, latitude] arrays of numbers; a Polygon's coordinates are an array of rings)."),
                },
                ex);
        }

        return Create(AoiInput.FromGeoJson(raw), options);
    }

    /// <summary>Creates an AOI from Well-Known Text: a POLYGON, MULTIPOLYGON or GEOMETRYCOLLECTION of them, longitude first.</summary>
    /// <param name="wkt">The WKT text, for example <c>POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50))</c>.</param>
    /// <param name="options">Validation limits; <see langword="null"/> for <see cref="AoiValidationOptions.Default"/>.</param>
    /// <returns>The AOI.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="wkt"/> is null.</exception>
    /// <exception cref="AoiValidationException">The text is not valid WKT or the area is invalid; every problem is listed.</exception>
    public static Aoi FromWkt(string wkt, AoiValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        options = Checked(options);
        WktLimits.Check(wkt, options);
        Geometry geometry;
        try
        {
            geometry = new WKTReader().Read(wkt);
        }
        // IndexOutOfRangeException: NTS's tokenizer indexes a 256-entry table with the character, so text outside Latin-1 throws it.
        catch (Exception ex) when (ex is ParseException or ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            var (code, fix) = ex.Message.Contains("closed", StringComparison.OrdinalIgnoreCase)
                ? (AoiProblemCode.UnclosedRing, "Repeat the first position of each ring as its last position.")
                : ex.Message.Contains("number of points", StringComparison.OrdinalIgnoreCase)
                    ? (AoiProblemCode.RingTooShort, "Give each ring at least three distinct corners plus the first repeated at the end.")
                    : (AoiProblemCode.InvalidWkt, "Check the WKT syntax, for example POLYGON ((lon lat, lon lat, lon lat, lon lat)) with the first position repeated at the end.");
            throw new AoiValidationException(new[] { new AoiProblem(code, "The WKT could not be read: " + ex.Message.TrimEnd('.') + ".", null, fix) }, ex);
        }

        return FromGeometry(geometry, options);
    }

    /// <summary>Creates an AOI from a NetTopologySuite geometry (Polygon, MultiPolygon or a GeometryCollection of them) in WGS84 longitude/latitude.</summary>
    /// <param name="geometry">The geometry; SRID must be 4326, or 0 (or negative) when unspecified. It is copied, so later changes to it do not affect the AOI.</param>
    /// <param name="options">Validation limits; <see langword="null"/> for <see cref="AoiValidationOptions.Default"/>.</param>
    /// <returns>The AOI.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    /// <exception cref="AoiValidationException">The area is invalid; every problem is listed.</exception>
    public static Aoi FromGeometry(Geometry geometry, AoiValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return Create(AoiInput.FromGeometry(geometry), Checked(options));
    }

    /// <summary>
    /// Creates a rectangular AOI from a bounding box in degrees. When <paramref name="west"/> is greater than
    /// <paramref name="east"/> the box crosses the antimeridian: the AOI is then a MultiPolygon of the part from
    /// <paramref name="west"/> to 180° and the part from -180° to <paramref name="east"/> (RFC 7946 §3.1.9, §5.2).
    /// </summary>
    /// <param name="west">Minimum longitude, [-180, 180].</param>
    /// <param name="south">Minimum latitude, [-90, 90].</param>
    /// <param name="east">Maximum longitude, [-180, 180]; less than <paramref name="west"/> across the antimeridian.</param>
    /// <param name="north">Maximum latitude, [-90, 90], greater than <paramref name="south"/>.</param>
    /// <param name="options">Validation limits; <see langword="null"/> for <see cref="AoiValidationOptions.Default"/>.</param>
    /// <returns>The AOI.</returns>
    /// <exception cref="AoiValidationException">A value is out of range, NaN, or the box is empty; every problem is listed.</exception>
    public static Aoi FromBoundingBox(double west, double south, double east, double north, AoiValidationOptions? options = null)
    {
        Checked(options);
        var problems = new AoiProblemCollector();
        CheckBoundingBox(west, south, east, north, problems);
        problems.ThrowIfAny();

        var factory = GeoJsonGeometryBuilder.DefaultFactory;
        Geometry geometry;
        if (west <= east)
        {
            geometry = Box(west, south, east, north);
        }
        else if (west == 180)
        {
            geometry = Box(-180, south, east, north);
        }
        else if (east == -180)
        {
            geometry = Box(west, south, 180, north);
        }
        else
        {
            geometry = factory.CreateMultiPolygon(new[] { Box(west, south, 180, north), Box(-180, south, east, north) });
        }

        geometry.SRID = 4326;
        return new Aoi(geometry);
    }

    /// <summary>The area as a GeoJSON geometry object (RFC 7946 winding).</summary>
    /// <returns>The GeoJSON text.</returns>
    public string ToGeoJson() => GeoJsonWriter.Write(_geometry);

    /// <summary>The area as Well-Known Text (longitude first), for example for ClearSKY's <c>Wkt</c> field.</summary>
    /// <returns>The WKT text.</returns>
    public string ToWkt() => new WKTWriter().Write(_geometry);

    /// <summary>A one-line summary: type, polygons, vertices, area and bounding box.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Aoi {_geometry.GeometryType} ({_geometry.NumGeometries} polygon(s), {VertexCount} vertices, {AreaSquareKilometers:0.###} km², bbox {BoundingBox}{(CrossesAntimeridian ? ", crosses the antimeridian" : string.Empty)})");

    internal const string TooManyVerticesFix = "Simplify the geometry first (for example NetTopologySuite's TopologyPreservingSimplifier with a tolerance of a few metres, about 0.0001°), or raise AoiValidationOptions.MaxVertices.";

    private static AoiValidationOptions Checked(AoiValidationOptions? options)
    {
        options ??= AoiValidationOptions.Default;
        options.Validate();
        return options;
    }

    private static Aoi Create(AoiInput input, AoiValidationOptions options) => new(AoiValidator.Validate(input, options));

    private static Polygon Box(double west, double south, double east, double north) =>
        GeoJsonGeometryBuilder.DefaultFactory.CreatePolygon(new[]
        {
            new Coordinate(west, south), new Coordinate(east, south), new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south),
        });

    private static void CheckBoundingBox(double west, double south, double east, double north, AoiProblemCollector problems)
    {
        var finite = true;
        foreach (var (name, value) in new[] { (nameof(west), west), (nameof(south), south), (nameof(east), east), (nameof(north), north) })
        {
            if (!double.IsFinite(value))
            {
                finite = false;
                problems.Add(AoiProblemCode.NonFiniteCoordinate, $"The {name} edge is {AoiFormat.Number(value)}.", name, "Give finite numbers in degrees.");
            }
        }

        if (!finite)
        {
            return;
        }

        // (south, west, north, east) is the usual mix-up: latitudes then fall in the longitude slots.
        if ((Math.Abs(south) > 90 || Math.Abs(north) > 90) && Math.Abs(south) <= 180 && Math.Abs(north) <= 180 && Math.Abs(west) <= 90 && Math.Abs(east) <= 90)
        {
            problems.Add(
                AoiProblemCode.LikelySwappedAxes,
                $"south {AoiFormat.Number(south)} / north {AoiFormat.Number(north)} are outside [-90, 90] while west and east are within it: the box looks like (south, west, north, east).",
                "south, north",
                $"Pass (west, south, east, north) = (minimum longitude, minimum latitude, maximum longitude, maximum latitude), here probably ({AoiFormat.Number(south)}, {AoiFormat.Number(west)}, {AoiFormat.Number(north)}, {AoiFormat.Number(east)}).");
            return;
        }

        foreach (var (name, value) in new[] { (nameof(west), west), (nameof(east), east) })
        {
            if (Math.Abs(value) > 180)
            {
                problems.Add(AoiProblemCode.LongitudeOutOfRange, $"Longitude {name} = {AoiFormat.Number(value)} is outside [-180, 180].", name, "Give longitudes in [-180, 180]; for a box across the antimeridian pass west > east (for example west 170, east -170).");
            }
        }

        foreach (var (name, value) in new[] { (nameof(south), south), (nameof(north), north) })
        {
            if (Math.Abs(value) > 90)
            {
                problems.Add(AoiProblemCode.LatitudeOutOfRange, $"Latitude {name} = {AoiFormat.Number(value)} is outside [-90, 90].", name, "Give latitudes in [-90, 90].");
            }
        }

        if (south > north)
        {
            problems.Add(AoiProblemCode.InvalidBoundingBox, $"south {AoiFormat.Number(south)} is north of north {AoiFormat.Number(north)}.", "south, north", "Swap south and north: south is the minimum latitude.");
        }
        else if (south == north)
        {
            problems.Add(AoiProblemCode.ZeroArea, $"The box has zero height (south = north = {AoiFormat.Number(south)}).", "south, north", "Give a north edge greater than the south edge.");
        }

        if (west == east || (west == 180 && east == -180))
        {
            problems.Add(AoiProblemCode.ZeroArea, $"The box has zero width (west {AoiFormat.Number(west)}, east {AoiFormat.Number(east)}).", "west, east", "Give an east edge different from the west edge (west > east means the box crosses the antimeridian).");
        }
    }

    private static Coordinate ComputeCentroid(Geometry geometry, BoundingBox box)
    {
        if (!box.CrossesAntimeridian)
        {
            var centroid = geometry.Centroid.Coordinate;
            return new Coordinate(centroid.X, centroid.Y);
        }

        // Shift the parts east of the antimeridian (negative longitudes) by 360° so the area is contiguous, then shift back.
        var shifted = geometry.Copy();
        shifted.Apply(new LongitudeShiftFilter(box.East));
        var c = shifted.Centroid.Coordinate;
        var x = c.X > 180 ? c.X - 360 : c.X;
        return new Coordinate(x, c.Y);
    }
}
