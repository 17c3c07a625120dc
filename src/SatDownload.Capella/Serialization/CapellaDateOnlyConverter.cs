using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Serialization;

/// <summary>Reads <c>date_start</c>/<c>date_end</c> (<c>"2019-05-27"</c>); a full timestamp is accepted and cut to its UTC date.</summary>
internal sealed class CapellaDateOnlyConverter : JsonConverter<DateOnly?>
{
    public override bool HandleNull => true;

    public override DateOnly? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a date string such as \"2019-05-27\" but found {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return CapellaDateTimeConverter.Parse(text) is { } ts
            ? DateOnly.FromDateTime(ts.UtcDateTime)
            : throw new JsonException($"'{text}' is not a date in the form yyyy-MM-dd.");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
