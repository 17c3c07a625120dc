using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky.Serialization;

/// <summary>
/// Reads a number that must be finite: JSON such as <c>1e999</c> parses to infinity, which would silently lift an area
/// limit or poison an estimate, so it is refused (the caller then gets a <see cref="ProviderRequestException"/> naming the field).
/// </summary>
internal sealed class ClearSkyFiniteDoubleJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            value = reader.GetDouble();
        }
        else if (reader.TokenType == JsonTokenType.String && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else
        {
            throw new JsonException($"Expected a number, found {reader.TokenType}.");
        }

        return double.IsFinite(value) ? value : throw new JsonException("The number is too large to be a finite double.");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
