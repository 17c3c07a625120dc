using System.Globalization;
using System.Text;

namespace SatDownload.GeoJson;

/// <summary>
/// Tracks the JSON path of the token being read (for example <c>$.features[2].geometry.coordinates[0][3]</c>).
/// Why: error messages must say where in a large document the problem is, and building a string per position would
/// allocate for every vertex, so the path is kept as segments and only formatted when an error is reported.
/// </summary>
internal sealed class JsonPathTracker
{
    private readonly string _root;
    private readonly List<Segment> _segments = new();

    public JsonPathTracker(string root = "$")
    {
        _root = root;
    }

    public void PushProperty(string name) => _segments.Add(new Segment(name, -1));

    public void PushIndex(int index) => _segments.Add(new Segment(null, index));

    public void SetIndex(int index) => _segments[^1] = new Segment(null, index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        var builder = new StringBuilder(_root);
        foreach (var segment in _segments)
        {
            Append(builder, segment);
        }

        return builder.ToString();
    }

    /// <summary>Formats the current path followed by extra array indices (used after parsing, when only indices are known).</summary>
    public static string Append(string path, params int[] indices)
    {
        var builder = new StringBuilder(path);
        foreach (var index in indices)
        {
            builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Segment segment)
    {
        if (segment.Name is null)
        {
            builder.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else if (IsSimpleName(segment.Name))
        {
            builder.Append('.').Append(segment.Name);
        }
        else
        {
            builder.Append("['").Append(segment.Name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    private static bool IsSimpleName(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Segment(string? Name, int Index);
}
