using System.Net;
using System.Text.RegularExpressions;

namespace SatDownload.Http;

/// <summary>Turns an HTML error page into one short readable line (its title), so messages never dump markup.</summary>
internal static partial class HtmlText
{
    private const int MaxSummaryLength = 200;

    public static bool LooksLikeHtml(string? contentType, string? text)
    {
        if (contentType is not null && contentType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var trimmed = text.AsSpan().TrimStart();
        return trimmed.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) ||
               trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase) ||
               trimmed.StartsWith("<head", StringComparison.OrdinalIgnoreCase) ||
               trimmed.StartsWith("<body", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The page's title, else its first heading, else its visible text, shortened.</summary>
    public static string Summarize(string html)
    {
        var candidate = FirstMatch(TitlePattern(), html) ?? FirstMatch(HeadingPattern(), html);
        if (string.IsNullOrWhiteSpace(candidate))
        {
            candidate = CollapseWhitespace(WebUtility.HtmlDecode(TagPattern().Replace(ScriptPattern().Replace(html, " "), " ")));
        }

        return Shorten(candidate, MaxSummaryLength);
    }

    public static string CollapseWhitespace(string text) => WhitespacePattern().Replace(text, " ").Trim();

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string? FirstMatch(Regex pattern, string html)
    {
        var match = pattern.Match(html);
        if (!match.Success)
        {
            return null;
        }

        var text = CollapseWhitespace(WebUtility.HtmlDecode(TagPattern().Replace(match.Groups["text"].Value, " ")));
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"<title[^>]*>(?<text>.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"<h[1-3][^>]*>(?<text>.*?)</h[1-3]>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"<(script|style)[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WhitespacePattern();
}
