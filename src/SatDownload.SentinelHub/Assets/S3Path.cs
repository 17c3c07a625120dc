using System.Text.RegularExpressions;

namespace SatDownload.SentinelHub;

/// <summary>Helpers for <c>s3://</c> output path templates.</summary>
internal static class S3Path
{
    public static Uri Parse(string url, string field)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "s3" || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"{field} must be an s3://bucket/prefix URL; got '{url}'.", field);
        }

        return uri;
    }

    /// <summary>The literal part of a template before its first placeholder, cut back to the last '/'.</summary>
    public static Uri ListPrefix(string template)
    {
        var cut = template.IndexOf('<', StringComparison.Ordinal);
        var literal = cut < 0 ? template : template[..cut];
        var slash = literal.LastIndexOf('/');
        return new Uri(slash > "s3://".Length ? literal[..(slash + 1)] : literal);
    }

    /// <summary>A regex for a template, each placeholder a named group matching one path segment (or less).</summary>
    public static Regex ToRegex(string template)
    {
        var pattern = Regex.Replace(Regex.Escape(template), @"<([A-Za-z_]+)>", m => "(?<" + m.Groups[1].Value + ">[^/]+?)");
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
