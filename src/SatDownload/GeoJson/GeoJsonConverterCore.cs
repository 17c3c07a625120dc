using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.GeoJson;

/// <summary>Shared read logic of the converters.</summary>
internal static class GeoJsonConverterCore
{
    public static Geometry? Read(ref Utf8JsonReader reader, Type typeToConvert, GeometryFactory factory)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw GeoJsonParser.Error("$", $"expected a GeoJSON geometry object but found a JSON {reader.TokenType}.");
        }

        // Paths in messages are relative to the geometry object ($); System.Text.Json adds the document path in JsonException.Path.
        var raw = GeoJsonParser.ReadObject(ref reader, new JsonPathTracker());
        if (!raw.IsGeometry)
        {
            throw GeoJsonParser.Error("$", $"expected a GeoJSON geometry but found a {raw.Type}.");
        }

        var geometry = GeoJsonGeometryBuilder.Build(raw, factory);
        if (!typeToConvert.IsInstanceOfType(geometry))
        {
            throw GeoJsonParser.Error("$.type", $"expected a GeoJSON {ExpectedName(typeToConvert)} but found a {raw.Type}.");
        }

        return geometry;
    }

    private static string ExpectedName(Type type) => type == typeof(Geometry) ? "geometry" : type.Name;
}
