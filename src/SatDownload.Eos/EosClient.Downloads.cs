using SatDownload.Archives;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Tasks;

namespace SatDownload.Eos;

public partial class EosClient
{
    /// <summary>
    /// Downloads a succeeded task's result file(s) with the shared <see cref="AssetDownloader"/>, checks each file's real
    /// type against the prediction (fixing the extension when EOS returned something else), and optionally extracts zip
    /// results safely.
    /// </summary>
    /// <param name="task">The task (succeeded, or it is polled once).</param>
    /// <param name="downloader">The shared downloader.</param>
    /// <param name="destinationDirectory">The folder to write into (the downloader's file-name template applies).</param>
    /// <param name="options">Download and extraction options.</param>
    /// <param name="progress">Receives download progress.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <returns>One result per file.</returns>
    /// <exception cref="InvalidOperationException">The task has not succeeded.</exception>
    public virtual async Task<IReadOnlyList<EosDownloadResult>> DownloadResultsAsync(
        EosLoadByExtentTask task,
        AssetDownloader downloader,
        string destinationDirectory,
        EosDownloadOptions? options = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        options ??= new EosDownloadOptions();
        var finisher = new EosResultFinisher(options.ExtractArchives, options.ExtractionLimits, options.DeleteArchiveAfterExtraction);

        var assets = new List<ImageryAsset>();
        await foreach (var asset in task.GetAssetsAsync(cancellationToken).ConfigureAwait(false))
        {
            assets.Add(asset);
        }

        var downloads = await downloader.DownloadAsync(assets, destinationDirectory, options.Download, progress, cancellationToken).ConfigureAwait(false);
        var prediction = assets.Count == 1 ? task.PredictedResult : null;
        var results = new List<EosDownloadResult>(downloads.Count);
        foreach (var download in downloads)
        {
            if (!download.Succeeded || download.FilePath is null)
            {
                results.Add(new EosDownloadResult { Download = download, Predicted = prediction });
                continue;
            }

            var (path, actual) = EosResultFinisher.FixType(download.FilePath);
            IReadOnlyList<ExtractedFile> extracted = Array.Empty<ExtractedFile>();
            Exception? failure = null;
            try
            {
                extracted = await finisher.ExtractAsync(path, actual, download.Sha256, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is UnsafeArchiveException or InvalidDataException or IOException)
            {
                failure = ex;
            }

            results.Add(new EosDownloadResult
            {
                Download = download,
                Predicted = prediction,
                ActualType = actual,
                FilePath = path,
                ExtractedFiles = extracted,
                Exception = failure,
            });
        }

        return results;
    }
}
