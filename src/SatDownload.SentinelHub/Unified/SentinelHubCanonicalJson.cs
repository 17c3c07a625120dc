using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace SatDownload.SentinelHub;

/// <summary>
/// Writes a wire request into a fingerprint: its JSON as sent, minus bucket credentials (they change who pays for
/// storage access, not what is produced, and must never sit in a canonical form someone may log).
/// </summary>
internal static class SentinelHubCanonicalJson
{
    private static readonly HashSet<string> Credentials = new(StringComparer.OrdinalIgnoreCase) { "accessKey", "secretAccessKey", "sessionToken" };

    public static void Write<T>(Utf8JsonWriter writer, string name, T value, JsonTypeInfo<T> typeInfo)
    {
        var node = JsonSerializer.SerializeToNode(value, typeInfo);
        Strip(node);
        writer.WritePropertyName(name);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).Where(Credentials.Contains).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, child) in o)
                {
                    Strip(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Strip(child);
                }

                break;
        }
    }

    /// <summary>Runs a wire validator and turns its <see cref="ArgumentException"/> into the unified validation error.</summary>
    public static void Validate(string field, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new ImageryRequestValidationException(field, ex.Message);
        }
    }
}
