using System.Globalization;

namespace SatDownload.Capella;

/// <summary>
/// Reads what a signed URL says about itself: its expiry (AWS signature v2 <c>Expires=&lt;epoch&gt;</c>, or v4
/// <c>X-Amz-Date</c> + <c>X-Amz-Expires</c>) and which query values are secrets to register with the <see cref="Redactor"/>.
/// </summary>
internal static class SignedUrlInspector
{
    private static readonly HashSet<string> SecretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Signature", "X-Amz-Signature", "x-amz-security-token", "X-Amz-Credential", "AWSAccessKeyId", "sig", "token",
    };

    /// <summary>Returns the expiry the URL declares, or null.</summary>
    /// <param name="uri">The signed URL.</param>
    /// <returns>The expiry.</returns>
    public static DateTimeOffset? ReadExpiry(Uri uri)
    {
        var query = ParseQuery(uri);
        if (query.TryGetValue("Expires", out var expires) &&
            long.TryParse(expires, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        if (query.TryGetValue("X-Amz-Date", out var date) && query.TryGetValue("X-Amz-Expires", out var seconds) &&
            DateTimeOffset.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) &&
            long.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lifetime))
        {
            return signedAt.ToUniversalTime().AddSeconds(lifetime);
        }

        return null;
    }

    /// <summary>Registers the URL's signature values as secrets so that they are masked wherever they appear.</summary>
    /// <param name="uri">The signed URL.</param>
    public static void RegisterSecrets(Uri uri)
    {
        foreach (var (name, value) in ParseQuery(uri))
        {
            if (SecretParameters.Contains(name))
            {
                Redactor.RegisterSecret(value);
                Redactor.RegisterSecret(Uri.EscapeDataString(value));
            }
        }

        // The whole query string is the capability: register it too, for logs that print a URL without parsing it.
        if (uri.Query.Length > 1)
        {
            Redactor.RegisterSecret(uri.Query.TrimStart('?'));
        }
    }

    private static Dictionary<string, string> ParseQuery(Uri uri)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var query = uri.IsAbsoluteUri ? uri.Query : string.Empty;
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            result.TryAdd(name, value);
        }

        return result;
    }
}
