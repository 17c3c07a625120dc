using System.Text.Json;

namespace SatDownload.GeoJson;

/// <summary>
/// Single forward pass over a <see cref="Utf8JsonReader"/> that turns a GeoJSON object into a <see cref="RawGeoJsonObject"/>.
/// Members may come in any order, unknown members (including <c>properties</c>, <c>id</c>, foreign members and the
/// pre-RFC <c>crs</c>) are skipped, and every error is a <see cref="JsonException"/> whose message names the JSON path
/// and what was expected.
/// </summary>
internal static class GeoJsonParser
{
    /// <summary>Default maximum JSON nesting depth for standalone parsing; a MultiPolygon needs 5, a Feature inside a FeatureCollection 8.</summary>
    public const int DefaultMaxDepth = 64;

    private const int MaxQuotedLength = 40;

    /// <summary>Parses a complete UTF-8 GeoJSON document.</summary>
    public static RawGeoJsonObject Parse(ReadOnlySpan<byte> utf8Json, int maxDepth = DefaultMaxDepth, int maxPositions = int.MaxValue)
    {
        var options = new JsonReaderOptions
        {
            MaxDepth = maxDepth,
            CommentHandling = JsonCommentHandling.Skip,
        };
        var reader = new Utf8JsonReader(utf8Json, options);
        var path = new JsonPathTracker();
        Read(ref reader, path);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path.ToString(), $"expected a GeoJSON object ({GeoJsonTypes.AllNames}) but found {Describe(ref reader)}.");
        }

        var result = ReadObject(ref reader, path, new PositionCounter(maxPositions));
        bool more;
        try
        {
            more = reader.Read();
        }
        catch (JsonException ex)
        {
            throw Wrap(ex, path);
        }

        if (more)
        {
            throw Error("$", "unexpected content after the GeoJSON object.");
        }

        return result;
    }

    /// <summary>Reads one GeoJSON object; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static RawGeoJsonObject ReadObject(ref Utf8JsonReader reader, JsonPathTracker path, PositionCounter positions)
    {
        var objectPath = path.ToString();
        string? type = null;
        CoordinateNode? coordinates = null;
        var hasCoordinates = false;
        List<RawGeoJsonObject>? geometries = null;
        RawGeoJsonObject? geometry = null;
        var hasGeometry = false;
        List<RawGeoJsonObject>? features = null;

        while (true)
        {
            Read(ref reader, path);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = GetString(ref reader, path.ToString()) ?? string.Empty;
            path.PushProperty(name);
            Read(ref reader, path);
            switch (name)
            {
                case "type":
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw Error(path.ToString(), $"expected a string naming the GeoJSON type ({GeoJsonTypes.AllNames}) but found {Describe(ref reader)}.");
                    }

                    type = GetString(ref reader, path.ToString());
                    break;
                case "coordinates":
                    hasCoordinates = reader.TokenType != JsonTokenType.Null;
                    coordinates = hasCoordinates ? ReadCoordinates(ref reader, path, positions) : null;
                    break;
                case "geometries":
                    geometries = ReadObjectArray(ref reader, path, positions);
                    break;
                case "geometry":
                    hasGeometry = true;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        geometry = ReadObject(ref reader, path, positions);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        throw Error(path.ToString(), $"expected a GeoJSON geometry object or null but found {Describe(ref reader)}.");
                    }

                    break;
                case "features":
                    features = ReadObjectArray(ref reader, path, positions);
                    break;
                case "bbox":
                    ReadBoundingBox(ref reader, path);
                    break;
                default:
                    Skip(ref reader, path);
                    break;
            }

            path.Pop();
        }

        if (type is null)
        {
            throw Error(objectPath, $"the object has no \"type\" member; expected one of {GeoJsonTypes.AllNames}.");
        }

        if (!GeoJsonTypes.IsKnown(type))
        {
            throw Error(objectPath + ".type", UnknownTypeMessage(type));
        }

        var result = new RawGeoJsonObject(type, objectPath);
        switch (type)
        {
            case GeoJsonTypes.GeometryCollection:
                if (geometries is null)
                {
                    throw Error(objectPath, "a GeometryCollection needs a \"geometries\" array.");
                }

                for (var i = 0; i < geometries.Count; i++)
                {
                    if (!geometries[i].IsGeometry)
                    {
                        throw Error(geometries[i].Path, $"expected a geometry inside a GeometryCollection but found a {geometries[i].Type}.");
                    }
                }

                result.Geometries = geometries;
                break;
            case GeoJsonTypes.Feature:
                if (geometry is not null && !geometry.IsGeometry)
                {
                    throw Error(geometry.Path, $"expected the geometry of a Feature but found a {geometry.Type}.");
                }

                result.Geometry = geometry;
                result.HasGeometryMember = hasGeometry;
                break;
            case GeoJsonTypes.FeatureCollection:
                if (features is null)
                {
                    throw Error(objectPath, "a FeatureCollection needs a \"features\" array.");
                }

                foreach (var feature in features)
                {
                    if (feature.Type != GeoJsonTypes.Feature)
                    {
                        throw Error(feature.Path, $"expected a Feature inside \"features\" but found a {feature.Type}.");
                    }
                }

                result.Features = features;
                break;
            default:
                if (!hasCoordinates || coordinates is null)
                {
                    throw Error(objectPath, $"a {type} needs a \"coordinates\" array.");
                }

                CheckShape(coordinates, GeoJsonTypes.CoordinateDepth(type), type, result.CoordinatesPath, new List<int>());
                result.Coordinates = coordinates;
                break;
        }

        return result;
    }

    /// <summary>Creates the exception used for every GeoJSON error: the message starts with the path.</summary>
    public static JsonException Error(string path, string message) =>
        new($"Invalid GeoJSON at {path}: {message}", path, null, null);

    private static string UnknownTypeMessage(string type)
    {
        foreach (var known in new[]
                 {
                     GeoJsonTypes.Point, GeoJsonTypes.MultiPoint, GeoJsonTypes.LineString, GeoJsonTypes.MultiLineString, GeoJsonTypes.Polygon,
                     GeoJsonTypes.MultiPolygon, GeoJsonTypes.GeometryCollection, GeoJsonTypes.Feature, GeoJsonTypes.FeatureCollection,
                 })
        {
            if (string.Equals(known, type, StringComparison.OrdinalIgnoreCase))
            {
                return $"unknown type \"{Quote(type)}\"; GeoJSON type names are case-sensitive, use \"{known}\".";
            }
        }

        return $"unknown type \"{Quote(type)}\"; expected one of {GeoJsonTypes.AllNames}.";
    }

    private static void CheckShape(CoordinateNode node, int expectedDepth, string type, string basePath, List<int> indices)
    {
        if (node is PositionNode)
        {
            if (expectedDepth != 0)
            {
                throw Error(JsonPathTracker.Append(basePath, indices.ToArray()), $"expected {GeoJsonTypes.DescribeDepth(expectedDepth)} for a {type} but found a position (an array of numbers); check the nesting depth of the coordinates.");
            }

            return;
        }

        var array = (CoordinateArrayNode)node;
        if (expectedDepth == 0)
        {
            // A Point with "coordinates": [] is the RFC's empty point; anything else nested is wrong.
            if (array.Items.Count == 0 && indices.Count == 0)
            {
                return;
            }

            throw Error(JsonPathTracker.Append(basePath, indices.ToArray()), $"expected a position [longitude, latitude] for a {type} but found a nested array; check the nesting depth of the coordinates.");
        }

        for (var i = 0; i < array.Items.Count; i++)
        {
            indices.Add(i);
            CheckShape(array.Items[i], expectedDepth - 1, type, basePath, indices);
            indices.RemoveAt(indices.Count - 1);
        }
    }

    private static CoordinateNode ReadCoordinates(ref Utf8JsonReader reader, JsonPathTracker path, PositionCounter positions)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(path.ToString(), $"expected an array but found {Describe(ref reader)}.");
        }

        // The index is pushed before reading so that even a syntax error inside the array names the element.
        path.PushIndex(0);
        Read(ref reader, path);
        CoordinateNode result;
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            result = new CoordinateArrayNode(new List<CoordinateNode>());
        }
        else if (reader.TokenType == JsonTokenType.Number)
        {
            // Counted against the position's own path, not its first number's.
            path.Pop();
            positions.Add(path);
            path.PushIndex(0);
            result = ReadPosition(ref reader, path, out var count);
            if (count < 2)
            {
                path.Pop();
                throw Error(path.ToString(), "a position needs at least two numbers [longitude, latitude] but has one.");
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            var items = new List<CoordinateNode>();
            while (true)
            {
                items.Add(ReadCoordinates(ref reader, path, positions));
                path.SetIndex(items.Count);
                Read(ref reader, path);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Error(path.ToString(), $"expected an array like the elements before it but found {Describe(ref reader)}; check the nesting depth of the coordinates.");
                }
            }

            result = new CoordinateArrayNode(items);
        }
        else
        {
            var hint = reader.TokenType == JsonTokenType.String ? "; write coordinates as JSON numbers, not strings" : string.Empty;
            throw Error(path.ToString(), $"expected a number or an array but found {Describe(ref reader)}{hint}.");
        }

        path.Pop();
        return result;
    }

    /// <summary>Reads the numbers of a position; the reader is on the first number and the path already ends in index 0.</summary>
    private static PositionNode ReadPosition(ref Utf8JsonReader reader, JsonPathTracker path, out int count)
    {
        double x = 0, y = 0, z = double.NaN;
        count = 0;
        while (true)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                var hint = reader.TokenType switch
                {
                    JsonTokenType.String => "; write coordinates as JSON numbers, not strings",
                    JsonTokenType.StartArray => "; a position is a flat array of numbers, check the nesting depth of the coordinates",
                    _ => string.Empty,
                };
                throw Error(path.ToString(), $"expected a number but found {Describe(ref reader)}{hint}.");
            }

            if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Error(path.ToString(), "the number is not a finite double.");
            }

            switch (count)
            {
                case 0:
                    x = value;
                    break;
                case 1:
                    y = value;
                    break;
                case 2:
                    z = value;
                    break;
                default:
                    // RFC 7946 §3.1.1: parsers may ignore elements beyond the third.
                    break;
            }

            count++;
            path.SetIndex(count);
            Read(ref reader, path);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }
        }

        return new PositionNode(x, y, z);
    }

    private static List<RawGeoJsonObject> ReadObjectArray(ref Utf8JsonReader reader, JsonPathTracker path, PositionCounter positions)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(path.ToString(), $"expected an array of GeoJSON objects but found {Describe(ref reader)}.");
        }

        var items = new List<RawGeoJsonObject>();
        path.PushIndex(0);
        while (true)
        {
            Read(ref reader, path);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            path.SetIndex(items.Count);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Error(path.ToString(), $"expected a GeoJSON object but found {Describe(ref reader)}.");
            }

            items.Add(ReadObject(ref reader, path, positions));
        }

        path.Pop();
        return items;
    }

    private static void ReadBoundingBox(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(path.ToString(), $"expected a bbox array [west, south, east, north] but found {Describe(ref reader)}.");
        }

        var count = 0;
        path.PushIndex(0);
        while (true)
        {
            Read(ref reader, path);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            path.SetIndex(count);
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Error(path.ToString(), $"expected a finite number in the bbox but found {Describe(ref reader)}.");
            }

            count++;
        }

        path.Pop();
        if (count != 4 && count != 6)
        {
            throw Error(path.ToString(), $"a bbox has 4 numbers [west, south, east, north] (or 6 with elevations) but this one has {count}.");
        }
    }

    private static void Skip(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        bool skipped;
        try
        {
            skipped = reader.TrySkip();
        }
        catch (JsonException ex)
        {
            throw Wrap(ex, path);
        }

        if (!skipped)
        {
            throw Error(path.ToString(), "the JSON ends inside this value.");
        }
    }

    private static void Read(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        bool read;
        try
        {
            read = reader.Read();
        }
        catch (JsonException ex)
        {
            throw Wrap(ex, path);
        }

        if (!read)
        {
            throw Error(path.ToString(), "the JSON ends unexpectedly.");
        }
    }

    /// <summary>
    /// Reads a string token. Why: <see cref="Utf8JsonReader.GetString"/> throws <see cref="InvalidOperationException"/>
    /// for an escaped unpaired surrogate (<c>"\uD800"</c>); callers promise a <see cref="JsonException"/> naming the path.
    /// </summary>
    private static string? GetString(ref Utf8JsonReader reader, string path)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException($"Invalid GeoJSON at {path}: the string has an invalid escape ({ex.Message})", path, null, null, ex);
        }
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    private static JsonException Wrap(JsonException ex, JsonPathTracker path)
    {
        var where = path.ToString();
        return new JsonException($"Invalid JSON at {where}: {ex.Message}", where, ex.LineNumber, ex.BytePositionInLine, ex);
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.ValueIsEscaped && !TryGetString(ref reader, out _) ? "a string with an invalid escape" : $"the string \"{Quote(reader.GetString() ?? string.Empty)}\"",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndArray => "the end of the array",
        JsonTokenType.EndObject => "the end of the object",
        _ => reader.TokenType.ToString(),
    };

    private static string Quote(string value) => value.Length <= MaxQuotedLength ? value : string.Concat(value.AsSpan(0, MaxQuotedLength), "...");
}
