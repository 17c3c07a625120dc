namespace SatDownload.Samples.Quickstart;

/// <summary>The default area of interest: farmland south-west of Toulouse, France (about 4 km²).</summary>
internal static class SampleAoi
{
    public const string GeoJson = """
        {"type":"Polygon","coordinates":[[[1.2900,43.5300],[1.3150,43.5300],[1.3150,43.5480],[1.2900,43.5480],[1.2900,43.5300]]]}
        """;

    public static Aoi Load(string? path)
    {
        if (path is null)
        {
            return Aoi.FromGeoJson(GeoJson);
        }

        var text = File.ReadAllText(path);
        return text.TrimStart().StartsWith('{') ? Aoi.FromGeoJson(text) : Aoi.FromWkt(text);
    }
}
