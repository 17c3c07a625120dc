using System.Text.Json;
using SatDownload.Http;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Serialization;

namespace SatDownload.Iceye.Errors;

/// <summary>
/// Reads every error body ICEYE sends: problem details (<c>title</c>, <c>code</c>, <c>details</c>, <c>reference</c>),
/// RFC 7807 members in case ICEYE converges on them, the OAuth2 token endpoint's <c>error</c>/<c>error_description</c>,
/// and plain text or HTML (the default format without <c>application/problem+json</c> is not documented).
/// </summary>
public static class IceyeErrorDecoder
{
    private const int MaxMessageLength = 500;

    /// <summary>The decoder plugged into the shared <see cref="ProviderErrors"/>: problem details and OAuth2 errors; other shapes fall back to the shared handling.</summary>
    /// <param name="body">The error response.</param>
    /// <returns>The decoded error, or null when the body is not JSON.</returns>
    public static DecodedProviderError? Decode(ProviderErrorBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.Text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        var (code, message) = Decode(body.Text);
        return code is null && message is null ? null : new DecodedProviderError { ErrorCode = code, Message = message };
    }

    /// <summary>Decodes an error body into the provider code and message.</summary>
    /// <param name="body">The response body, possibly empty.</param>
    /// <returns>The code (null when none) and a readable message (null when the body says nothing).</returns>
    public static (string? Code, string? Message) Decode(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                var problem = JsonSerializer.Deserialize(trimmed, IceyeJsonContext.Default.IceyeProblemDetails);
                if (problem is not null)
                {
                    return FromProblem(problem);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the plain-text form.
            }
        }

        return (null, PlainText(trimmed));
    }

    /// <summary>Builds the message of a problem-details body.</summary>
    /// <param name="problem">The decoded body.</param>
    /// <returns>The code and message.</returns>
    public static (string? Code, string? Message) FromProblem(IceyeProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var code = problem.Code ?? ReadString(problem.AdditionalProperties, "error");
        var details = problem.Details is { } d ? DetailsText(d) : problem.Detail;
        details ??= ReadString(problem.AdditionalProperties, "error_description") ?? ReadString(problem.AdditionalProperties, "message");

        var parts = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(problem.Title))
        {
            parts.Add(problem.Title.Trim().TrimEnd('.') + ".");
        }

        if (!string.IsNullOrWhiteSpace(details))
        {
            parts.Add(details.Trim());
        }

        if (!string.IsNullOrWhiteSpace(problem.Reference))
        {
            parts.Add("See " + problem.Reference.Trim());
        }

        var message = parts.Count == 0 ? null : Truncate(string.Join(" ", parts));
        return (code, message);
    }

    private static string? DetailsText(JsonElement details) => details.ValueKind switch
    {
        JsonValueKind.String => details.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => string.Join("; ", details.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        _ => details.GetRawText(),
    };

    private static string? ReadString(IDictionary<string, JsonElement>? members, string name) =>
        members is not null && members.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? PlainText(string body)
    {
        // HTML error pages (a gateway or CloudFront) carry their message in <title>; the rest is markup.
        if (body.StartsWith('<'))
        {
            var start = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            var end = start < 0 ? -1 : body.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
            return start >= 0 && end > start ? Truncate(body[(start + 7)..end].Trim()) : null;
        }

        return Truncate(body.Trim());
    }

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
}
