namespace SatDownload.Tests.AoiTests;

/// <summary>Reads the provider examples copied into TestData/Aoi (see the README there).</summary>
internal static class AoiTestData
{
    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Aoi", fileName));
}
