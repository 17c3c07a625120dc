using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>
/// Writes dates the way ClearSKY's examples show them (<c>2024-05-03T00:00:00Z</c>, UTC, no fraction, no offset) and
/// reads any ISO 8601 date or date-time (a bare date is midnight UTC).
/// </summary>
public sealed class ClearSkyDateJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The wire format.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an ISO 8601 date or date-time.");
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
