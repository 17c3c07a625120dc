using System.Globalization;
using System.Text;

namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// Hand-written malformed AOIs. Each one must be refused: <see cref="AoiValidationException"/> (or, through the STJ
/// converter, a <see cref="System.Text.Json.JsonException"/> with a path), in bounded time and memory.
/// </summary>
internal static class HostileAoiCorpus
{
    private const string Ring = "[[10,50],[11,50],[11,51],[10,51],[10,50]]";

    /// <summary>Hostile GeoJSON texts, each with a short name used in failure messages.</summary>
    public static IEnumerable<(string Name, string GeoJson)> GeoJson()
    {
        // Broken JSON.
        yield return ("empty string", string.Empty);
        yield return ("whitespace", "   \n\t ");
        yield return ("null literal", "null");
        yield return ("true literal", "true");
        yield return ("number", "42");
        yield return ("string", "\"Polygon\"");
        yield return ("array root", "[]");
        yield return ("unclosed object", "{\"type\":\"Polygon\",\"coordinates\":[" + Ring);
        yield return ("unclosed string", "{\"type\":\"Polygon");
        yield return ("trailing comma", "{\"type\":\"Polygon\",\"coordinates\":[" + Ring + "],}");
        yield return ("single quotes", "{'type':'Polygon','coordinates':[" + Ring + "]}");
        yield return ("two roots", "{\"type\":\"Polygon\",\"coordinates\":[" + Ring + "]}{}");
        yield return ("garbage after", "{\"type\":\"Polygon\",\"coordinates\":[" + Ring + "]} garbage");
        yield return ("BOM and garbage", "\uFEFF\u0000{");
        yield return ("NUL bytes", "{\"type\":\"Poly\u0000gon\",\"coordinates\":[" + Ring + "]}");
        yield return ("invalid escape", "{\"type\":\"\\q\",\"coordinates\":[]}");
        yield return ("lone surrogate escape", "{\"type\":\"\\uD800\",\"coordinates\":[" + Ring + "]}");
        yield return ("unquoted keys", "{type:\"Polygon\",coordinates:[" + Ring + "]}");
        yield return ("xml", "<Polygon><coordinates>10,50 11,50</coordinates></Polygon>");
        yield return ("html error page", "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>");

        // Empty and wrongly typed objects.
        yield return ("empty object", "{}");
        yield return ("type only", "{\"type\":\"Polygon\"}");
        yield return ("coordinates only", "{\"coordinates\":[" + Ring + "]}");
        yield return ("type null", "{\"type\":null,\"coordinates\":[" + Ring + "]}");
        yield return ("type number", "{\"type\":7,\"coordinates\":[" + Ring + "]}");
        yield return ("type array", "{\"type\":[\"Polygon\"],\"coordinates\":[" + Ring + "]}");
        yield return ("type object", "{\"type\":{\"name\":\"Polygon\"},\"coordinates\":[" + Ring + "]}");
        yield return ("type bool", "{\"type\":true,\"coordinates\":[" + Ring + "]}");
        yield return ("type unknown", "{\"type\":\"Polygonz\",\"coordinates\":[" + Ring + "]}");
        yield return ("type lower case", "{\"type\":\"polygon\",\"coordinates\":[" + Ring + "]}");
        yield return ("type empty", "{\"type\":\"\",\"coordinates\":[" + Ring + "]}");
        yield return ("Point", "{\"type\":\"Point\",\"coordinates\":[10,50]}");
        yield return ("LineString", "{\"type\":\"LineString\",\"coordinates\":[[10,50],[11,51]]}");
        yield return ("MultiPoint", "{\"type\":\"MultiPoint\",\"coordinates\":[[10,50],[11,51]]}");
        yield return ("coordinates null", "{\"type\":\"Polygon\",\"coordinates\":null}");
        yield return ("coordinates string", "{\"type\":\"Polygon\",\"coordinates\":\"10 50, 11 50\"}");
        yield return ("coordinates object", "{\"type\":\"Polygon\",\"coordinates\":{\"0\":" + Ring + "}}");
        yield return ("coordinates empty", "{\"type\":\"Polygon\",\"coordinates\":[]}");
        yield return ("empty ring", "{\"type\":\"Polygon\",\"coordinates\":[[]]}");
        yield return ("empty position", "{\"type\":\"Polygon\",\"coordinates\":[[[],[],[],[]]]}");
        yield return ("one-number positions", "{\"type\":\"Polygon\",\"coordinates\":[[[10],[11],[11],[10]]]}");

        // Wrong nesting depth.
        yield return ("polygon one level too shallow", "{\"type\":\"Polygon\",\"coordinates\":" + Ring + "}");
        yield return ("polygon one level too deep", "{\"type\":\"Polygon\",\"coordinates\":[[" + Ring + "]]}");
        yield return ("multipolygon too shallow", "{\"type\":\"MultiPolygon\",\"coordinates\":[" + Ring + "]}");
        yield return ("multipolygon too deep", "{\"type\":\"MultiPolygon\",\"coordinates\":[[[" + Ring + "]]]}");
        yield return ("flat numbers", "{\"type\":\"Polygon\",\"coordinates\":[10,50,11,50,11,51,10,51,10,50]}");
        yield return ("deeply nested arrays", "{\"type\":\"Polygon\",\"coordinates\":" + new string('[', 5000) + new string(']', 5000) + "}");
        yield return ("deeply nested unclosed arrays", new string('[', 200_000));
        yield return ("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000));
        yield return ("deeply nested geometry collection", Nest(200));

        // Numbers that are not numbers.
        yield return ("NaN literal", "{\"type\":\"Polygon\",\"coordinates\":[[[NaN,50],[11,50],[11,51],[10,51],[NaN,50]]]}");
        yield return ("Infinity literal", "{\"type\":\"Polygon\",\"coordinates\":[[[Infinity,50],[11,50],[11,51],[10,51],[Infinity,50]]]}");
        yield return ("-Infinity literal", "{\"type\":\"Polygon\",\"coordinates\":[[[-Infinity,50],[11,50],[11,51],[10,51],[-Infinity,50]]]}");
        yield return ("NaN as string", "{\"type\":\"Polygon\",\"coordinates\":[[[\"NaN\",50],[11,50],[11,51],[10,51],[\"NaN\",50]]]}");
        yield return ("Infinity as string", "{\"type\":\"Polygon\",\"coordinates\":[[[\"Infinity\",50],[11,50],[11,51],[10,51],[\"Infinity\",50]]]}");
        yield return ("numbers as strings", "{\"type\":\"Polygon\",\"coordinates\":[[[\"10\",\"50\"],[\"11\",\"50\"],[\"11\",\"51\"],[\"10\",\"51\"],[\"10\",\"50\"]]]}");
        yield return ("null coordinate", "{\"type\":\"Polygon\",\"coordinates\":[[[null,50],[11,50],[11,51],[10,51],[null,50]]]}");
        yield return ("bool coordinate", "{\"type\":\"Polygon\",\"coordinates\":[[[true,50],[11,50],[11,51],[10,51],[true,50]]]}");
        yield return ("object coordinate", "{\"type\":\"Polygon\",\"coordinates\":[[[{},50],[11,50],[11,51],[10,51],[{},50]]]}");
        yield return ("hex number", "{\"type\":\"Polygon\",\"coordinates\":[[[0x10,50],[11,50],[11,51],[10,51],[0x10,50]]]}");
        yield return ("leading plus", "{\"type\":\"Polygon\",\"coordinates\":[[[+10,50],[11,50],[11,51],[10,51],[+10,50]]]}");
        yield return ("leading zeros", "{\"type\":\"Polygon\",\"coordinates\":[[[010,50],[11,50],[11,51],[10,51],[010,50]]]}");
        yield return ("huge number 1e400", "{\"type\":\"Polygon\",\"coordinates\":[[[1e400,50],[11,50],[11,51],[10,51],[1e400,50]]]}");
        yield return ("huge negative -1e400", "{\"type\":\"Polygon\",\"coordinates\":[[[-1e400,50],[11,50],[11,51],[10,51],[-1e400,50]]]}");
        yield return ("1e308 longitude", "{\"type\":\"Polygon\",\"coordinates\":[[[1e308,50],[11,50],[11,51],[10,51],[1e308,50]]]}");
        yield return ("1000-digit number", "{\"type\":\"Polygon\",\"coordinates\":[[[" + new string('9', 1000) + ",50],[11,50],[11,51],[10,51],[10,50]]]}");
        yield return ("tiny denormal area", "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[5e-324,0],[5e-324,5e-324],[0,5e-324],[0,0]]]}");

        // Geometry that is not an area.
        yield return ("unclosed ring", "{\"type\":\"Polygon\",\"coordinates\":[[[10,50],[11,50],[11,51],[10,51]]]}");
        yield return ("ring of three", "{\"type\":\"Polygon\",\"coordinates\":[[[10,50],[11,50],[10,50]]]}");
        yield return ("ring of one", "{\"type\":\"Polygon\",\"coordinates\":[[[10,50]]]}");
        yield return ("bowtie", "{\"type\":\"Polygon\",\"coordinates\":[[[10,50],[11,51],[11,50],[10,51],[10,50]]]}");
        yield return ("collinear", "{\"type\":\"Polygon\",\"coordinates\":[[[10,50],[11,50],[12,50],[10,50]]]}");
        yield return ("all same point", "{\"type\":\"Polygon\",\"coordinates\":[[[10,50],[10,50],[10,50],[10,50]]]}");
        yield return ("hole outside shell", "{\"type\":\"Polygon\",\"coordinates\":[" + Ring + ",[[20,20],[21,20],[21,21],[20,21],[20,20]]]}");
        yield return ("latitude 91", "{\"type\":\"Polygon\",\"coordinates\":[[[10,91],[11,91],[11,92],[10,92],[10,91]]]}");
        yield return ("longitude 500", "{\"type\":\"Polygon\",\"coordinates\":[[[500,50],[501,50],[501,51],[500,51],[500,50]]]}");
        yield return ("swapped axes", "{\"type\":\"Polygon\",\"coordinates\":[[[50,100],[50,101],[51,101],[51,100],[50,100]]]}");
        yield return ("crs projected", "{\"type\":\"Polygon\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}},\"coordinates\":[[[1113194,6446275],[1224514,6446275],[1224514,6621293],[1113194,6621293],[1113194,6446275]]]}");
        yield return ("multipolygon with empty member", "{\"type\":\"MultiPolygon\",\"coordinates\":[[" + Ring + "],[]]}");
        yield return ("multipolygon with bowtie member", "{\"type\":\"MultiPolygon\",\"coordinates\":[[" + Ring + "],[[[20,20],[21,21],[21,20],[20,21],[20,20]]]]}");

        // Features and collections with garbage.
        yield return ("feature without geometry", "{\"type\":\"Feature\",\"properties\":{}}");
        yield return ("feature geometry null", "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}");
        yield return ("feature geometry string", "{\"type\":\"Feature\",\"geometry\":\"POLYGON((10 50,11 50,11 51,10 50))\"}");
        yield return ("feature geometry array", "{\"type\":\"Feature\",\"geometry\":[" + Ring + "]}");
        yield return ("feature in feature", "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + Ring + "]}}}");
        yield return ("collection without features", "{\"type\":\"FeatureCollection\"}");
        yield return ("collection empty", "{\"type\":\"FeatureCollection\",\"features\":[]}");
        yield return ("collection features object", "{\"type\":\"FeatureCollection\",\"features\":{}}");
        yield return ("collection of numbers", "{\"type\":\"FeatureCollection\",\"features\":[1,2,3]}");
        yield return ("collection of nulls", "{\"type\":\"FeatureCollection\",\"features\":[null,null]}");
        yield return ("collection of strings", "{\"type\":\"FeatureCollection\",\"features\":[\"a\",\"b\"]}");
        yield return ("collection with garbage member", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + Ring + "]}},{\"type\":\"Banana\"}]}");
        yield return ("collection of points", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}");
        yield return ("collection with bare geometry", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Polygon\",\"coordinates\":[" + Ring + "]}, 7]}");
        yield return ("geometry collection empty", "{\"type\":\"GeometryCollection\",\"geometries\":[]}");
        yield return ("geometry collection garbage", "{\"type\":\"GeometryCollection\",\"geometries\":[1,\"x\",null]}");

        // Huge inputs (the vertex limit must stop them early).
        yield return ("100k-vertex ring", BigRing(100_000));
        yield return ("ring of 20k huge-precision numbers", BigRing(20_000, "10.123456789012345678901234567890123456789"));
        yield return ("1M-member flat coordinate array", "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(',', Enumerable.Repeat("1", 1_000_000)) + "]]}");
        yield return ("100k-key object", "{" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => "\"k" + i.ToString(CultureInfo.InvariantCulture) + "\":1")) + ",\"type\":\"Polygon\"}");
        yield return ("10k features with points", "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(',', Enumerable.Repeat("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}", 10_000)) + "]}");
        yield return ("1 MB string type", "{\"type\":\"" + new string('P', 1_000_000) + "\",\"coordinates\":[]}");
    }

    /// <summary>Hostile WKT texts.</summary>
    public static IEnumerable<(string Name, string Wkt)> Wkt()
    {
        yield return ("empty", string.Empty);
        yield return ("garbage", "hello world");
        yield return ("json", "{\"type\":\"Polygon\"}");
        yield return ("unclosed paren", "POLYGON ((10 50, 11 50, 11 51, 10 50");
        yield return ("extra parens", "POLYGON ((((10 50, 11 50, 11 51, 10 50))))");
        yield return ("no parens", "POLYGON 10 50, 11 50, 11 51, 10 50");
        yield return ("POINT", "POINT (10 50)");
        yield return ("LINESTRING", "LINESTRING (10 50, 11 51)");
        yield return ("POLYGON EMPTY", "POLYGON EMPTY");
        yield return ("unclosed ring", "POLYGON ((10 50, 11 50, 11 51, 10 51))");
        yield return ("bowtie", "POLYGON ((10 50, 11 51, 11 50, 10 51, 10 50))");
        yield return ("NaN", "POLYGON ((NaN 50, 11 50, 11 51, NaN 50))");
        yield return ("Infinity", "POLYGON ((Infinity 50, 11 50, 11 51, Infinity 50))");
        yield return ("letters for numbers", "POLYGON ((a b, c d, e f, a b))");
        yield return ("one ordinate", "POLYGON ((10, 11, 12, 10))");
        yield return ("swapped axes", "POLYGON ((50 100, 50 101, 51 101, 51 100, 50 100))");
        yield return ("latitude 1000", "POLYGON ((10 1000, 11 1000, 11 1001, 10 1000))");
        yield return ("huge numbers", "POLYGON ((1e400 50, 11 50, 11 51, 1e400 50))");
        yield return ("SRID prefix", "SRID=3857;POLYGON ((1113194 6446275, 1224514 6446275, 1224514 6621293, 1113194 6446275))");
        yield return ("deep nesting", "GEOMETRYCOLLECTION (" + string.Concat(Enumerable.Repeat("GEOMETRYCOLLECTION (", 300)) + "POINT (1 2)" + new string(')', 301));
        yield return ("line separator (non-Latin-1 character)", "]\u2028");
        yield return ("unpaired surrogate", "POLYGON ((10 50, \uD800 11 50, 11 51, 10 50))");
        yield return ("CJK", "多边形 ((10 50, 11 50, 11 51, 10 50))");
        yield return ("100k-vertex ring", "POLYGON ((" + string.Join(", ", Enumerable.Range(0, 100_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{10 + (i * 1e-6)} {50 + ((i % 2) * 1e-6)}"))) + ", 10 50))");
    }

    /// <summary>A ring with <paramref name="vertices"/> positions (closed), laid on a circle so it is otherwise valid.</summary>
    public static string BigRing(int vertices, string? number = null)
    {
        var sb = new StringBuilder(vertices * 24);
        sb.Append("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (var i = 0; i < vertices; i++)
        {
            var a = 2 * Math.PI * i / vertices;
            if (number is null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"[{10 + Math.Cos(a):F7},{50 + Math.Sin(a):F7}],");
            }
            else
            {
                sb.Append('[').Append(number).Append(',').Append(number).Append("],");
            }
        }

        sb.Append(number is null ? "[11.0000000,50.0000000]" : "[" + number + "," + number + "]");
        sb.Append("]]}");
        return sb.ToString();
    }

    private static string Nest(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append("{\"type\":\"GeometryCollection\",\"geometries\":[");
        }

        sb.Append("{\"type\":\"Polygon\",\"coordinates\":[" + Ring + "]}");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("]}");
        }

        return sb.ToString();
    }
}
