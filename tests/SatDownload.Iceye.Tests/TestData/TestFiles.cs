namespace SatDownload.Iceye.Tests.TestData;

/// <summary>Reads the verbatim examples copied next to the tests (see TestData/README.md).</summary>
internal static class TestFiles
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
