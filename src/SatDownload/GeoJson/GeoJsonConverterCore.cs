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

        try
        {
            var raw = GeoJsonParser.ReadObject(ref reader, new JsonPathTracker(), PositionCounter.Unlimited);
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
        catch (JsonException ex) when (ex.Path is not null)
        {
            // Inside a larger document "$" is the geometry; the path is left unset so System.Text.Json fills in
            // JsonException.Path with where the geometry sits in the document (for example $.features[2].geometry).
            throw new JsonException(ex.Message.Replace("Invalid GeoJSON at $", "Invalid GeoJSON geometry at $", StringComparison.Ordinal) + " (path relative to the geometry)", ex);
        }
    }

    private static string ExpectedName(Type type) => type == typeof(Geometry) ? "geometry" : type.Name;
}
