using System.Globalization;

namespace SatDownload;

/// <summary>Invariant number formatting for AOI messages.</summary>
internal static class AoiFormat
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Point(double x, double y) => $"({Number(x)}, {Number(y)})";

    public static string Position(double x, double y) => $"[{Number(x)}, {Number(y)}]";

    public static string Vertex(string ringLocation, int vertex) => string.Create(CultureInfo.InvariantCulture, $"{ringLocation}, vertex {vertex}");

    public static string Ring(string polygonLocation, int ring) => string.Create(CultureInfo.InvariantCulture, $"{polygonLocation}, ring {ring}");
}
