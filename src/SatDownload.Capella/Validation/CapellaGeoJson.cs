using System.Buffers;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.Capella;

/// <summary>Writes the GeoJSON polygon of an AOI body (Capella AOIs are single polygons, WGS84 longitude/latitude).</summary>
internal static class CapellaGeoJson
{
    public static JsonElement PolygonToElement(Polygon polygon)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Polygon");
            writer.WritePropertyName("coordinates");
            writer.WriteStartArray();
            WriteRing(writer, polygon.ExteriorRing, counterClockwise: true);
            foreach (var hole in polygon.InteriorRings)
            {
                WriteRing(writer, hole, counterClockwise: false);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring, bool counterClockwise)
    {
        // RFC 7946: exterior rings counter-clockwise, holes clockwise.
        var coords = ring.Coordinates;
        var isCcw = NetTopologySuite.Algorithm.Orientation.IsCCW(coords);
        var ordered = isCcw == counterClockwise ? coords : Enumerable.Reverse(coords).ToArray();
        writer.WriteStartArray();
        foreach (var c in ordered)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(c.X);
            writer.WriteNumberValue(c.Y);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
