using System.Globalization;

namespace SatDownload;

/// <summary>
/// A linear pre-scan of WKT text before NetTopologySuite's recursive reader sees it. Why: the reader recurses once per
/// parenthesis level (deep nesting could exhaust the stack, and 2,000 nested collections already cost ~50 MB and ~1 s)
/// and builds every coordinate before the vertex limit can be checked (a million-vertex polygon costs ~100 MB first).
/// </summary>
internal static class WktLimits
{
    /// <summary>Throws an <see cref="AoiValidationException"/> when the text nests deeper than allowed or certainly has too many vertices.</summary>
    public static void Check(string wkt, AoiValidationOptions options)
    {
        var depth = 0;
        var maxDepth = 0;
        long commas = 0;
        foreach (var c in wkt)
        {
            switch (c)
            {
                case '(':
                    depth++;
                    if (depth > options.MaxWktDepth)
                    {
                        throw new AoiValidationException(new[]
                        {
                            new AoiProblem(
                                AoiProblemCode.InvalidWkt,
                                string.Create(CultureInfo.InvariantCulture, $"The WKT nests parentheses more than {options.MaxWktDepth} levels deep (a MULTIPOLYGON needs 3)."),
                                null,
                                "Pass a POLYGON, MULTIPOLYGON or a flat GEOMETRYCOLLECTION of them, or raise AoiValidationOptions.MaxWktDepth."),
                        });
                    }

                    maxDepth = Math.Max(maxDepth, depth);
                    break;
                case ')':
                    depth--;
                    break;
                case ',':
                    commas++;
                    break;
            }
        }

        // Every separator other than the one between two positions of a ring comes with a ring of at least four positions,
        // so there are at least 4/5 as many positions as commas: more commas than that proves too many vertices.
        if (commas > (options.MaxVertices * 5L / 4) + 4)
        {
            throw new AoiValidationException(new[]
            {
                new AoiProblem(
                    AoiProblemCode.TooManyVertices,
                    string.Create(CultureInfo.InvariantCulture, $"The WKT has more than {options.MaxVertices:N0} vertices ({commas:N0} separators); the limit is {options.MaxVertices:N0}."),
                    null,
                    Aoi.TooManyVerticesFix),
            });
        }
    }
}
