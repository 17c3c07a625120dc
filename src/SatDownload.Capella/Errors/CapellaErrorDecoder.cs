using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SatDownload.Http;

namespace SatDownload.Capella;

/// <summary>
/// Turns a failed Capella response into <see cref="ProviderErrorDetails"/>. Capella answers with one of three body shapes:
/// <c>{"error":{"message","code","data","detail":[{message,code,path}]}}</c>, <c>{"error":"text"}</c>, or a top-level
/// <c>message</c>/<c>Message</c> (API gateway); anything else is kept as a redacted excerpt.
/// </summary>
internal static class CapellaErrorDecoder
{
    /// <summary>Decodes a body.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body text, possibly empty.</param>
    /// <param name="unauthorizedCode">The code to report for a 401 without one (depends on the credential in use).</param>
    /// <returns>The code and message.</returns>
    public static (string? Code, string? Message) DecodeBody(int status, string? body, string? unauthorizedCode = null)
    {
        string? code = null;
        string? message = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (TryGet(root, "error", out var error))
                    {
                        if (error.ValueKind == JsonValueKind.String)
                        {
                            message = error.GetString();
                        }
                        else if (error.ValueKind == JsonValueKind.Object)
                        {
                            message = ReadString(error, "message");
                            code = ReadString(error, "code");
                            message = AppendDetails(message, error);
                        }
                    }

                    message ??= ReadString(root, "message");
                    code ??= ReadString(root, "code");
                    message = message is null ? AppendDetails(null, root) : message;
                }
                else if (root.ValueKind == JsonValueKind.String)
                {
                    message = root.GetString();
                }
            }
            catch (JsonException)
            {
                // Not JSON (an HTML gateway page, plain text): the excerpt carries it.
                var trimmed = body.Trim();
                message = trimmed.StartsWith('<') ? null : Truncate(trimmed, 200);
            }
        }

        if (code is null)
        {
            if (message is not null && message.Contains("order expired", StringComparison.OrdinalIgnoreCase))
            {
                code = CapellaErrorCodes.OrderExpired;
            }
            else if (status == 401)
            {
                code = unauthorizedCode;
            }
        }

        return (code, message);
    }

    /// <summary>The decoder to hand to <see cref="ProviderErrors"/>.</summary>
    /// <param name="unauthorizedCode">The code to report for a bare 401.</param>
    /// <returns>A decoder that returns null when the body says nothing (the shared decoder then summarises it).</returns>
    public static Func<ProviderErrorBody, DecodedProviderError?> For(string? unauthorizedCode) => body =>
    {
        if (body.IsHtml)
        {
            return null;
        }

        var (code, message) = DecodeBody(body.Status, body.Text, unauthorizedCode);
        return code is null && message is null ? null : new DecodedProviderError { ErrorCode = code, Message = message };
    };

    private static string? AppendDetails(string? message, JsonElement container)
    {
        if (!TryGet(container, "detail", out var detail) || detail.ValueKind != JsonValueKind.Array || detail.GetArrayLength() == 0)
        {
            return message;
        }

        var sb = new StringBuilder(message ?? "Validation failed");
        sb.Append(" (");
        var first = true;
        foreach (var d in detail.EnumerateArray())
        {
            if (!first)
            {
                sb.Append("; ");
            }

            first = false;
            if (d.ValueKind == JsonValueKind.Object)
            {
                var path = TryGet(d, "path", out var p) ? p.ValueKind == JsonValueKind.Array ? string.Join('.', p.EnumerateArray().Select(x => x.ToString())) : p.ToString() : null;
                var m = ReadString(d, "message") ?? ReadString(d, "msg");
                if (!string.IsNullOrEmpty(path))
                {
                    sb.Append(path).Append(": ");
                }

                sb.Append(m ?? d.GetRawText());
            }
            else
            {
                sb.Append(d.ToString());
            }
        }

        sb.Append(')');
        return sb.ToString();
    }

    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? ReadString(JsonElement obj, string name) =>
        TryGet(obj, name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…(", text.Length.ToString(CultureInfo.InvariantCulture), " chars)");
}
