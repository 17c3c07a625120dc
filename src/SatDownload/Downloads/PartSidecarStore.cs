using System.Text.Json;

namespace SatDownload.Downloads;

/// <summary>Reads and atomically writes <see cref="PartSidecar"/> files.</summary>
internal static class PartSidecarStore
{
    public const string PartSuffix = ".part";
    public const string SidecarSuffix = ".part.json";

    public static string PartPathFor(string finalPath) => finalPath + PartSuffix;

    public static string SidecarPathFor(string finalPath) => finalPath + SidecarSuffix;

    /// <summary>Reads a sidecar; null when missing, unreadable, of another version or for another asset.</summary>
    public static PartSidecar? TryLoad(string sidecarPath, string identity)
    {
        try
        {
            if (!File.Exists(sidecarPath))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(sidecarPath);
            var sidecar = JsonSerializer.Deserialize(bytes, PartSidecarJsonContext.Default.PartSidecar);
            if (sidecar is null || sidecar.Version != PartSidecar.CurrentVersion || !string.Equals(sidecar.Identity, identity, StringComparison.Ordinal))
            {
                return null;
            }

            // Defensive: malformed pairs are dropped rather than trusted.
            sidecar.Ranges = sidecar.Ranges.Where(r => r is { Length: 2 } && r[0] >= 0 && r[1] > r[0]).ToList();
            return sidecar;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the sidecar to a temporary file and renames it over the old one, so a crash never leaves half a record.</summary>
    public static void Save(string sidecarPath, PartSidecar sidecar)
    {
        var temp = sidecarPath + ".tmp";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(sidecar, PartSidecarJsonContext.Default.PartSidecar);
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, sidecarPath, overwrite: true);
    }

    public static void Delete(string sidecarPath)
    {
        TryDelete(sidecarPath);
        TryDelete(sidecarPath + ".tmp");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stale sidecar is ignored next time because its part file is gone.
        }
    }
}
