using System.Text.Json;
using System.Text.RegularExpressions;

namespace SatDownload.SentinelHub.Tests.Support;

/// <summary>Reads the founding document's rendered examples (<c>- </c> markers before members) as JSON.</summary>
internal static partial class FoundingExample
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name + ".txt"));

    public static string ToJson(string name)
    {
        var json = Marker().Replace(Text(name), string.Empty);

        // Normalize through a tolerant reader: the page leaves trailing commas behind collapsed members.
        return System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true })!.ToJsonString();
    }

    [GeneratedRegex(@"(?<=^|[\s{\[,])- ", RegexOptions.Multiline)]
    private static partial Regex Marker();
}
