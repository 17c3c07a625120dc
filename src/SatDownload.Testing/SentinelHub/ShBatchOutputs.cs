using System.Buffers.Binary;
using System.Globalization;

namespace SatDownload.Testing.SentinelHub;

/// <summary>
/// The Batch v2 bookkeeping files written next to the outputs: the feature manifest GeoPackage after analysis
/// (<c>featureManifest-&lt;id&gt;.gpkg</c>, one table <c>feature_&lt;epsg&gt;</c> with fid, outputId, identifier, path,
/// width, height, geometry) and the execution database (<c>execution-&lt;id&gt;.sqlite</c>, table <c>features</c> with
/// id, name, status PENDING/DONE/FATAL, error, delivered). Where exactly the service puts them is not documented; the
/// emulator uses the task folder: the template up to and including <c>&lt;requestId&gt;/</c>, else its literal prefix.
/// </summary>
internal static class ShBatchOutputs
{
    public const int Epsg = 32633;

    public static string DefaultTemplate(string url) =>
        url.Contains('<', StringComparison.Ordinal) ? url : url.TrimEnd('/') + "/<requestId>/<tileName>/<outputId>.<format>";

    public static string Folder(string template, string requestId)
    {
        var at = template.IndexOf("<requestId>", StringComparison.Ordinal);
        if (at >= 0)
        {
            return template[..at] + requestId + "/";
        }

        var cut = template.IndexOf('<', StringComparison.Ordinal);
        var literal = cut < 0 ? template : template[..cut];
        return literal[..(literal.LastIndexOf('/') + 1)];
    }

    public static string OutputKey(string template, string requestId, string tile, string outputId, string extension) =>
        template.Replace("<requestId>", requestId, StringComparison.Ordinal).Replace("<tileName>", tile, StringComparison.Ordinal)
            .Replace("<outputId>", outputId, StringComparison.Ordinal).Replace("<format>", extension, StringComparison.Ordinal);

    public static byte[] ExecutionDatabase(IReadOnlyList<string> tiles, ISet<string> fatal, bool done)
    {
        var rows = tiles.Select((t, i) => new object?[]
        {
            (long)(i + 1),
            t,
            !done ? "PENDING" : fatal.Contains(t) ? "FATAL" : "DONE",
            done && fatal.Contains(t) ? "Processing of the tile failed: no data" : null,
            done && !fatal.Contains(t) ? 1L : 0L,
        }).ToList();
        return ShSqliteWriter.Write([new ShSqliteWriter.Table("features", "CREATE TABLE features (id INTEGER PRIMARY KEY, name TEXT, status TEXT, error TEXT, delivered INTEGER)", 0, rows)]);
    }

    public static byte[] FeatureManifest(IReadOnlyList<string> tiles, IReadOnlyList<(string Identifier, string Extension)> outputs, Func<string, string, string> pathOf, int tilePixels)
    {
        var table = "feature_" + Epsg.ToString(CultureInfo.InvariantCulture);
        var features = new List<object?[]>();
        for (var i = 0; i < tiles.Count; i++)
        {
            var minX = 300_000d + (i * 20_040);
            var minY = 5_000_000d;
            foreach (var (identifier, _) in outputs)
            {
                features.Add([(long)(features.Count + 1), identifier, tiles[i], pathOf(tiles[i], identifier), (long)tilePixels, (long)tilePixels, Polygon(minX, minY, minX + 20_040, minY + 20_040)]);
            }
        }

        var tables = new List<ShSqliteWriter.Table>
        {
            new("gpkg_spatial_ref_sys", "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)", 1,
            [
                ["Undefined cartesian SRS", -1L, "NONE", -1L, "undefined", null],
                ["Undefined geographic SRS", 0L, "NONE", 0L, "undefined", null],
                ["WGS 84 / UTM zone 33N", (long)Epsg, "EPSG", (long)Epsg, "PROJCS[\"WGS 84 / UTM zone 33N\"]", null],
            ]),
            new("gpkg_contents", "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL, data_type TEXT NOT NULL, identifier TEXT, description TEXT, last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)", -1,
            [
                [table, "features", table, "Batch v2 feature manifest", "2026-01-01T00:00:00.000Z", 300_000d, 5_000_000d, 300_000d + (tiles.Count * 20_040), 5_020_040d, (long)Epsg],
            ]),
            new("gpkg_geometry_columns", "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL)", -1,
            [
                [table, "geometry", "POLYGON", (long)Epsg, 0L, 0L],
            ]),
            new(table, "CREATE TABLE " + table + " (fid INTEGER PRIMARY KEY, outputId TEXT, identifier TEXT, path TEXT, width INTEGER, height INTEGER, geometry POLYGON)", 0, features),
        };

        // application_id "GPKG", user_version 10300 (GeoPackage 1.3).
        return ShSqliteWriter.Write(tables, applicationId: 0x47504B47, userVersion: 10300);
    }

    /// <summary>A GeoPackage geometry blob: "GP" header with an envelope, then a little-endian WKB polygon.</summary>
    private static byte[] Polygon(double minX, double minY, double maxX, double maxY)
    {
        var ring = new[] { (minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY), (minX, minY) };
        var bytes = new byte[8 + 32 + 1 + 4 + 4 + 4 + (ring.Length * 16)];
        var s = bytes.AsSpan();
        s[0] = (byte)'G';
        s[1] = (byte)'P';
        s[2] = 0;
        s[3] = 0b0000_0011; // little endian, envelope [minx, maxx, miny, maxy]
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], Epsg);
        BinaryPrimitives.WriteDoubleLittleEndian(s[8..], minX);
        BinaryPrimitives.WriteDoubleLittleEndian(s[16..], maxX);
        BinaryPrimitives.WriteDoubleLittleEndian(s[24..], minY);
        BinaryPrimitives.WriteDoubleLittleEndian(s[32..], maxY);
        var at = 40;
        s[at++] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(s[at..], 3);
        at += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(s[at..], 1);
        at += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(s[at..], (uint)ring.Length);
        at += 4;
        foreach (var (x, y) in ring)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(s[at..], x);
            BinaryPrimitives.WriteDoubleLittleEndian(s[(at + 8)..], y);
            at += 16;
        }

        return bytes;
    }
}
