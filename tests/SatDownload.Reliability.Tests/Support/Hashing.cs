using System.Security.Cryptography;

namespace SatDownload.Reliability.Tests.Support;

internal static class Hashing
{
    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
