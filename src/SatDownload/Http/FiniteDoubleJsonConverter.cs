using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Http;

/// <summary>
/// Reads a <see cref="double"/> from a provider response and refuses values that overflow to infinity (<c>1e400</c>)
/// or are NaN. System.Text.Json would otherwise hand back <see cref="double.PositiveInfinity"/> for an out-of-range
/// coordinate, price or limit, which only fails much later and far from the response (or silently lifts a limit).
/// Numbers written as strings are accepted, like <see cref="JsonNumberHandling.AllowReadingFromString"/>. The
/// <see cref="JsonException"/> it throws becomes a <see cref="ProviderRequestException"/> naming the JSON path when the
/// body is read through <see cref="ProviderJson"/>.
/// </summary>
/// <remarks>Use it for every double of a context (<c>[JsonSourceGenerationOptions(Converters = [typeof(FiniteDoubleJsonConverter)])]</c>) or on one property (<c>[JsonConverter(typeof(FiniteDoubleJsonConverter))]</c>).</remarks>
public sealed class FiniteDoubleJsonConverter : JsonConverter<double>
{
    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out value))
                {
                    throw new JsonException("The number does not fit a double.");
                }

                break;
            case JsonTokenType.String:
                if (!double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    throw new JsonException("The string is not a number.");
                }

                break;
            default:
                throw new JsonException($"Expected a number, found {reader.TokenType}.");
        }

        if (!double.IsFinite(value))
        {
            throw new JsonException("The number is out of range (it overflows to infinity or is not a number).");
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
