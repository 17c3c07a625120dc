using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace SatDownload.GeoJson;

/// <summary>
/// Writes NetTopologySuite geometries as RFC 7946 GeoJSON with System.Text.Json. Positions are written as
/// [x, y] (longitude, latitude) or [x, y, z] when the coordinate has an elevation; numbers use the shortest text that
/// round-trips; polygons get RFC 7946 winding unless <see cref="GeoJsonWriterOptions.EnforceRfc7946Winding"/> is off.
/// </summary>
public static class GeoJsonWriter
{
    /// <summary>Writes a geometry as a GeoJSON geometry object.</summary>
    /// <param name="geometry">The geometry (any of the seven GeoJSON types; a <see cref="LinearRing"/> is written as a LineString).</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>The GeoJSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    /// <exception cref="JsonException">A coordinate is NaN or infinite, which GeoJSON cannot express.</exception>
    public static string Write(Geometry geometry, GeoJsonWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return WriteToString(writer => WriteGeometry(writer, geometry, options));
    }

    /// <summary>Writes geometries as a GeoJSON FeatureCollection with one Feature (empty <c>properties</c>) per geometry.</summary>
    /// <param name="geometries">The geometries; a null entry becomes a Feature whose geometry is null.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>The GeoJSON text.</returns>
    public static string WriteFeatureCollection(IEnumerable<Geometry?> geometries, GeoJsonWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(geometries);
        return WriteToString(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", GeoJsonTypes.FeatureCollection);
            writer.WritePropertyName("features");
            writer.WriteStartArray();
            foreach (var geometry in geometries)
            {
                writer.WriteStartObject();
                writer.WriteString("type", GeoJsonTypes.Feature);
                writer.WritePropertyName("geometry");
                WriteGeometry(writer, geometry, options);
                writer.WritePropertyName("properties");
                writer.WriteStartObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes a geometry (or <c>null</c>) to a <see cref="Utf8JsonWriter"/> at its current position.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="geometry">The geometry, or <see langword="null"/> to write a JSON null.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="JsonException">A coordinate is NaN or infinite, or the geometry type has no GeoJSON equivalent.</exception>
    public static void WriteGeometry(Utf8JsonWriter writer, Geometry? geometry, GeoJsonWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        options ??= GeoJsonWriterOptions.Default;
        if (geometry is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", TypeName(geometry));
        if (options.WriteBoundingBox && !geometry.IsEmpty)
        {
            var envelope = geometry.EnvelopeInternal;
            writer.WritePropertyName("bbox");
            writer.WriteStartArray();
            WriteNumber(writer, envelope.MinX);
            WriteNumber(writer, envelope.MinY);
            WriteNumber(writer, envelope.MaxX);
            WriteNumber(writer, envelope.MaxY);
            writer.WriteEndArray();
        }

        if (geometry is GeometryCollection collection and not MultiPoint and not MultiLineString and not MultiPolygon)
        {
            writer.WritePropertyName("geometries");
            writer.WriteStartArray();
            for (var i = 0; i < collection.NumGeometries; i++)
            {
                WriteGeometry(writer, collection.GetGeometryN(i), options);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WritePropertyName("coordinates");
            WriteCoordinates(writer, geometry, options);
        }

        writer.WriteEndObject();
    }

    internal static string TypeName(Geometry geometry) => geometry switch
    {
        Point => GeoJsonTypes.Point,
        LineString => GeoJsonTypes.LineString,
        Polygon => GeoJsonTypes.Polygon,
        MultiPoint => GeoJsonTypes.MultiPoint,
        MultiLineString => GeoJsonTypes.MultiLineString,
        MultiPolygon => GeoJsonTypes.MultiPolygon,
        GeometryCollection => GeoJsonTypes.GeometryCollection,
        _ => throw new JsonException($"Cannot write a {geometry.GeometryType} as GeoJSON: it has no GeoJSON equivalent."),
    };

    private static void WriteCoordinates(Utf8JsonWriter writer, Geometry geometry, GeoJsonWriterOptions options)
    {
        switch (geometry)
        {
            case Point point:
                if (point.IsEmpty)
                {
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                }
                else
                {
                    WritePosition(writer, point.CoordinateSequence, 0);
                }

                break;
            case LineString line:
                WriteSequence(writer, line.CoordinateSequence, reverse: false);
                break;
            case Polygon polygon:
                WritePolygon(writer, polygon, options);
                break;
            case GeometryCollection multi:
                writer.WriteStartArray();
                for (var i = 0; i < multi.NumGeometries; i++)
                {
                    WriteCoordinates(writer, multi.GetGeometryN(i), options);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new JsonException($"Cannot write a {geometry.GeometryType} as GeoJSON: it has no GeoJSON equivalent.");
        }
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon, GeoJsonWriterOptions options)
    {
        writer.WriteStartArray();
        if (!polygon.IsEmpty)
        {
            var shell = polygon.Shell.CoordinateSequence;
            WriteSequence(writer, shell, options.EnforceRfc7946Winding && !IsCounterClockwise(shell));
            foreach (var hole in polygon.Holes)
            {
                var sequence = hole.CoordinateSequence;
                WriteSequence(writer, sequence, options.EnforceRfc7946Winding && IsCounterClockwise(sequence));
            }
        }

        writer.WriteEndArray();
    }

    internal static bool IsCounterClockwise(CoordinateSequence ring) => ring.Count >= 4 && Orientation.IsCCW(ring);

    private static void WriteSequence(Utf8JsonWriter writer, CoordinateSequence sequence, bool reverse)
    {
        writer.WriteStartArray();
        var count = sequence.Count;
        for (var i = 0; i < count; i++)
        {
            WritePosition(writer, sequence, reverse ? count - 1 - i : i);
        }

        writer.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter writer, CoordinateSequence sequence, int index)
    {
        writer.WriteStartArray();
        WriteNumber(writer, sequence.GetX(index));
        WriteNumber(writer, sequence.GetY(index));
        if (sequence.HasZ)
        {
            var z = sequence.GetZ(index);
            if (!double.IsNaN(z))
            {
                WriteNumber(writer, z);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Cannot write GeoJSON: the coordinate value {value} is not a finite number, which JSON cannot express."));
        }

        writer.WriteNumberValue(value);
    }

    private static string WriteToString(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
