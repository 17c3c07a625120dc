using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace SatDownload.ClearSky.Http;

/// <summary>
/// What a file response told the adapter: the server's file name and attribution header. Filled two ways: by the capture
/// handler of this adapter's pipeline for the <see cref="AsyncLocal{T}"/> <see cref="Current"/> capture of one
/// <see cref="ClearSkyClient"/> download call, and by the <see cref="DownloadLocation.OnResponse"/> callback of every
/// ClearSKY file asset, whatever downloader fetches it (for example <see cref="SatDownloadClient"/>'s shared one), found
/// again with <see cref="Of"/> once the download is over.
/// </summary>
internal sealed class ClearSkyResponseCapture
{
    private static readonly AsyncLocal<ClearSkyResponseCapture?> CurrentCapture = new();

    // Keyed by the asset instance and dropped with it: the unified flow passes the very instance it listed to the provider's
    // post-download step, so no per-run state has to live in the (shared) provider.
    private static readonly ConditionalWeakTable<ImageryAsset, ClearSkyResponseCapture> ByAsset = new();

    public static ClearSkyResponseCapture? Current
    {
        get => CurrentCapture.Value;
        set => CurrentCapture.Value = value;
    }

    public string? FileName { get; private set; }

    public string? Attribution { get; private set; }

    /// <summary>The capture attached to <paramref name="asset"/> when it was created, or null.</summary>
    /// <param name="asset">A ClearSKY file asset.</param>
    /// <returns>The capture, or null for assets not created by this adapter (or copies of them).</returns>
    public static ClearSkyResponseCapture? Of(ImageryAsset asset) => ByAsset.TryGetValue(asset, out var capture) ? capture : null;

    /// <summary>Attaches this capture to <paramref name="asset"/>, for <see cref="Of"/>.</summary>
    /// <param name="asset">The asset whose location reports to this capture.</param>
    public void AttachTo(ImageryAsset asset) => ByAsset.AddOrUpdate(asset, this);

    public void Record(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        Record(response.Content.Headers.ContentDisposition, ClearSkyAttribution.FromHeaders(response));
    }

    public void Record(StorageResponse response)
    {
        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        Record(response.ContentHeaders?.ContentDisposition, ClearSkyAttribution.FromHeaderValue(name => response.GetHeader(name)));
    }

    private void Record(ContentDispositionHeaderValue? disposition, string? attribution)
    {
        if (disposition is not null && (disposition.FileNameStar ?? disposition.FileName) is { Length: > 0 } name)
        {
            FileName = Path.GetFileName(name.Trim('"').Replace('\\', '/'));
        }

        Attribution = attribution ?? Attribution;
    }
}
