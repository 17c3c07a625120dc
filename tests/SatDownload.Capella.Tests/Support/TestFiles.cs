namespace SatDownload.Capella.Tests.Support;

/// <summary>Reads files copied from TestData/.</summary>
internal static class TestFiles
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    /// <summary>The article's product example with <c>{{base}}</c> replaced by an API root.</summary>
    public static string ProductExample(Uri apiRoot) => Read("product-example.json").Replace("{{base}}", apiRoot.AbsoluteUri, StringComparison.Ordinal);
}
