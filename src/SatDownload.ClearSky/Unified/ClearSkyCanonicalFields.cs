using System.Globalization;
using System.Text.Json;

namespace SatDownload.ClearSky.Unified;

/// <summary>
/// Writes the canonical fields of the ClearSKY imagery requests (the journal's fingerprint) and turns the validator's
/// <see cref="ArgumentException"/>s into <see cref="ImageryRequestValidationException"/>s that name the request field.
/// </summary>
internal static class ClearSkyCanonicalFields
{
    public static void Write(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void Write(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    public static void Write(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
    }

    /// <summary>Dates are sent to ClearSKY to the second in UTC, so that is what identifies them.</summary>
    public static void WriteDate(Utf8JsonWriter writer, DateTimeOffset date) =>
        writer.WriteString("date", date.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    /// <summary>The constellations are a set: their order does not change the product.</summary>
    public static void WriteConstellations(Utf8JsonWriter writer, IReadOnlyList<string>? constellations)
    {
        writer.WriteStartArray("satelliteConstellations");
        foreach (var constellation in (constellations ?? []).Order(StringComparer.OrdinalIgnoreCase))
        {
            writer.WriteStringValue(constellation);
        }

        writer.WriteEndArray();
    }

    /// <summary>Fields the SDK does not model are sent as given, so they change the product too.</summary>
    public static void WriteAdditional(Utf8JsonWriter writer, IDictionary<string, JsonElement>? additional)
    {
        if (additional is null || additional.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("additional");
        foreach (var (key, value) in additional)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Runs a validator and rethrows its <see cref="ArgumentException"/> as a validation error naming the request field.</summary>
    public static void Validate(string owner, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            var field = ex.ParamName is { Length: > 0 } p && p.StartsWith("request.", StringComparison.Ordinal)
                ? owner + ".Request." + p["request.".Length..]
                : owner + ".Request";
            var message = ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            throw new ImageryRequestValidationException(field, "is invalid: " + message);
        }
    }

    public static void RejectUploadUrl(string owner, string? uploadUrl)
    {
        if (uploadUrl is not null)
        {
            throw new ImageryRequestValidationException(
                owner + ".Request.UploadUrl",
                "is set, so ClearSKY would PUT the file to that URL instead of returning it, and there would be nothing to download. Remove UploadUrl, or call ClearSkyClient.UploadCompositeAsync (or DownloadTileAsync) directly for server-side delivery.");
        }
    }

    /// <summary>The fields of a tile or minitile request (the GUID is written by the caller).</summary>
    public static void WriteTile(Utf8JsonWriter writer, ClearSkyTileRequest r)
    {
        WriteDate(writer, r.Date);
        Write(writer, "model", r.Model);
        WriteConstellations(writer, r.SatelliteConstellations);
        Write(writer, "level", r.Level);
        Write(writer, "harmonize", r.Harmonize);
        Write(writer, "clipReflectance", r.ClipReflectance);
        Write(writer, "resolution", r.Resolution);
        Write(writer, "epsgProjection", r.EpsgProjection);
        Write(writer, "bandnames", r.Bandnames?.Trim());
        Write(writer, "dataType", r.DataType);
        Write(writer, "utmDataSelectionMode", r.UtmDataSelectionMode);
        Write(writer, "utmGridForcePixelResolutionSize", r.UtmGridForcePixelResolutionSize);
        Write(writer, "allowPartialImage", r.AllowPartialImage);
        WriteAdditional(writer, r.AdditionalProperties);
    }
}
