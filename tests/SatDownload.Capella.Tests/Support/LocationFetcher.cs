using System.Security.Cryptography;

namespace SatDownload.Capella.Tests.Support;

/// <summary>Fetches a resolved <see cref="DownloadLocation"/> the way a downloader does (its headers only), for resolver tests.</summary>
internal static class LocationFetcher
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public static async Task<(int Status, string Sha256, long Length)> FetchAsync(DownloadLocation location)
    {
        using var request = new HttpRequestMessage(location.Method, location.Uri);
        foreach (var (name, value) in location.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), bytes.LongLength);
    }
}
