using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;

namespace SatDownload.Eos;

public partial class EosClient
{
    /// <summary>
    /// Creates the EOS task for a unified request (the same request <see cref="SatDownloadClient"/> runs), after
    /// validating it without any network call.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task, already in its first state; wait on it and list its assets as usual.</returns>
    /// <exception cref="ImageryRequestValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ProviderRequestException">EOS refused the task.</exception>
    public virtual async Task<EosLoadByExtentTask> StartAsync(EosLoadByExtentImageryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return await CreateLoadByExtentTaskAsync(request.LoadByExtent, cancellationToken).ConfigureAwait(false);
    }
}
