namespace SatDownload.SentinelHub;

/// <summary>WGS84 → UTM (transverse Mercator, Krüger series to n³; sub-millimetre inside a zone) for building UTM requests.</summary>
internal static class UtmProjection
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;
    private const double K0 = 0.9996;

    public static (double Easting, double Northing) Forward(double lon, double lat, int epsg)
    {
        var zone = epsg % 100;
        var south = epsg / 100 == 327;
        var lon0 = ((zone - 1) * 6) - 180 + 3;
        var n = F / (2 - F);
        var a = A / (1 + n) * (1 + (n * n / 4) + (n * n * n * n / 64));
        double[] alpha = [(n / 2) - (2 * n * n / 3) + (5 * n * n * n / 16), (13 * n * n / 48) - (3 * n * n * n / 5), 61 * n * n * n / 240];
        var phi = lat * Math.PI / 180;
        var lambda = (lon - lon0) * Math.PI / 180;
        var e = Math.Sqrt(F * (2 - F));
        var t = Math.Sinh(Atanh(Math.Sin(phi)) - (e * Atanh(e * Math.Sin(phi))));
        var xi = Math.Atan2(t, Math.Cos(lambda));
        var eta = Atanh(Math.Sin(lambda) / Math.Sqrt(1 + (t * t)));
        var x = eta;
        var y = xi;
        for (var j = 1; j <= 3; j++)
        {
            x += alpha[j - 1] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
            y += alpha[j - 1] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
        }

        var easting = 500000 + (K0 * a * x);
        var northing = (K0 * a * y) + (south ? 10000000 : 0);
        return (easting, northing);
    }

    private static double Atanh(double x) => 0.5 * Math.Log((1 + x) / (1 - x));
}
