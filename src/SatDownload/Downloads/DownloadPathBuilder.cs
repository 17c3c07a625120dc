using System.Globalization;
using System.Text;
using SatDownload.Assets;

namespace SatDownload.Downloads;

/// <summary>
/// Turns an asset and a file name template into a path inside the destination directory. Token values come from
/// providers and are untrusted: each is sanitised so it cannot add folders, climb out with <c>..</c>, carry control or
/// reserved characters, or exceed file-system name limits; the final path is then proven to stay inside the destination.
/// </summary>
internal static class DownloadPathBuilder
{
    /// <summary>The longest file or folder name produced, in UTF-8 bytes (file systems allow 255; room is left for <c>.part.json</c>).</summary>
    internal const int MaxSegmentBytes = 200;

    private static readonly HashSet<string> WindowsReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",

        // Windows also reserves the superscript-digit forms.
        "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    /// <summary>Expands the template for an asset and returns the full final path.</summary>
    /// <exception cref="ArgumentException">The template has an unknown token or the result would leave the destination.</exception>
    public static string Build(string destinationDirectory, string template, ImageryAsset asset)
    {
        var root = Path.GetFullPath(destinationDirectory);
        var relative = Expand(template, asset);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        EnsureInside(root, full, asset);
        return full;
    }

    /// <summary>Expands the template into a relative path of sanitised segments joined by the platform separator.</summary>
    public static string Expand(string template, ImageryAsset asset)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(asset);
        var fileName = FileNameOf(asset);
        var extension = ExtensionOf(asset, fileName);
        var segments = new List<string>();

        // The template's own '/' (or '\') separate folders; tokens never can, as their values are sanitised per segment.
        foreach (var part in template.Split('/', '\\'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var sb = new StringBuilder();
            var i = 0;
            while (i < part.Length)
            {
                if (part[i] == '{')
                {
                    var close = part.IndexOf('}', i + 1);
                    if (close < 0)
                    {
                        throw new ArgumentException($"DownloadOptions.FileNameTemplate '{template}' has an unclosed '{{'.", "options");
                    }

                    var token = part[(i + 1)..close];
                    sb.Append(Clean(TokenValue(token, asset, fileName, extension, template)));
                    i = close + 1;
                }
                else
                {
                    sb.Append(part[i]);
                    i++;
                }
            }

            segments.Add(SanitizeSegment(sb.ToString()));
        }

        if (segments.Count == 0)
        {
            throw new ArgumentException($"DownloadOptions.FileNameTemplate '{template}' expands to an empty path for {asset.Identity}.", "options");
        }

        return string.Join(Path.DirectorySeparatorChar, segments);
    }

    /// <summary>
    /// Makes one file or folder name safe on Linux, macOS and Windows: path separators, control and reserved characters
    /// become '_', '.' and '..' become '_', trailing dots and spaces go, reserved device names get a '_' prefix, and the
    /// name is shortened (keeping its extension) to <see cref="MaxSegmentBytes"/> UTF-8 bytes.
    /// </summary>
    public static string SanitizeSegment(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in ReplaceLoneSurrogates(name).Normalize(NormalizationForm.FormC))
        {
            var bad = char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ||
                      char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            sb.Append(bad ? '_' : c);
        }

        var s = sb.ToString().Trim().TrimEnd('.', ' ');
        if (s.Length == 0 || s.All(ch => ch == '.'))
        {
            s = "_";
        }

        // Windows ignores spaces before the extension when matching device names: "CON .txt" is the console too.
        var stem = s.Split('.')[0].TrimEnd(' ');
        if (WindowsReservedNames.Contains(stem))
        {
            s = "_" + s;
        }

