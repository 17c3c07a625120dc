using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace SatDownload;

/// <summary>
/// The one place that removes secrets from text: API keys, tokens, <c>Authorization</c> values, client secrets and
/// signed-URL query strings. Every log message, exception message and <c>ToString()</c> in SatDownload goes through it.
/// </summary>
/// <remarks>
/// Two layers, because neither alone is enough: pattern rules catch secrets by their shape (a query string, a bearer
/// value, a JSON <c>access_token</c> member, a JWT), and a registry of known secret values (registered by the auth handlers
/// and clients when they receive a key or token) catches a secret wherever it appears, whatever its shape.
/// </remarks>
public static partial class Redactor
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "***";

    private const int MaxRegisteredSecrets = 4096;
    private const int MinSecretLength = 6;

    private static readonly ConcurrentDictionary<string, byte> KnownSecrets = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> SecretOrder = new();

    private static readonly HashSet<string> SensitiveHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "X-Api-Key", "Api-Key", "ApiKey", "Cookie", "Set-Cookie",
        "X-Amz-Security-Token", "X-Auth-Token", "Ocp-Apim-Subscription-Key", "X-Goog-Api-Key", "Location",
    };

    /// <summary>
    /// Registers a secret value (API key, client secret, token, signature) so that it is masked wherever it appears.
    /// Values shorter than six characters are ignored, as masking them would destroy ordinary text.
    /// </summary>
    /// <param name="secret">The secret value; null or short values are ignored.</param>
    public static void RegisterSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinSecretLength)
        {
            return;
        }

        if (KnownSecrets.TryAdd(secret, 0))
        {
            SecretOrder.Enqueue(secret);

            // Bounded: token refreshes register a new value every hour; forget the oldest beyond the cap.
            while (KnownSecrets.Count > MaxRegisteredSecrets && SecretOrder.TryDequeue(out var oldest))
            {
                KnownSecrets.TryRemove(oldest, out _);
            }
        }
    }

    /// <summary>Returns whether a header carries credentials or signed locations and must never be logged verbatim.</summary>
    /// <param name="headerName">The header name.</param>
    /// <returns><see langword="true"/> for sensitive headers.</returns>
    public static bool IsSensitiveHeader(string headerName) =>
        SensitiveHeaders.Contains(headerName) ||
        headerName.Contains("key", StringComparison.OrdinalIgnoreCase) ||
        headerName.Contains("token", StringComparison.OrdinalIgnoreCase) ||
        headerName.Contains("secret", StringComparison.OrdinalIgnoreCase) ||
        headerName.Contains("signature", StringComparison.OrdinalIgnoreCase);

    /// <summary>Redacts a header value: sensitive headers keep only their scheme (for example <c>Bearer ***</c>).</summary>
    /// <param name="headerName">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <returns>A value safe to log.</returns>
    public static string RedactHeader(string headerName, string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        if (string.Equals(headerName, "Location", StringComparison.OrdinalIgnoreCase) &&
            Uri.TryCreate(value, UriKind.Absolute, out var location))
        {
            return RedactUri(location);
        }

        if (!IsSensitiveHeader(headerName))
        {
            return Redact(value);
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && space < 16 ? value[..space] + " " + Mask : Mask;
    }

    /// <summary>
    /// Makes a URI safe to show: user info removed, every query value masked (names kept, so a reader can still see
    /// which parameters were sent), fragment removed.
    /// </summary>
    /// <param name="uri">The URI.</param>
    /// <returns>The redacted URI text; relative URIs are redacted as text.</returns>
    public static string RedactUri(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        if (!uri.IsAbsoluteUri)
        {
            var text = uri.OriginalString;
            var hash = text.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                text = text[..hash];
            }

            var q = text.IndexOf('?', StringComparison.Ordinal);
            return q < 0 ? RedactKnownSecrets(text) : RedactKnownSecrets(text[..q]) + "?" + MaskQueryValues(text[(q + 1)..]);
        }

        var sb = new StringBuilder();
        sb.Append(uri.Scheme).Append("://").Append(uri.Host);
        if (!uri.IsDefaultPort)
        {
            sb.Append(':').Append(uri.Port);
        }

        sb.Append(RedactKnownSecrets(uri.AbsolutePath));
        if (uri.Query.Length > 1)
        {
            sb.Append('?').Append(MaskQueryValues(uri.Query[1..]));
        }

        return sb.ToString();
    }

    /// <summary>Removes secrets from free text (log messages, error bodies, exception messages).</summary>
    /// <param name="text">The text; null gives an empty string.</param>
    /// <returns>The text with secrets masked.</returns>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = RedactKnownSecrets(text);
        result = AuthorizationHeaderPattern().Replace(result, m => m.Groups["name"].Value + m.Groups["sep"].Value + SchemeOf(m.Groups["value"].Value) + Mask);
        result = SchemeValuePattern().Replace(result, m => m.Groups["scheme"].Value + " " + Mask);
        result = JsonSecretMemberPattern().Replace(result, m => m.Groups["prefix"].Value + Mask + "\"");
        result = FormSecretPattern().Replace(result, m => m.Groups["name"].Value + "=" + Mask);
        result = JwtPattern().Replace(result, Mask);
        result = RedactQueryText(result);
        return result;
    }

    private static string MaskQueryValues(string query)
    {
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            parts[i] = (eq < 0 ? parts[i] : parts[i][..eq]) + "=" + Mask;
        }

        return string.Join('&', parts);
    }

    private static string RedactQueryText(string text) =>
        UrlQueryPattern().Replace(text, m =>
        {
            var query = m.Groups["query"].Value;
            var parts = query.Split('&');
            for (var i = 0; i < parts.Length; i++)
            {
                var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
                parts[i] = (eq < 0 ? parts[i] : parts[i][..eq]) + "=" + Mask;
            }

            return m.Groups["base"].Value + "?" + string.Join('&', parts);
        });

    private static string SchemeOf(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && space < 16 ? value[..(space + 1)] : string.Empty;
    }

    private static string RedactKnownSecrets(string text)
    {
        if (KnownSecrets.IsEmpty)
        {
            return text;
        }

        foreach (var secret in KnownSecrets.Keys)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    [GeneratedRegex(@"(?<name>(?:proxy-)?authorization|x-api-key|api[-_]?key)(?<sep>\s*[:=]\s*)(?<value>(?:(?:Bearer|Basic|ApiKey|Token)\s+)?[^\s,;""'&]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeaderPattern();

    // The value must look like a credential (a digit or base64 padding somewhere, or long), so prose such as
    // "token endpoint" or "basic authentication" stays readable.
    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|ApiKey|Token))\s+(?!\*\*\*)(?=[A-Za-z0-9\-._~+/=:]*[0-9=]|[A-Za-z0-9\-._~+/=:]{24,})[A-Za-z0-9\-._~+/=:]{6,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemeValuePattern();

    [GeneratedRegex(@"(?<prefix>""(?:access_token|accessToken|refresh_token|refreshToken|id_token|idToken|client_secret|clientSecret|api_key|apiKey|apikey|x-api-key|token|session_token|sessionToken|password|secret|signature|signed_url|signedUrl|private_key|privateKey)""\s*:\s*"")[^""]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonSecretMemberPattern();

    [GeneratedRegex(@"(?<name>\b(?:client_secret|access_token|refresh_token|password|api_key|apikey|token|signature|sig|x-amz-signature|x-amz-security-token|session_token))=(?!\*\*\*)[^&\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormSecretPattern();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"(?<base>\b(?:https?|s3|gs)://[^\s?#""'<>]+)\?(?<query>[^\s#""'<>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlQueryPattern();
}
