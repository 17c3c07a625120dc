using NetTopologySuite.Geometries;
using SatDownload.Capella.Models;

namespace SatDownload.Capella;

/// <summary>Client-side checks run before any request, so that a bad request costs no call and names the fix.</summary>
internal static class CapellaValidation
{
    public static void Id(string? value, string parameterName, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} must not be empty.", parameterName);
        }

        if (value.IndexOfAny(['/', '?', '#', '\\']) >= 0 || value.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {what} '{value}' contains '/', '?', '#', '\\' or '..'; pass the bare id (for example 58045dcd-77c9-4097-82eb-710181e3e58f).", parameterName);
        }
    }

    public static void AoiPolygon(Polygon polygon, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(polygon, parameterName);
        if (polygon.IsEmpty)
        {
            throw new ArgumentException("The AOI polygon is empty; give at least three distinct corners.", parameterName);
        }

        if (!polygon.IsValid)
        {
            throw new ArgumentException("The AOI polygon is not valid (self-intersecting or with a bad ring); fix it, for example with Geometry.Buffer(0).", parameterName);
        }

        foreach (var c in polygon.Coordinates)
        {
            if (double.IsNaN(c.X) || double.IsNaN(c.Y) || c.X < -180 || c.X > 180 || c.Y < -90 || c.Y > 90)
            {
                throw new ArgumentException(
                    $"The AOI polygon has the corner ({c.X}, {c.Y}) outside WGS84 longitude [-180, 180] / latitude [-90, 90]; Capella AOIs are longitude/latitude in EPSG:4326.",
                    parameterName);
            }
        }
    }

    public static void AoiCreate(CapellaAoiOptions options, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(options, parameterName);
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            throw new ArgumentException("CapellaAoiOptions.Name is required to create an AOI; give it a name.", parameterName);
        }
    }

    public static IReadOnlyList<CapellaOrderItem> OrderItems(IEnumerable<CapellaOrderItem>? items, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        var list = items.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("An order needs at least one item (collectionId + granuleId).", parameterName);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i] ?? throw new ArgumentException($"Order item [{i}] is null.", parameterName);
            if (string.IsNullOrWhiteSpace(item.CollectionId))
            {
                throw new ArgumentException($"Order item [{i}] has no collectionId; set it to the catalog collection, for example 'capella-archive'.", parameterName);
            }

            if (string.IsNullOrWhiteSpace(item.GranuleId))
            {
                throw new ArgumentException($"Order item [{i}] has no granuleId; set it to the STAC item id.", parameterName);
            }
        }

        var duplicate = list.GroupBy(i => (i.CollectionId, i.GranuleId)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Order item {duplicate.Key.CollectionId}/{duplicate.Key.GranuleId} is listed twice; list each granule once.", parameterName);
        }

        return list;
    }
}