        return Shorten(s);
    }

    /// <summary>
    /// Replaces unpaired surrogates with '_'. Why: <see cref="string.Normalize(NormalizationForm)"/> throws on them, which
    /// turned one provider's malformed name into an <see cref="ArgumentException"/> that named no asset and failed the batch.
    /// </summary>
    private static string ReplaceLoneSurrogates(string name)
    {
        if (!name.Any(char.IsSurrogate))
        {
            return name;
        }

        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                sb.Append(name[i]).Append(name[i + 1]);
                i++;
            }
            else
            {
                sb.Append(char.IsSurrogate(name[i]) ? '_' : name[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Throws when <paramref name="fullPath"/> is not strictly inside <paramref name="root"/>.</summary>
    public static void EnsureInside(string root, string fullPath, ImageryAsset asset)
    {
        var rootWithSep = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!fullPath.StartsWith(rootWithSep, comparison) || fullPath.Length <= rootWithSep.Length)
        {
            throw new ArgumentException(
                $"The file name for {asset.Identity} would resolve outside the destination directory; it was rejected. Check DownloadOptions.FileNameTemplate.",
                "assets");
        }
    }

    private static string TokenValue(string token, ImageryAsset asset, string fileName, string extension, string template) =>
        token.ToLowerInvariant() switch
        {
            "provider" => asset.Provider,
            "productid" => asset.ProductId,
            "assetkey" => asset.AssetKey,
            "filename" => fileName,
            "extension" => extension,
            "acquired" => asset.AcquiredAt?.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "undated",
            _ => throw new ArgumentException(
                $"DownloadOptions.FileNameTemplate '{template}' uses the unknown token '{{{token}}}'. Known tokens: {{provider}}, {{productId}}, {{assetKey}}, {{fileName}}, {{extension}}, {{acquired}}.",
                "options"),
        };

    /// <summary>A token value must not be able to add folders: separators become '_' and a bare '..' is neutralised.</summary>
    private static string Clean(string value)
    {
        var s = value.Replace('/', '_').Replace('\\', '_');
        return s is "." or ".." ? "_" : s;
    }

    private static string FileNameOf(ImageryAsset asset)
    {
        if (!string.IsNullOrWhiteSpace(asset.SuggestedFileName))
        {
            // A suggested name may itself be a path ("a/b/c.tif"): only its last part is a file name.
            var name = asset.SuggestedFileName.Replace('\\', '/');
            var last = name[(name.LastIndexOf('/') + 1)..];
            if (last.Length > 0)
            {
                return last;
            }
        }

        if (asset.Href is { IsAbsoluteUri: true } href)
        {
            var last = Uri.UnescapeDataString(href.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault() ?? string.Empty);
            if (last.Length > 0)
            {
                return last;
            }
        }

        return asset.AssetKey + MediaTypeMap.ExtensionFor(asset.MediaType);
    }

    private static string ExtensionOf(ImageryAsset asset, string fileName)
    {
        var ext = Path.GetExtension(fileName.Replace('\\', '_'));
        if (ext.Length is > 1 and <= 16 && ext[1..].All(char.IsAsciiLetterOrDigit))
        {
            return ext.ToLowerInvariant() == ".tiff" ? ".tiff" : ext;
        }

        return MediaTypeMap.ExtensionFor(asset.MediaType);
    }

    private static string Shorten(string s)
    {
        if (Encoding.UTF8.GetByteCount(s) <= MaxSegmentBytes)
        {
            return s;
        }

        var ext = Path.GetExtension(s);
        if (ext.Length > 16)
        {
            ext = string.Empty;
        }

        // A short hash of the full name keeps two long names that share a prefix distinct.
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..8].ToLowerInvariant();
        var stem = s[..^ext.Length];
        var budget = MaxSegmentBytes - Encoding.UTF8.GetByteCount(ext) - hash.Length - 1;
        var sb = new StringBuilder();
        var used = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            var n = rune.Utf8SequenceLength;
            if (used + n > budget)
            {
                break;
            }

            sb.Append(rune.ToString());
            used += n;
        }

        return sb.ToString().TrimEnd('.', ' ') + "~" + hash + ext;
    }
}
