using System.Text.Json;

namespace SatDownload.SentinelHub;

/// <summary>Computes the envelope of a GeoJSON geometry held as a <see cref="JsonElement"/>.</summary>
internal static class GeoJsonBounds
{
    public static double[]? Compute(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("coordinates", out var coords))
        {
            return null;
        }

        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        var any = false;
        Walk(coords, ref minX, ref minY, ref maxX, ref maxY, ref any);
        return any ? [minX, minY, maxX, maxY] : null;
    }

    private static void Walk(JsonElement e, ref double minX, ref double minY, ref double maxX, ref double maxY, ref bool any)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        if (e.GetArrayLength() >= 2 && e[0].ValueKind == JsonValueKind.Number)
        {
            var x = e[0].GetDouble();
            var y = e[1].GetDouble();
            minX = Math.Min(minX, x);
            minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
            any = true;
            return;
        }

        foreach (var child in e.EnumerateArray())
        {
            Walk(child, ref minX, ref minY, ref maxX, ref maxY, ref any);
        }
    }
}
