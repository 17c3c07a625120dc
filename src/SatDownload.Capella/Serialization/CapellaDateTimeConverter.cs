using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Serialization;

/// <summary>
/// Reads Capella's analytics timestamps. The article shows <c>"2020-06-12 22:06:57"</c> (no zone, read as UTC); ISO 8601
/// with a zone is accepted too so that a change of format on the service side does not break parsing. Writes the article's form.
/// </summary>
internal sealed class CapellaDateTimeConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly string[] Formats =
    {
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
    };

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a timestamp string such as \"2020-06-12 22:06:57\" but found {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Parse(text) ?? throw new JsonException($"'{text}' is not a timestamp in the form yyyy-MM-dd HH:mm:ss or ISO 8601.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static DateTimeOffset? Parse(string text)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso.ToUniversalTime() : null;
    }
}
