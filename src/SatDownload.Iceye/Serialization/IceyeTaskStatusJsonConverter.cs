using System.Text.Json;
using System.Text.Json.Serialization;
using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Serialization;

/// <summary>Reads and writes <see cref="IceyeTaskStatus"/> as its wire string.</summary>
internal sealed class IceyeTaskStatusJsonConverter : JsonConverter<IceyeTaskStatus>
{
    public override IceyeTaskStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for IceyeTaskStatus, found {reader.TokenType}.");
        }

        var text = reader.GetString();
        return string.IsNullOrWhiteSpace(text) ? default : new IceyeTaskStatus(text);
    }

    public override void Write(Utf8JsonWriter writer, IceyeTaskStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
