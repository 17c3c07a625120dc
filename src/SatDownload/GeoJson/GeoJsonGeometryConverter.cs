using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace SatDownload.GeoJson;

/// <summary>
/// System.Text.Json converter between GeoJSON geometry objects and NetTopologySuite geometries. Converts
/// <see cref="Geometry"/> and each concrete GeoJSON type (Point, LineString, Polygon, MultiPoint, MultiLineString,
/// MultiPolygon, GeometryCollection); reading a JSON geometry of another type than the property's fails with a
/// <see cref="JsonException"/>. Usable as <c>[JsonConverter(typeof(GeoJsonGeometryConverter))]</c> on a property;
/// prefer <see cref="GeoJsonConverterFactory"/> in <see cref="JsonSerializerOptions.Converters"/> or a
/// <c>JsonSourceGenerationOptions</c> attribute.
/// </summary>
public sealed class GeoJsonGeometryConverter : JsonConverter<Geometry>
{
    private readonly GeometryFactory _factory;
    private readonly GeoJsonWriterOptions _writerOptions;

    /// <summary>Creates a converter producing geometries with floating precision and SRID 4326, writing RFC 7946 winding.</summary>
    public GeoJsonGeometryConverter()
        : this(null, null)
    {
    }

    /// <summary>Creates a converter with a geometry factory and writer options.</summary>
    /// <param name="factory">Factory for read geometries; <see langword="null"/> for floating precision and SRID 4326.</param>
    /// <param name="writerOptions">Writer options; <see langword="null"/> for the defaults.</param>
    public GeoJsonGeometryConverter(GeometryFactory? factory, GeoJsonWriterOptions? writerOptions)
    {
        _factory = factory ?? GeoJsonGeometryBuilder.DefaultFactory;
        _writerOptions = writerOptions ?? GeoJsonWriterOptions.Default;
    }

    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => GeoJsonConverterFactory.IsSupported(typeToConvert);

    /// <inheritdoc />
    public override Geometry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        GeoJsonConverterCore.Read(ref reader, typeToConvert, _factory);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Geometry value, JsonSerializerOptions options) =>
        GeoJsonWriter.WriteGeometry(writer, value, _writerOptions);
}
