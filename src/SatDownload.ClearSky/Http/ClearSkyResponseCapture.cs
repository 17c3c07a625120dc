using System.Net.Http.Headers;

namespace SatDownload.ClearSky.Http;

/// <summary>
/// What the capture handler saw on a file response: the server's file name and attribution header. One instance per
/// download call, carried through the shared downloader by an <see cref="AsyncLocal{T}"/> so the adapter can name the file
/// and pass the attribution on without the downloader knowing about ClearSKY.
/// </summary>
internal sealed class ClearSkyResponseCapture
{
    private static readonly AsyncLocal<ClearSkyResponseCapture?> CurrentCapture = new();

    public static ClearSkyResponseCapture? Current
    {
        get => CurrentCapture.Value;
        set => CurrentCapture.Value = value;
    }

    public string? FileName { get; private set; }

    public string? Attribution { get; private set; }

    public void Record(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        if (response.Content.Headers.ContentDisposition is ContentDispositionHeaderValue disposition &&
            (disposition.FileNameStar ?? disposition.FileName) is { Length: > 0 } name)
        {
            FileName = Path.GetFileName(name.Trim('"').Replace('\\', '/'));
        }

        Attribution = ClearSkyAttribution.FromHeaders(response) ?? Attribution;
    }
}
