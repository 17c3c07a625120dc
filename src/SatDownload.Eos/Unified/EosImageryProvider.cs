using SatDownload.Eos.Assets;
using SatDownload.Eos.Tasks;

namespace SatDownload.Eos.Unified;

/// <summary>
/// Plugs EOS load-by-extent into <see cref="SatDownloadClient"/>: <see cref="EosLoadByExtentImageryRequest"/> becomes one
/// EOS task, rebuilt from its id when the download journal resumes it. Registered by
/// <c>services.AddSatDownload().AddEos(...)</c>; thread-safe.
/// </summary>
/// <remarks>
/// EOS publishes no price or quote call for load by extent, so <see cref="ImageryProvider.EstimateCostAsync"/> returns
/// null (with <see cref="SatDownloadClientOptions.RequireCostEstimate"/> set, EOS requests are refused before ordering).
/// Polling starts at the client's <see cref="EosClientOptions.PollInterval"/> so a status loop never uses more than its
/// share of EOS's 10 requests per minute per endpoint. Downloaded results are finished as <see cref="EosClient.DownloadResultsAsync"/>
/// finishes them: the extension follows the type in the file, and zip results are extracted when
/// <see cref="EosImageryProviderOptions.ExtractArchives"/> is set.
/// </remarks>
public class EosImageryProvider : ImageryProvider
{
    private readonly EosClient _client = null!;
    private readonly EosResultFinisher _finisher = new(false, null, false);

    /// <summary>For mocking.</summary>
    protected EosImageryProvider()
    {
    }

    /// <summary>Creates the provider over a client.</summary>
    /// <param name="client">The EOS client.</param>
    /// <param name="options">How result files are finished; defaults (no extraction) when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An extraction limit is invalid.</exception>
    public EosImageryProvider(EosClient client, EosImageryProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        var settings = options ?? new EosImageryProviderOptions();
        Options = new EosImageryProviderOptions { ExtractArchives = settings.ExtractArchives, ExtractionLimits = settings.ExtractionLimits };
        _finisher = new EosResultFinisher(settings.ExtractArchives, settings.ExtractionLimits, deleteArchiveAfterExtraction: false);
    }

    /// <summary>A copy of the options the provider was created with (changing it has no effect).</summary>
    public EosImageryProviderOptions Options { get; } = new();

    /// <inheritdoc />
    public override string Name => ProviderNames.Eos;

    /// <summary>The client's poll interval growing to its maximum; no overall timeout (EOS's own task timeout ends the task).</summary>
    public override TaskPollingOptions DefaultPolling => new()
    {
        InitialInterval = _client?.Settings.PollInterval ?? TimeSpan.FromSeconds(10),
        MaxInterval = _client?.Settings.MaxPollInterval ?? TimeSpan.FromMinutes(1),
    };

    /// <summary>Accepts <see cref="EosLoadByExtentImageryRequest"/> only.</summary>
    /// <param name="request">The request.</param>
    /// <returns>True for an EOS load-by-extent request.</returns>
    public override bool CanHandle(ImageryRequest request) => request is EosLoadByExtentImageryRequest && base.CanHandle(request);

    /// <summary>Creates the EOS task(s), or rebuilds existing ones (validated first; nothing is sent for an invalid request).</summary>
    /// <param name="request">An <see cref="EosLoadByExtentImageryRequest"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>An <see cref="EosLoadByExtentTask"/>, or an <see cref="EosLoadByExtentTaskGroup"/> for several polygons or ids.</returns>
    /// <exception cref="ArgumentException">The request is not an EOS load-by-extent request.</exception>
    /// <exception cref="ImageryRequestValidationException">The request is invalid.</exception>
    /// <exception cref="ProviderRequestException">EOS refused the task.</exception>
    public override async Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default) =>
        await _client.StartAsync(Expect(request), cancellationToken).ConfigureAwait(false);

    /// <summary>Rebuilds the task from its id (no new task is created) and reads its current status once.</summary>
    /// <param name="request">The request the task was created for (supplies file names and the type prediction).</param>
    /// <param name="taskId">The EOS task id, or several joined by <c>,</c> for a group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task in its current state.</returns>
    /// <exception cref="ProviderRequestException">EOS does not know the task (404) or refused the status call.</exception>
    public override async Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default)
    {
        var eos = Expect(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var task = _client.GetTask(taskId, eos.ToTaskInfo());
        await task.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return task;
    }

    /// <summary>
    /// Finishes a downloaded result as <see cref="EosClient.DownloadResultsAsync"/> does: renames it to the extension of
    /// the type read from its first bytes when EOS sent another type than predicted, and, with
    /// <see cref="EosImageryProviderOptions.ExtractArchives"/>, extracts a zip into a folder next to it
    /// (<see cref="DownloadResult.ExtractedFiles"/>). Idempotent: a zip already extracted by an earlier run, unchanged and
    /// with its files still there, is not extracted again.
    /// </summary>
    /// <param name="result">A succeeded download.</param>
    /// <param name="cancellationToken">Cancels the extraction (nothing of the archive is kept).</param>
    /// <returns>The result with its final path and extracted files.</returns>
    /// <exception cref="Archives.UnsafeArchiveException">The zip was refused; nothing of it was extracted and the zip is kept.</exception>
    /// <exception cref="InvalidDataException">The result looks like a zip but cannot be read as one.</exception>
    public override async Task<DownloadResult> ProcessDownloadedFileAsync(DownloadResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.FilePath is not { } downloaded || !File.Exists(downloaded))
        {
            return result;
        }

        var (path, type) = EosResultFinisher.FixType(downloaded);
        var extracted = await _finisher.ExtractAsync(path, type, result.Sha256, cancellationToken).ConfigureAwait(false);
        return result with { FilePath = path, ExtractedFiles = extracted };
    }

    private static EosLoadByExtentImageryRequest Expect(ImageryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request as EosLoadByExtentImageryRequest
            ?? throw new ArgumentException($"The EOS provider handles EosLoadByExtentImageryRequest, not {request.GetType().Name}.", nameof(request));
    }
}
