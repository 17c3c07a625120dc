using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace SatDownload;

/// <summary>
/// What to get from one provider, in that provider's terms: one subtype per provider flow (for example an ICEYE task,
/// a Sentinel Hub process request, a ClearSKY composite). <see cref="SatDownloadClient"/> runs any of them through the
/// registered <see cref="ImageryProvider"/> whose <see cref="ImageryProvider.CanHandle"/> accepts it.
/// </summary>
/// <remarks>
/// <para>Implementers: override <see cref="Validate"/> (call the base first) to reject bad input with an
/// <see cref="ImageryRequestValidationException"/> before any network call, and implement
/// <see cref="WriteCanonicalFields"/> to write every field that changes what is ordered.</para>
/// <para>Requests should be immutable (init-only properties): the fingerprint is what the download journal uses to
/// recognise "the same request" in a later run and resume its task instead of ordering it again.</para>
/// </remarks>
public abstract class ImageryRequest
{
    /// <summary>The version of the canonical form; bumping it changes every fingerprint, so it only changes with the format.</summary>
    private const int CanonicalFormVersion = 1;

    /// <summary>For subtypes.</summary>
    protected ImageryRequest()
    {
    }

    /// <summary>The provider that serves this request, one of <see cref="ProviderNames"/> (for example <c>iceye</c>).</summary>
    public abstract string Provider { get; }

    /// <summary>
    /// The flow within the provider (for example <c>task-products</c>, <c>process</c>, <c>batch</c>); part of the
    /// fingerprint. Defaults to the type name; override with a stable literal so renaming the type keeps journals valid.
    /// </summary>
    public virtual string Kind => GetType().Name;

    /// <summary>Which of the task's assets to download; null downloads all. Not part of the fingerprint.</summary>
    public virtual AssetFilter? AssetFilter { get; init; }

    /// <summary>
    /// Checks the request without any network call. Subtypes override, call the base, and throw
    /// <see cref="ImageryRequestValidationException"/> (or <c>AoiValidationException</c>) naming the field and the fix.
    /// </summary>
    /// <exception cref="ImageryRequestValidationException">The request is invalid.</exception>
    public virtual void Validate()
    {
        if (string.IsNullOrWhiteSpace(Provider))
        {
            throw new ImageryRequestValidationException($"{GetType().Name}.Provider", "is empty; return one of the ProviderNames constants.");
        }

        AssetFilter?.Validate();
    }

    /// <summary>
    /// A stable identity of what this request orders: lowercase hex SHA-256 over a canonical JSON form
    /// (<c>{"v":1,"provider":…,"kind":…,"fields":{…}}</c> with object keys sorted ordinally and no whitespace). The same
    /// field values give the same fingerprint in any process, on any machine and .NET version; a changed field gives another.
    /// </summary>
    /// <returns>64 lowercase hexadecimal characters.</returns>
    /// <exception cref="InvalidOperationException"><see cref="WriteCanonicalFields"/> wrote malformed JSON or a key twice.</exception>
    public virtual string GetFingerprint() => Convert.ToHexString(SHA256.HashData(GetCanonicalJson())).ToLowerInvariant();

    /// <summary>The canonical UTF-8 JSON the fingerprint is computed from (for diagnostics and tests).</summary>
    /// <returns>The canonical form.</returns>
    public virtual byte[] GetCanonicalJson()
    {
        var raw = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(raw))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", CanonicalFormVersion);
            writer.WriteString("provider", Provider.Trim().ToLowerInvariant());
            writer.WriteString("kind", Kind);
            writer.WritePropertyName("fields");
            writer.WriteStartObject();
            WriteCanonicalFields(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw.WrittenMemory);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{GetType().Name}.WriteCanonicalFields wrote malformed JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var canonical = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(canonical))
            {
                WriteCanonical(writer, document.RootElement);
            }

            return canonical.WrittenSpan.ToArray();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Provider} {Kind}";

    /// <summary>
    /// Writes, as JSON properties of an already open object, every field that changes what the provider produces or
    /// charges (area, dates, product options...), and nothing that does not (credentials, asset filter, polling).
    /// Key order does not matter (keys are sorted afterwards); write numbers with <see cref="Utf8JsonWriter"/>'s numeric
    /// methods, dates as ISO 8601 UTC strings, geometries as normalised GeoJSON or WKT, and unordered sets sorted.
    /// </summary>
    /// <param name="writer">The writer, positioned inside the <c>fields</c> object.</param>
    protected abstract void WriteCanonicalFields(Utf8JsonWriter writer);

    private void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = element.EnumerateObject().ToList();
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                for (var i = 1; i < properties.Count; i++)
                {
                    if (string.Equals(properties[i - 1].Name, properties[i].Name, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"{GetType().Name}.WriteCanonicalFields wrote the key '{properties[i].Name}' twice.");
                    }
                }

                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                // Numbers keep the text the subtype's writer produced (round-trippable, culture-invariant); true/false/null as is.
                element.WriteTo(writer);
                break;
        }
    }
}
