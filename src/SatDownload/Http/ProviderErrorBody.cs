using System.Net.Http.Headers;
using System.Text.Json;

namespace SatDownload.Http;

/// <summary>
/// The raw material a per-provider error decoder works from: the status, the content type and the (size-limited) body text
/// of a failed response. Passed to the decoder given to <see cref="ProviderErrors"/>.
/// </summary>
public sealed class ProviderErrorBody
{
    /// <summary>Creates a body description.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="contentType">The media type, for example <c>application/json</c>; null when absent.</param>
    /// <param name="text">The body text (possibly truncated to the first 64 KiB).</param>
    /// <param name="headers">The response headers, when available.</param>
    public ProviderErrorBody(int status, string? contentType, string? text, HttpResponseHeaders? headers = null)
    {
        Status = status;
        ContentType = contentType;
        Text = text ?? string.Empty;
        Headers = headers;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The media type (without parameters), or null.</summary>
    public string? ContentType { get; }

    /// <summary>The body text; empty when the response had no body.</summary>
    public string Text { get; }

    /// <summary>The response headers, when available.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>Whether the body looks like JSON (by media type or by its first character).</summary>
    public bool IsJson
    {
        get
        {
            if (ContentType is not null && ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var trimmed = Text.AsSpan().TrimStart();
            return trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '[');
        }
    }

    /// <summary>Whether the body is an HTML page (gateways and proxies answer 429/502/503 with HTML).</summary>
    public bool IsHtml => HtmlText.LooksLikeHtml(ContentType, Text);

    /// <summary>Parses the body as JSON.</summary>
    /// <param name="root">The root element (a detached copy, safe to keep).</param>
    /// <returns><see langword="true"/> when the body is well-formed JSON.</returns>
    public bool TryParseJson(out JsonElement root)
    {
        root = default;
        if (string.IsNullOrWhiteSpace(Text))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(Text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            root = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
