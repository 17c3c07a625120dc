namespace SatDownload;

/// <summary>UTM zone selection for a WGS84 position, with the Norway and Svalbard exceptions.</summary>
internal static class UtmZones
{
    /// <summary>EPSG code of the WGS84 / UTM zone containing the position: 326zz north of the equator, 327zz south.</summary>
    public static int EpsgCode(double longitude, double latitude)
    {
        var zone = Zone(longitude, latitude);
        return (latitude >= 0 ? 32600 : 32700) + zone;
    }

    public static int Zone(double longitude, double latitude)
    {
        // Normalise to [-180, 180) so 180° itself falls in zone 1 (as in the UTM grid).
        var lon = longitude;
        while (lon >= 180)
        {
            lon -= 360;
        }

        while (lon < -180)
        {
            lon += 360;
        }

        var zone = (int)Math.Floor((lon + 180) / 6) + 1;

        // South-west Norway: zone 32V is widened westwards to 3°E.
        if (latitude >= 56 && latitude < 64 && lon >= 3 && lon < 12)
        {
            return 32;
        }

        // Svalbard: zones 32X, 34X and 36X are not used; 31X, 33X, 35X and 37X are widened.
        if (latitude >= 72 && latitude < 84 && lon >= 0 && lon < 42)
        {
            return lon < 9 ? 31 : lon < 21 ? 33 : lon < 33 ? 35 : 37;
        }

        return Math.Clamp(zone, 1, 60);
    }
}
