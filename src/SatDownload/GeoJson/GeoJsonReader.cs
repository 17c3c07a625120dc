using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.GeoJson;

/// <summary>
/// Reads RFC 7946 GeoJSON into NetTopologySuite geometries with System.Text.Json. Members may come in any order;
/// <c>bbox</c> is checked and otherwise ignored; unknown and foreign members (<c>id</c>, <c>properties</c>, <c>crs</c>, ...)
/// are skipped. Positions are [longitude, latitude] or [longitude, latitude, elevation]; further elements are ignored.
/// Every error is a <see cref="JsonException"/> whose message names the JSON path (for example
/// <c>$.features[2].geometry.coordinates[0][3]</c>) and what was expected there.
/// </summary>
public static class GeoJsonReader
{
    /// <summary>Maximum JSON nesting depth accepted by the helpers (a guard against hostile input).</summary>
    public const int MaxDepth = GeoJsonParser.DefaultMaxDepth;

    /// <summary>Reads a GeoJSON geometry object (any of the seven types).</summary>
    /// <param name="json">The GeoJSON text.</param>
    /// <param name="factory">Factory for the result; <see langword="null"/> for floating precision and SRID 4326.</param>
    /// <returns>The geometry.</returns>
    /// <exception cref="JsonException">The text is not a valid GeoJSON geometry; the message names the path.</exception>
    public static Geometry ReadGeometry(string json, GeometryFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReadGeometry(Encoding.UTF8.GetBytes(json), factory);
    }

    /// <summary>Reads a GeoJSON geometry object (any of the seven types) from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The GeoJSON bytes.</param>
    /// <param name="factory">Factory for the result; <see langword="null"/> for floating precision and SRID 4326.</param>
    /// <returns>The geometry.</returns>
    /// <exception cref="JsonException">The bytes are not a valid GeoJSON geometry; the message names the path.</exception>
    public static Geometry ReadGeometry(ReadOnlySpan<byte> utf8Json, GeometryFactory? factory = null)
    {
        var raw = GeoJsonParser.Parse(utf8Json);
        if (!raw.IsGeometry)
        {
            throw GeoJsonParser.Error("$", $"expected a GeoJSON geometry but found a {raw.Type}; use {nameof(GeoJsonReader)}.{nameof(ReadGeometries)} for Features and FeatureCollections.");
        }

        return GeoJsonGeometryBuilder.Build(raw, factory ?? GeoJsonGeometryBuilder.DefaultFactory);
    }

    /// <summary>
    /// Reads the geometries of any GeoJSON object: a geometry gives itself, a Feature its geometry, a FeatureCollection
    /// the geometry of each Feature in order. A Feature whose geometry is null gives a null entry.
    /// </summary>
    /// <param name="json">The GeoJSON text.</param>
    /// <param name="factory">Factory for the result; <see langword="null"/> for floating precision and SRID 4326.</param>
    /// <returns>The geometries.</returns>
    /// <exception cref="JsonException">The text is not valid GeoJSON; the message names the path.</exception>
    public static IReadOnlyList<Geometry?> ReadGeometries(string json, GeometryFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        factory ??= GeoJsonGeometryBuilder.DefaultFactory;
        var raw = Parse(json);
        var result = new List<Geometry?>();
        switch (raw.Type)
        {
            case GeoJsonTypes.FeatureCollection:
                foreach (var feature in raw.Features!)
                {
                    result.Add(feature.Geometry is null ? null : GeoJsonGeometryBuilder.Build(feature.Geometry, factory));
                }

                break;
            case GeoJsonTypes.Feature:
                result.Add(raw.Geometry is null ? null : GeoJsonGeometryBuilder.Build(raw.Geometry, factory));
                break;
            default:
                result.Add(GeoJsonGeometryBuilder.Build(raw, factory));
                break;
        }

        return result;
    }

    internal static RawGeoJsonObject Parse(string json, int maxDepth = GeoJsonParser.DefaultMaxDepth, int maxPositions = int.MaxValue) =>
        GeoJsonParser.Parse(Encoding.UTF8.GetBytes(json), maxDepth, maxPositions);
}
