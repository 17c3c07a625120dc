using System.Text.Json;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>Reads a destination's STAC catalog back: every asset's local file (full path) and its SHA-256 from <c>file:checksum</c>.</summary>
internal static class StacManifestFiles
{
    /// <summary>SHA-256 multihash prefix (code 0x12, length 0x20) of <c>file:checksum</c>.</summary>
    private const string Sha256MultihashPrefix = "1220";

    /// <summary>Full path of each catalogued file → its lower-case SHA-256 (null when the item gives none).</summary>
    public static IReadOnlyDictionary<string, string?> Read(string catalogPath)
    {
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        var catalogDirectory = Path.GetDirectoryName(catalogPath)!;
        using var catalog = JsonDocument.Parse(File.ReadAllBytes(catalogPath));
        foreach (var link in catalog.RootElement.GetProperty("links").EnumerateArray())
        {
            if (link.GetProperty("rel").GetString() != "item")
            {
                continue;
            }

            var itemPath = Path.GetFullPath(Path.Combine(catalogDirectory, link.GetProperty("href").GetString()!));
            using var item = JsonDocument.Parse(File.ReadAllBytes(itemPath));
            foreach (var asset in item.RootElement.GetProperty("assets").EnumerateObject())
            {
                var href = asset.Value.GetProperty("href").GetString()!;
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(itemPath)!, href));
                string? sha = null;
                if (asset.Value.TryGetProperty("file:checksum", out var checksum) && checksum.GetString() is { } multihash &&
                    multihash.StartsWith(Sha256MultihashPrefix, StringComparison.Ordinal))
                {
                    sha = multihash[Sha256MultihashPrefix.Length..];
                }

                files[path] = sha;
            }
        }

        return files;
    }
}
