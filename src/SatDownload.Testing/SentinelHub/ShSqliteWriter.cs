using System.Buffers.Binary;
using System.Text;

namespace SatDownload.Testing.SentinelHub;

/// <summary>
/// Writes a small, valid SQLite 3 database (one leaf page per table, 64 KiB pages, UTF-8) for the Batch v2 outputs the
/// emulator puts in the bucket: the execution database (<c>execution-&lt;id&gt;.sqlite</c>) and the feature manifest
/// GeoPackage (<c>featureManifest-&lt;id&gt;.gpkg</c>). Readable by the sqlite3 tool, GDAL and the adapter's reader.
/// </summary>
internal static class ShSqliteWriter
{
    private const int PageSize = 65536;

    /// <summary>One table: its CREATE statement, the index of its INTEGER PRIMARY KEY column (or -1), and its rows.</summary>
    public sealed record Table(string Name, string Sql, int RowIdColumn, IReadOnlyList<object?[]> Rows);

    public static byte[] Write(IReadOnlyList<Table> tables, uint applicationId = 0, uint userVersion = 0)
    {
        var pages = new byte[1 + tables.Count][];
        var schemaRows = new List<(long RowId, byte[] Record)>();
        for (var i = 0; i < tables.Count; i++)
        {
            var t = tables[i];
            schemaRows.Add((i + 1, Record(["table", t.Name, t.Name, (long)(i + 2), t.Sql])));
            var rows = new List<(long, byte[])>();
            for (var r = 0; r < t.Rows.Count; r++)
            {
                var values = (object?[])t.Rows[r].Clone();
                long rowId = r + 1;
                if (t.RowIdColumn >= 0)
                {
                    rowId = Convert.ToInt64(values[t.RowIdColumn], System.Globalization.CultureInfo.InvariantCulture);
                    values[t.RowIdColumn] = null;
                }

                rows.Add((rowId, Record(values)));
            }

            pages[i + 1] = LeafPage(rows, headerOffset: 0);
        }

        pages[0] = LeafPage(schemaRows, headerOffset: 100);
        var file = new byte[pages.Length * PageSize];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i].CopyTo(file, i * PageSize);
        }

        var h = file.AsSpan(0, 100);
        Encoding.ASCII.GetBytes("SQLite format 3\0").CopyTo(h);
        BinaryPrimitives.WriteUInt16BigEndian(h[16..], 1); // 1 means 65536
        h[18] = 1;
        h[19] = 1;
        h[20] = 0;
        h[21] = 64;
        h[22] = 32;
        h[23] = 32;
        BinaryPrimitives.WriteUInt32BigEndian(h[24..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(h[28..], (uint)pages.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[40..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(h[44..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(h[56..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(h[60..], userVersion);
        BinaryPrimitives.WriteUInt32BigEndian(h[68..], applicationId);
        BinaryPrimitives.WriteUInt32BigEndian(h[92..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(h[96..], 3045000);
        return file;
    }

    private static byte[] LeafPage(List<(long RowId, byte[] Record)> rows, int headerOffset)
    {
        var page = new byte[PageSize];
        var content = PageSize;
        var pointers = new List<int>();
        foreach (var (rowId, record) in rows.OrderBy(r => r.RowId))
        {
            if (record.Length > PageSize - 35)
            {
                throw new InvalidOperationException("Row too large for the emulator's single-page SQLite writer.");
            }

            var cell = new List<byte>();
            Varint(cell, record.Length);
            Varint(cell, rowId);
            cell.AddRange(record);
            content -= cell.Count;
            if (content < headerOffset + 8 + ((pointers.Count + 1) * 2))
            {
                throw new InvalidOperationException("Table too large for the emulator's single-page SQLite writer.");
            }

            cell.CopyTo(page, content);
            pointers.Add(content);
        }

        page[headerOffset] = 0x0D;
        BinaryPrimitives.WriteUInt16BigEndian(page.AsSpan(headerOffset + 3), (ushort)pointers.Count);
        BinaryPrimitives.WriteUInt16BigEndian(page.AsSpan(headerOffset + 5), (ushort)(content == PageSize ? 0 : content));
        for (var i = 0; i < pointers.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(page.AsSpan(headerOffset + 8 + (i * 2)), (ushort)pointers[i]);
        }

        return page;
    }

    private static byte[] Record(object?[] values)
    {
        var types = new List<byte>();
        var body = new List<byte>();
        foreach (var v in values)
        {
            switch (v)
            {
                case null:
                    Varint(types, 0);
                    break;
                case int or long:
                    var n = Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
                    Varint(types, 6);
                    var b8 = new byte[8];
                    BinaryPrimitives.WriteInt64BigEndian(b8, n);
                    body.AddRange(b8);
                    break;
                case double d:
                    Varint(types, 7);
                    var f8 = new byte[8];
                    BinaryPrimitives.WriteDoubleBigEndian(f8, d);
                    body.AddRange(f8);
                    break;
                case string s:
                    var text = Encoding.UTF8.GetBytes(s);
                    Varint(types, 13 + (2L * text.Length));
                    body.AddRange(text);
                    break;
                case byte[] blob:
                    Varint(types, 12 + (2L * blob.Length));
                    body.AddRange(blob);
                    break;
                default:
                    throw new ArgumentException("Unsupported SQLite value " + v.GetType().Name);
            }
        }

        var header = new List<byte>();
        var size = types.Count + 1;
        if (size >= 128)
        {
            size++;
        }

        Varint(header, size);
        header.AddRange(types);
        header.AddRange(body);
        return header.ToArray();
    }

    private static void Varint(List<byte> output, long value)
    {
        if (value < 0 || value > 0x00FF_FFFF_FFFF_FFFF)
        {
            // Nine-byte form: eight 7-bit groups of the high 56 bits, then the low 8 bits whole (negative rowids use it).
            var u = unchecked((ulong)value);
            for (var shift = 57; shift >= 8; shift -= 7)
            {
                output.Add((byte)(((u >> shift) & 0x7F) | 0x80));
            }

            output.Add((byte)(u & 0xFF));
            return;
        }

        var groups = new Stack<byte>();
        do
        {
            groups.Push((byte)(value & 0x7F));
            value >>= 7;
        }
        while (value > 0);

        while (groups.Count > 0)
        {
            var g = groups.Pop();
            output.Add(groups.Count > 0 ? (byte)(g | 0x80) : g);
        }
    }
}
