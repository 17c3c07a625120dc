using System.Text.Json;
using SatDownload.Http;

namespace SatDownload.Eos.Errors;

/// <summary>
/// Decodes EOS error bodies for <see cref="ProviderErrors"/>. EOS documents no error shape, so every form seen is read:
/// JSON with <c>message</c>, <c>error</c> (string or object), <c>error_message</c>, <c>detail</c>, <c>errors</c>
/// (strings or objects), <c>code</c> and <c>req_id</c>; or plain text. HTML and empty bodies get a message that says
/// what the status usually means for EOS.
/// </summary>
internal static class EosErrorDecoder
{
    private const int MaxMessage = 500;

    public static DecodedProviderError? Decode(ProviderErrorBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string? message = null;
        string? code = null;
        string? requestId = null;
        if (body.TryParseJson(out var root) && root.ValueKind == JsonValueKind.Object)
        {
            message = Text(Prop(root, "message")) ?? Text(Prop(root, "error")) ?? Text(Prop(root, "error_message")) ??
                      Text(Prop(root, "detail")) ?? Text(Prop(root, "errors"));
            code = Text(Prop(root, "code")) ?? (Prop(root, "error") is { ValueKind: JsonValueKind.Object } err ? Text(Prop(err, "code")) : null);
            if (code is null && Prop(root, "status") is { ValueKind: JsonValueKind.String } s && !int.TryParse(s.GetString(), out _))
            {
                code = s.GetString();
            }

            requestId = Text(Prop(root, "req_id"));
        }
        else if (!body.IsHtml && !string.IsNullOrWhiteSpace(body.Text))
        {
            var text = body.Text.Trim();
            message = text.Length > MaxMessage ? text[..MaxMessage] : text;
        }

        message ??= DefaultMessage(body.Status);
        if (message is null && code is null && requestId is null)
        {
            return null;
        }

        return new DecodedProviderError { ErrorCode = code, Message = message, RequestId = requestId };
    }

    internal static string? DefaultMessage(int status) => status switch
    {
        400 => "EOS rejected the request as malformed; check the fields named in the body.",
        401 or 403 => "EOS refused the API key; check EosClientOptions.ApiKey (SATDOWNLOAD_EOS_API_KEY) and that the key is active for API Connect.",
        404 => "EOS does not know this resource (unknown task id or view id).",
        429 => "EOS rate limit reached (10 requests per minute per endpoint and API key).",
        >= 500 => "EOS had a server error.",
        _ => null,
    };

    private static JsonElement? Prop(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement? element)
    {
        if (element is not { } e)
        {
            return null;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return string.IsNullOrWhiteSpace(e.GetString()) ? null : e.GetString();
            case JsonValueKind.Number:
                return e.GetRawText();
            case JsonValueKind.Object:
                foreach (var name in new[] { "message", "detail", "description", "error" })
                {
                    if (Prop(e, name) is { } inner && Text(inner) is { } text)
                    {
                        return text;
                    }
                }

                return e.GetRawText();
            case JsonValueKind.Array:
                var parts = e.EnumerateArray().Select(x => Text(x)).Where(x => x is not null).ToArray();
                return parts.Length == 0 ? null : string.Join("; ", parts);
            default:
                return null;
        }
    }
}
