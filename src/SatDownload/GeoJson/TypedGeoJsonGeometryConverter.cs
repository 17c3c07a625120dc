using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace SatDownload.GeoJson;

/// <summary>Converter for one concrete geometry type, handed out by <see cref="GeoJsonConverterFactory"/>.</summary>
/// <typeparam name="T">The geometry type.</typeparam>
internal sealed class TypedGeoJsonGeometryConverter<T> : JsonConverter<T>
    where T : Geometry
{
    private readonly GeometryFactory _factory;
    private readonly GeoJsonWriterOptions _writerOptions;

    public TypedGeoJsonGeometryConverter(GeometryFactory factory, GeoJsonWriterOptions writerOptions)
    {
        _factory = factory;
        _writerOptions = writerOptions;
    }

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (T?)GeoJsonConverterCore.Read(ref reader, typeof(T), _factory);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        GeoJsonWriter.WriteGeometry(writer, value, _writerOptions);
}
