using SatDownload.Eos.Tasks;

namespace SatDownload.Eos.Assets;

/// <summary>
/// Resolves an EOS result asset to a download location just before each attempt. The first attempt uses what the last
/// status call showed (no extra request); an expired or refused location is replaced by calling the status endpoint
/// again, which yields a freshly signed URL or redirect. Inline results are fetched from the status call itself with
/// the API key, after taking a permit from the shared rate limiter (the download counts against that endpoint's limit).
/// </summary>
internal sealed class EosResultResolver : CachingSignedUrlResolver
{
    private readonly EosClient _client;
    private readonly EosLoadByExtentTask _task;
    private readonly int _index;

    public EosResultResolver(EosClient client, EosLoadByExtentTask task, int index, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _client = client;
        _task = task;
        _index = index;
    }

    protected override async Task<DownloadLocation> ResolveFreshAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken)
    {
        var observation = _task.LastObservation;
        if (context.MustRefresh || observation is null || observation.Delivery == EosResultDelivery.Unknown)
        {
            observation = await _client.ObserveTaskAsync(_task.Id, cancellationToken).ConfigureAwait(false);
            _task.Remember(observation);
        }

        switch (observation.Delivery)
        {
            case EosResultDelivery.InlineBinary:
                await _client.WaitForStatusPermitAsync(cancellationToken).ConfigureAwait(false);
                return _client.CreateInlineLocation(_task.Id);
            case EosResultDelivery.ResultUrls or EosResultDelivery.Redirect when _index < observation.ResultUrls.Count:
                return new DownloadLocation(observation.ResultUrls[_index]);
            default:
                throw new SatDownloadException(
                    $"EOS task '{_task.Id}' no longer offers result file {_index + 1} (EOS status '{observation.Json?.Status ?? "unknown"}', delivery {observation.Delivery}); the result may have expired. Create the task again.");
        }
    }
}
