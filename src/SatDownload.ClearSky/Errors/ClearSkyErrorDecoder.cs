using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SatDownload.Http;

namespace SatDownload.ClearSky.Errors;

/// <summary>
/// Decodes ClearSKY's ServiceResult error envelope <c>{Succeeded:false, Error:{Message, Code}, Data}</c> for
/// <see cref="ProviderErrors"/>: the code, the message with an explanation and fix, the per-property validation messages
/// of codes 992/993 (from <c>Data</c>), and retryability (1003).
/// </summary>
internal static class ClearSkyErrorDecoder
{
    private const int MaxValidationItems = 10;

    /// <summary>The decoder handed to <see cref="ProviderErrors"/> and <see cref="ProviderJson"/>.</summary>
    public static readonly Func<ProviderErrorBody, DecodedProviderError?> Decode = DecodeBody;

    /// <summary>Reads the envelope's error code from a buffered response (for the 1003 retry predicate).</summary>
    public static async ValueTask<bool> IsRetryableResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ReadCode(text) is { } code && ClearSkyErrorCodes.IsRetryable(code);
    }

    /// <summary>The <c>Error.Code</c> of an envelope, or null.</summary>
    public static int? ReadCode(string? text)
    {
        var body = new ProviderErrorBody(400, "application/json", text);
        if (!body.TryParseJson(out var root) || root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return Get(root, "Error") is { ValueKind: JsonValueKind.Object } error ? ReadInt(Get(error, "Code")) : null;
    }

    private static DecodedProviderError? DecodeBody(ProviderErrorBody body)
    {
        if (!body.TryParseJson(out var root) || root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var error = Get(root, "Error");
        if (error is not { ValueKind: JsonValueKind.Object } e)
        {
            return null;
        }

        var code = ReadInt(Get(e, "Code"));
        var message = Get(e, "Message") is { ValueKind: JsonValueKind.String } m ? m.GetString() : null;
        var sb = new StringBuilder();
        sb.Append(string.IsNullOrWhiteSpace(message) ? "ClearSKY returned an error" : message.Trim().TrimEnd('.'));
        if (code is { } c && ClearSkyErrorCodes.Describe(c) is { } hint && !sb.ToString().Contains(hint, StringComparison.Ordinal))
        {
            sb.Append(" (").Append(c.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(hint).Append(')');
        }

        if (Get(root, "Data") is { ValueKind: JsonValueKind.Object } data)
        {
            var items = ValidationItems(data).Take(MaxValidationItems).ToList();
            if (items.Count > 0)
            {
                sb.Append(". ").Append(string.Join("; ", items));
            }
        }

        return new DecodedProviderError
        {
            ErrorCode = code?.ToString(CultureInfo.InvariantCulture),
            Message = sb.Append('.').ToString(),
            IsRetryable = code is { } r && ClearSkyErrorCodes.IsRetryable(r) ? true : null,
        };
    }

    /// <summary>The per-property messages of a validation <c>Data</c> map, as <c>Property: message</c>.</summary>
    internal static IEnumerable<string> ValidationItems(JsonElement data)
    {
        foreach (var property in data.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    yield return property.Name + ": " + (item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.String)
            {
                yield return property.Name + ": " + property.Value.GetString();
            }
        }
    }

    private static int? ReadInt(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) => i,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    private static JsonElement? Get(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }
}
