using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace SatDownload.GeoJson;

/// <summary>
/// System.Text.Json converter factory for NetTopologySuite geometries as GeoJSON: handles <see cref="Geometry"/> and
/// every concrete GeoJSON type (Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon,
/// GeometryCollection). Add it to <see cref="JsonSerializerOptions.Converters"/>, to a source-generated context with
/// <c>[JsonSourceGenerationOptions(Converters = new[] { typeof(GeoJsonConverterFactory) })]</c>, or to a property with
/// <c>[JsonConverter(typeof(GeoJsonConverterFactory))]</c>. Read errors are <see cref="JsonException"/>s whose message
/// names the path inside the geometry (<c>$.coordinates[0][3]</c>) and what was expected.
/// </summary>
public sealed class GeoJsonConverterFactory : JsonConverterFactory
{
    private readonly GeometryFactory _factory;
    private readonly GeoJsonWriterOptions _writerOptions;

    /// <summary>Creates a factory producing geometries with floating precision and SRID 4326, writing RFC 7946 winding.</summary>
    public GeoJsonConverterFactory()
        : this(null, null)
    {
    }

    /// <summary>Creates a factory with a geometry factory and writer options.</summary>
    /// <param name="factory">Factory for read geometries; <see langword="null"/> for floating precision and SRID 4326.</param>
    /// <param name="writerOptions">Writer options; <see langword="null"/> for the defaults.</param>
    public GeoJsonConverterFactory(GeometryFactory? factory, GeoJsonWriterOptions? writerOptions)
    {
        _factory = factory ?? GeoJsonGeometryBuilder.DefaultFactory;
        _writerOptions = writerOptions ?? GeoJsonWriterOptions.Default;
    }

    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => IsSupported(typeToConvert);

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        if (typeToConvert == typeof(Geometry))
        {
            return new TypedGeoJsonGeometryConverter<Geometry>(_factory, _writerOptions);
        }

        if (typeToConvert == typeof(Point))
        {
            return new TypedGeoJsonGeometryConverter<Point>(_factory, _writerOptions);
        }

        if (typeToConvert == typeof(LineString))
        {
            return new TypedGeoJsonGeometryConverter<LineString>(_factory, _writerOptions);
        }

        if (typeToConvert == typeof(Polygon))
        {
            return new TypedGeoJsonGeometryConverter<Polygon>(_factory, _writerOptions);
        }

        if (typeToConvert == typeof(MultiPoint))
        {
            return new TypedGeoJsonGeometryConverter<MultiPoint>(_factory, _writerOptions);
        }

        if (typeToConvert == typeof(MultiLineString))
        {
            return new TypedGeoJsonGeometryConverter<MultiLineString>(_factory, _writerOptions);
        }

        if (typeToConvert == typeof(MultiPolygon))
        {
            return new TypedGeoJsonGeometryConverter<MultiPolygon>(_factory, _writerOptions);
        }

        if (typeToConvert == typeof(GeometryCollection))
        {
            return new TypedGeoJsonGeometryConverter<GeometryCollection>(_factory, _writerOptions);
        }

        throw new NotSupportedException($"{typeToConvert} is not a GeoJSON geometry type.");
    }

    internal static bool IsSupported(Type typeToConvert) =>
        typeToConvert == typeof(Geometry) || typeToConvert == typeof(Point) || typeToConvert == typeof(LineString) ||
        typeToConvert == typeof(Polygon) || typeToConvert == typeof(MultiPoint) || typeToConvert == typeof(MultiLineString) ||
        typeToConvert == typeof(MultiPolygon) || typeToConvert == typeof(GeometryCollection);
}
