namespace SatDownload.Samples.Quickstart;

/// <summary>One file a flow produced (or failed to), for the summary.</summary>
internal sealed record FlowFile(string Identity, bool Succeeded, string? FilePath, long Bytes, string? Sha256, int Retries, bool Resumed, string? Error)
{
    public static FlowFile From(DownloadResult r) =>
        new(r.Asset.Identity, r.Succeeded, r.FilePath, r.BytesWritten, r.Sha256, Math.Max(0, r.Attempts - 1), r.Resumed, r.Exception?.Message);
}
