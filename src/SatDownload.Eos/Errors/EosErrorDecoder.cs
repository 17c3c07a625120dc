using System.Text.Json;
using SatDownload.Eos.Models;

namespace SatDownload.Eos.Errors;

/// <summary>
/// Decodes EOS error bodies. EOS documents no error shape, so every form seen is read: JSON with <c>message</c>,
/// <c>error</c> (string or object), <c>error_message</c>, <c>detail</c>, <c>errors</c> (strings or objects) and
/// <c>code</c>; a task-status JSON with <c>status: "failed"</c>; or plain text / HTML.
/// </summary>
internal static class EosErrorDecoder
{
    private const int MaxExcerpt = 500;

    public static ProviderErrorDetails Decode(int status, string? body, string? requestId, TimeSpan? retryAfter, string? operation)
    {
        string? message = null;
        string? code = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            var trimmed = body.TrimStart();
            if (trimmed.StartsWith('{'))
            {
                try
                {
                    var parsed = JsonSerializer.Deserialize(trimmed, EosJsonContext.Default.EosErrorBody);
                    if (parsed is not null)
                    {
                        message = Text(parsed.Message) ?? Text(parsed.Error) ?? parsed.ErrorMessage ?? Text(parsed.Detail) ?? Text(parsed.Errors);
                        code = Text(parsed.Code) ?? (parsed.Status is { ValueKind: JsonValueKind.String } s && !int.TryParse(s.GetString(), out _) ? s.GetString() : null);
                        requestId ??= parsed.RequestId;
                    }
                }
                catch (JsonException)
                {
                    message = null;
                }
            }
            else if (!trimmed.StartsWith('<'))
            {
                message = trimmed.Length > MaxExcerpt ? trimmed[..MaxExcerpt] : trimmed.Trim();
            }
        }

        message ??= DefaultMessage(status);
        return new ProviderErrorDetails
        {
            Provider = ProviderNames.Eos,
            Operation = operation,
            Status = status,
            ErrorCode = code,
            Message = message,
            RequestId = requestId,
            RetryAfter = retryAfter,
            BodyExcerpt = body is null ? null : (body.Length > MaxExcerpt ? body[..MaxExcerpt] : body),
        };
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
                    if (e.TryGetProperty(name, out var inner) && Text(inner) is { } text)
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
