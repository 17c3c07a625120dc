using System.Globalization;

namespace SatDownload.Testing;

/// <summary>Parses a single-range <c>Range</c> header (<c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c>) against a length.</summary>
internal static class ByteRangeRequest
{
    /// <summary>The outcome of reading a <c>Range</c> header.</summary>
    internal enum Outcome
    {
        /// <summary>No usable range: serve the whole entity (absent, malformed or multi-range headers are ignored, as RFC 9110 allows).</summary>
        Full,

        /// <summary>A satisfiable range.</summary>
        Partial,

        /// <summary>A well-formed range that does not overlap the entity: 416.</summary>
        Unsatisfiable,
    }

    internal static Outcome Parse(string? header, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        if (string.IsNullOrWhiteSpace(header))
        {
            return Outcome.Full;
        }

        var value = header.Trim();
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Full;
        }

        var spec = value["bytes=".Length..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return Outcome.Full;
        }

        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return Outcome.Full;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // Suffix range: the last n bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return Outcome.Full;
            }

            if (suffix == 0 || length == 0)
            {
                return Outcome.Unsatisfiable;
            }

            start = Math.Max(0, length - suffix);
            end = length - 1;
            return Outcome.Partial;
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var a))
        {
            return Outcome.Full;
        }

        long b;
        if (last.Length == 0)
        {
            b = long.MaxValue;
        }
        else if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out b) || b < a)
        {
            return Outcome.Full;
        }

        if (a >= length)
        {
            return Outcome.Unsatisfiable;
        }

        start = a;
        end = Math.Min(b, length - 1);
        return Outcome.Partial;
    }
}
