using System.Buffers.Binary;
using System.Text;

namespace SatDownload.SentinelHub;

/// <summary>
/// Reads the rows of one table from a SQLite 3 database file held in memory: just enough of the file format
/// (table b-trees, overflow pages, records, UTF-8 text) to read the Batch v2 execution database
/// (<c>execution-&lt;requestId&gt;.sqlite</c>, table <c>features</c>) and the feature manifest GeoPackage without a
/// native SQLite dependency. Every offset is bounds-checked: a damaged or hostile file gives
/// <see cref="InvalidDataException"/>, never an out-of-range read or an endless loop.
/// </summary>
internal sealed class SqliteTableReader
{
    private const int MaxPagesVisited = 1_000_000;
    private readonly byte[] _file;
    private readonly int _pageSize;
    private readonly int _usable;

    private SqliteTableReader(byte[] file)
    {
        _file = file;
        if (file.Length < 100 || !Encoding.ASCII.GetString(file, 0, 15).Equals("SQLite format 3", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Not a SQLite 3 database (bad header).");
        }

        var size = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(16));
        _pageSize = size == 1 ? 65536 : size;
        if (_pageSize < 512 || (_pageSize & (_pageSize - 1)) != 0)
        {
            throw new InvalidDataException($"SQLite page size {_pageSize} is invalid.");
        }

        _usable = _pageSize - file[20];
        if (BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(56)) is not (0 or 1))
        {
            throw new InvalidDataException("Only UTF-8 SQLite databases are supported.");
        }
    }

    /// <summary>Reads every row of <paramref name="table"/> as column name → value (long, double, string, byte[] or null).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ReadTable(byte[] file, string table)
    {
        ArgumentNullException.ThrowIfNull(file);
        var reader = new SqliteTableReader(file);
        foreach (var (_, schema) in reader.Rows(1))
        {
            if (schema.Count >= 5 && schema[0] is "table" && string.Equals(schema[1] as string, table, StringComparison.OrdinalIgnoreCase) && schema[3] is long root && schema[4] is string sql)
            {
                var (columns, rowIdColumn) = ParseColumns(sql);
                var rows = new List<IReadOnlyDictionary<string, object?>>();
                foreach (var (rowId, values) in reader.Rows(checked((int)root)))
                {
                    var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        row[columns[i]] = i == rowIdColumn ? rowId : i < values.Count ? values[i] : null;
                    }

                    rows.Add(row);
                }

                return rows;
            }
        }

        throw new InvalidDataException($"The database has no table '{table}'.");
    }

    /// <summary>Lists the table names of a database.</summary>
    public static IReadOnlyList<string> TableNames(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var reader = new SqliteTableReader(file);
        return reader.Rows(1).Where(r => r.Values.Count >= 2 && r.Values[0] is "table").Select(r => (string)r.Values[1]!).ToList();
    }

    private IEnumerable<(long RowId, IReadOnlyList<object?> Values)> Rows(int rootPage)
    {
        var stack = new Stack<int>();
        stack.Push(rootPage);
        var visited = 0;
        var seen = new HashSet<int>();
        while (stack.Count > 0)
        {
            var page = stack.Pop();
            if (++visited > MaxPagesVisited || !seen.Add(page))
            {
                throw new InvalidDataException("The SQLite b-tree loops or is too large.");
            }

            var start = PageStart(page);
            var header = page == 1 ? start + 100 : start;
            Need(header, 8);
            var kind = _file[header];
            var cells = BinaryPrimitives.ReadUInt16BigEndian(_file.AsSpan(header + 3));
            if (kind == 0x05)
            {
                Need(header, 12);
                var children = new List<int>(cells + 1);
                for (var i = 0; i < cells; i++)
                {
                    var cell = start + Pointer(header + 12, i);
                    Need(cell, 4);
                    children.Add(checked((int)BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(cell))));
                }

                children.Add(checked((int)BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(header + 8))));
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
            else if (kind == 0x0D)
            {
                for (var i = 0; i < cells; i++)
                {
                    var at = start + Pointer(header + 8, i);
                    var payloadSize = ReadVarint(ref at);
                    var rowId = ReadVarint(ref at);
                    yield return (rowId, ParseRecord(Payload(at, payloadSize)));
                }
            }
            else
            {
                throw new InvalidDataException($"SQLite page {page} is not a table b-tree page (type {kind}).");
            }
        }
    }

    private int Pointer(int arrayStart, int index)
    {
        Need(arrayStart + (index * 2), 2);
        return BinaryPrimitives.ReadUInt16BigEndian(_file.AsSpan(arrayStart + (index * 2)));
    }

    private byte[] Payload(int at, long size)
    {
        if (size < 0 || size > 64L * 1024 * 1024)
        {
            throw new InvalidDataException("A SQLite record is larger than 64 MiB.");
        }

        var total = (int)size;
        var maxLocal = _usable - 35;
        var minLocal = ((_usable - 12) * 32 / 255) - 23;
        var local = total;
        if (total > maxLocal)
        {
            var k = minLocal + ((total - minLocal) % (_usable - 4));
            local = k <= maxLocal ? k : minLocal;
        }

        Need(at, local);
        var result = new byte[total];
        Array.Copy(_file, at, result, 0, local);
        var written = local;
        if (written < total)
        {
            Need(at + local, 4);
            var next = BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(at + local));
            var hops = 0;
            while (written < total)
            {
                if (next == 0 || ++hops > MaxPagesVisited)
                {
                    throw new InvalidDataException("A SQLite overflow chain ends early.");
                }

                var page = PageStart(checked((int)next));
                Need(page, 4);
                next = BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(page));
                var chunk = Math.Min(total - written, _usable - 4);
                Need(page + 4, chunk);
                Array.Copy(_file, page + 4, result, written, chunk);
                written += chunk;
            }
        }

        return result;
    }

    private static List<object?> ParseRecord(byte[] record)
    {
        var at = 0;
        var headerSize = ReadVarint(record, ref at);
        if (headerSize < 1 || headerSize > record.Length)
        {
            throw new InvalidDataException("A SQLite record header is damaged.");
        }

        var types = new List<long>();
        while (at < headerSize)
        {
            types.Add(ReadVarint(record, ref at));
        }

        var body = (int)headerSize;
        var values = new List<object?>(types.Count);
        foreach (var type in types)
        {
            int length = type switch
            {
                0 or 8 or 9 => 0,
                1 => 1,
                2 => 2,
                3 => 3,
                4 => 4,
                5 => 6,
                6 or 7 => 8,
                >= 12 => checked((int)((type - (type % 2 == 0 ? 12 : 13)) / 2)),
                _ => throw new InvalidDataException($"SQLite serial type {type} is reserved."),
            };
            if (body + length > record.Length)
            {
                throw new InvalidDataException("A SQLite record is shorter than its header says.");
            }

            var span = record.AsSpan(body, length);
            values.Add(type switch
            {
                0 => null,
                8 => 0L,
                9 => 1L,
                >= 1 and <= 6 => ReadSignedBigEndian(span),
                7 => BinaryPrimitives.ReadDoubleBigEndian(span),
                _ when type % 2 == 0 => span.ToArray(),
                _ => Encoding.UTF8.GetString(span),
            });
            body += length;
        }

        return values;
    }

    private static long ReadSignedBigEndian(ReadOnlySpan<byte> bytes)
    {
        long value = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    private long ReadVarint(ref int at) => ReadVarint(_file, ref at);

    private static long ReadVarint(byte[] buffer, ref int at)
    {
        long value = 0;
        for (var i = 0; i < 9; i++)
        {
            if (at >= buffer.Length)
            {
                throw new InvalidDataException("A SQLite varint runs past the end of the data.");
            }

            var b = buffer[at++];
            if (i == 8)
            {
                return (value << 8) | b;
            }

            value = (value << 7) | (long)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        return value;
    }

    private int PageStart(int page)
    {
        if (page < 1 || (long)page * _pageSize > _file.Length)
        {
            throw new InvalidDataException($"SQLite page {page} is outside the file.");
        }

        return (page - 1) * _pageSize;
    }

    private void Need(int offset, int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > _file.Length)
        {
            throw new InvalidDataException("The SQLite file is truncated or damaged.");
        }
    }

    /// <summary>Column names from <c>CREATE TABLE x (a INTEGER PRIMARY KEY, b TEXT, ...)</c>, and which one aliases the rowid.</summary>
    internal static (IReadOnlyList<string> Columns, int RowIdColumn) ParseColumns(string sql)
    {
        var open = sql.IndexOf('(', StringComparison.Ordinal);
        var close = sql.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw new InvalidDataException("Cannot read the table definition: " + sql);
        }

        var parts = new List<string>();
        var depth = 0;
        var current = new StringBuilder();
        foreach (var ch in sql[(open + 1)..close])
        {
            if (ch == ',' && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            current.Append(ch);
        }

        parts.Add(current.ToString());
        var columns = new List<string>();
        var rowId = -1;
        foreach (var raw in parts)
        {
            var part = raw.Trim();
            var first = part.Split([' ', '\t', '\n', '\r'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            if (first.ToUpperInvariant() is "PRIMARY" or "UNIQUE" or "CHECK" or "FOREIGN" or "CONSTRAINT" or "")
            {
                continue;
            }

            var upper = part.ToUpperInvariant();
            if (upper.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal))
            {
                rowId = columns.Count;
            }

            columns.Add(first.Trim('"', '`', '[', ']', '\''));
        }

        return (columns, rowId);
    }
}
